package glassbox.views;

import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** Label images: a burst of new labels (a pasted prompt) is snapshotted a few per frame, and every one arrives. */
@ExtendWith(ApplicationExtension.class)
class LabelImagesTest {
    @Start void start(Stage stage) { stage.setScene(new Scene(new StackPane(), 200, 100)); stage.show(); }

    static <T> T fx(Callable<T> c) { return WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(c)); }

    @Test void aBurstOfNewLabelsIsSpreadOverFramesAndAllArrive() {
        Font font = Font.font(12);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 60; i++) texts.add("burst label " + i);
        int[] images = {0};
        Runnable[] askAll = new Runnable[1];
        askAll[0] = () -> {   // a view's redraw: asks for every label, draws those that are ready
            int ready = 0;
            for (String t : texts) if (LabelImages.upright(t, font, Color.BLACK, 1, () -> askAll[0].run()) != null) ready++;
            images[0] = ready;
        };
        int started = fx(() -> { askAll[0].run(); return LabelImages.pending(); });
        assertTrue(started > 0 && started <= LabelImages.SNAPSHOTS_PER_FRAME, "snapshots started in the first frame: " + started);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (fx(() -> images[0]) < texts.size() && System.nanoTime() < until) WaitForAsyncUtils.sleep(20, TimeUnit.MILLISECONDS);
        assertEquals(texts.size(), (int) fx(() -> images[0]), "every label arrived through the redraws it triggered");
        assertEquals(0, (int) fx(LabelImages::pending));
    }
}
