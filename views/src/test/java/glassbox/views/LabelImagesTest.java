package glassbox.views;

import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.Image;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
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

/** Label images: a burst of new labels (a pasted prompt) is drawn by one snapshot, and each label's image is its own. */
@ExtendWith(ApplicationExtension.class)
class LabelImagesTest {
    @Start void start(Stage stage) { stage.setScene(new Scene(new StackPane(), 200, 100)); stage.show(); }

    static <T> T fx(Callable<T> c) { return WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(c)); }

    private static int inkColumns(Image img) {
        int n = 0;
        for (int x = 0; x < img.getWidth(); x++) {
            for (int y = 0; y < img.getHeight(); y++) {
                if (img.getPixelReader().getColor(x, y).getOpacity() > 0.5) { n++; break; }
            }
        }
        return n;
    }

    @Test void aBurstOfNewLabelsIsOneSnapshotAndEveryLabelArrivesAsItself() {
        Font font = Font.font(12);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 60; i++) texts.add("burst label " + "W".repeat(i % 7) + i);
        int[] images = {0};
        Runnable[] askAll = new Runnable[1];
        askAll[0] = () -> {   // a view's redraw: asks for every label, draws those that are ready
            int ready = 0;
            for (String t : texts) if (LabelImages.upright(t, font, Color.BLACK, 1, () -> askAll[0].run()) != null) ready++;
            images[0] = ready;
        };
        int before = fx(LabelImages::snapshots);
        assertEquals(60, (int) fx(() -> { askAll[0].run(); return LabelImages.pending(); }), "all 60 wait for one batch");
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (fx(() -> images[0]) < texts.size() && System.nanoTime() < until) WaitForAsyncUtils.sleep(20, TimeUnit.MILLISECONDS);
        assertEquals(texts.size(), (int) fx(() -> images[0]), "every label arrived through the redraw it triggered");
        assertEquals(1, fx(LabelImages::snapshots) - before, "drawn by one snapshot");
        assertEquals(0, (int) fx(LabelImages::pending));
        for (int i : new int[]{0, 13, 59}) {   // each cut-out is that label: the size and ink of the text drawn alone
            String s = texts.get(i);
            Image img = fx(() -> LabelImages.upright(s, font, Color.BLACK, 1, () -> {}));
            Image alone = fx(() -> {
                Text t = new Text(s);
                t.setFont(font);
                SnapshotParameters p = new SnapshotParameters();
                p.setFill(Color.TRANSPARENT);
                return t.snapshot(p, null);
            });
            assertEquals(alone.getWidth(), img.getWidth(), 1, s + " width");
            assertEquals(alone.getHeight(), img.getHeight(), 1, s + " height");
            assertEquals(inkColumns(alone), inkColumns(img), 2, s + " columns with ink");
        }
    }

    /** More labels than one batch holds: the rest go in the next batch, started by the redraws the first one runs. */
    @Test void moreLabelsThanABatchArriveInTwoSnapshots() {
        Font font = Font.font(12);
        int n = LabelImages.BATCH + 44;
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < n; i++) texts.add("overflow label " + i);
        int[] images = {0};
        Runnable[] askAll = new Runnable[1];
        askAll[0] = () -> {
            int ready = 0;
            for (String t : texts) if (LabelImages.upright(t, font, Color.BLACK, 1, () -> askAll[0].run()) != null) ready++;
            images[0] = ready;
        };
        int before = fx(LabelImages::snapshots);
        assertEquals(LabelImages.BATCH, (int) fx(() -> { askAll[0].run(); return LabelImages.pending(); }), "one batch full");
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (fx(() -> images[0]) < n && System.nanoTime() < until) WaitForAsyncUtils.sleep(20, TimeUnit.MILLISECONDS);
        assertEquals(n, (int) fx(() -> images[0]), "every label arrived");
        assertEquals(2, fx(LabelImages::snapshots) - before, "two snapshots");
    }

    @Test void turnedLabelsAreTallerThanWide() {
        Font font = Font.font(12);
        String s = "a turned column label";
        Image[] img = {null};
        Runnable ask = () -> img[0] = LabelImages.turned(s, font, Color.BLACK, 1, () -> {});
        fx(() -> { ask.run(); return null; });
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (fx(() -> { ask.run(); return img[0]; }) == null && System.nanoTime() < until) WaitForAsyncUtils.sleep(20, TimeUnit.MILLISECONDS);
        assertNotNull(img[0]);
        assertTrue(img[0].getHeight() > 4 * img[0].getWidth(), img[0].getWidth() + "×" + img[0].getHeight());
    }
}
