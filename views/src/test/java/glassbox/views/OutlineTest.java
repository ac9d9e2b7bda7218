package glassbox.views;

import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.*;

/** Outlines from filled strips land on the same pixels as JavaFX's own strokeRect (pixel-aligned cases). */
@ExtendWith(ApplicationExtension.class)
class OutlineTest {
    @Start void start(Stage stage) { stage.setScene(new Scene(new StackPane(), 100, 100)); stage.show(); }

    private static Image draw(Consumer<GraphicsContext> paint) {
        return WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> {
            Canvas c = new Canvas(60, 40);
            paint.accept(c.getGraphicsContext2D());
            SnapshotParameters p = new SnapshotParameters();
            p.setFill(Color.WHITE);
            return c.snapshot(p, null);
        }));
    }

    private static void assertSamePixels(Image a, Image b, String what) {
        int inked = 0;
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 60; x++) {
                assertEquals(a.getPixelReader().getArgb(x, y), b.getPixelReader().getArgb(x, y), what + " at " + x + "," + y);
                if (a.getPixelReader().getArgb(x, y) != 0xFFFFFFFF) inked++;
            }
        }
        assertTrue(inked > 40, what + ": an outline was drawn (" + inked + " px)");
    }

    @Test void aOnePixelOutlineOnHalfPixelsMatchesStrokeRect() {
        Image strokes = draw(g -> { g.setStroke(Color.RED); g.setLineWidth(1); g.strokeRect(10.5, 5.5, 30, 20); });
        Image fills = draw(g -> Outline.rect(g, 10.5, 5.5, 30, 20, 1, Color.RED));
        assertSamePixels(strokes, fills, "1 px");
    }

    @Test void aTwoPixelOutlineOnWholePixelsMatchesStrokeRect() {
        Color translucent = Color.rgb(0, 0, 200, 0.5);   // no corner is inked twice
        Image strokes = draw(g -> { g.setStroke(translucent); g.setLineWidth(2); g.strokeRect(9, 4, 31, 22); });
        Image fills = draw(g -> Outline.rect(g, 9, 4, 31, 22, 2, translucent));
        assertSamePixels(strokes, fills, "2 px");
    }
}
