package glassbox.views;

import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import static org.junit.jupiter.api.Assertions.*;

/** The band's image is updated only where paint was or is: what was drawn before must still be cleared. */
@ExtendWith(ApplicationExtension.class)
class LineFanImageTest {
    @Start void start(Stage stage) { stage.setScene(new Scene(new StackPane(), 100, 100)); stage.show(); }

    /** Runs a test body on the FX thread (the image's pixel buffer is updated there) and rethrows its failure here. */
    private static void onFx(Runnable body) {
        Throwable[] failure = {null};
        org.testfx.util.WaitForAsyncUtils.waitFor(org.testfx.util.WaitForAsyncUtils.asyncFx(() -> {
            try { body.run(); } catch (Throwable t) { failure[0] = t; }
        }));
        if (failure[0] instanceof Error e) throw e;
        if (failure[0] != null) throw new AssertionError(failure[0]);
    }

    @Test void aRedrawClearsTheRowsOfTheLastDrawing() { onFx(LineFanImageTest::redrawClears); }

    private static void redrawClears() {
        LineFan f = new LineFan();
        f.reset(30, 200);
        f.stroke(10.5, 10.5, 1, Color.RED, 1);
        var img = f.image();
        assertEquals(0xFFFF0000, img.getPixelReader().getArgb(5, 10));

        f.reset(30, 200);   // same size: the same image object is refilled
        f.stroke(150.5, 150.5, 1, Color.BLUE, 1);
        var again = f.image();
        assertSame(img, again);
        assertEquals(0, again.getPixelReader().getArgb(5, 10) >>> 24, "the old line is gone");
        assertEquals(0xFF0000FF, again.getPixelReader().getArgb(5, 150), "the new one is there");

        f.reset(30, 200);   // nothing drawn: the image is all clear again
        var empty = f.image();
        for (int y = 0; y < 200; y++) assertEquals(0, empty.getPixelReader().getArgb(7, y) >>> 24, "row " + y);
    }

    /** A band a few rows taller (the next token) keeps its image: one texture for many keystrokes, not one each. */
    @Test void aSlightlyTallerBandKeepsItsImage() { onFx(LineFanImageTest::tallerBandKeepsImage); }

    private static void tallerBandKeepsImage() {
        LineFan f = new LineFan();
        f.reset(30, 200);
        f.stroke(150.5, 150.5, 1, Color.RED, 1);
        var img = f.image();
        f.reset(30, 220);
        f.stroke(210.5, 210.5, 1, Color.BLUE, 1);
        assertSame(img, f.image());
        assertEquals(220, f.height());
        assertEquals(0, img.getPixelReader().getArgb(3, 150) >>> 24, "the old line is cleared");
        assertEquals(0xFF0000FF, img.getPixelReader().getArgb(3, 210));
        f.reset(30, 5000);   // far taller: a new, taller image
        assertNotSame(img, f.image());
    }
}
