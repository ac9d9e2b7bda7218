package glassbox.views;

import glassbox.model.trace.Matrix;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.*;

/** The BertViz line view draws its lines where the weights say, also for a context-long prompt. */
@ExtendWith(ApplicationExtension.class)
class AttentionLinesTest {
    private ScrollPane root;   // a control: made once the toolkit runs

    @Start void start(Stage stage) { root = new ScrollPane(); stage.setScene(new Scene(root, 500, 600)); stage.show(); }

    static <T> T fx(Callable<T> c) { return WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(c)); }

    /** Each query puts weight 0.9 on the previous token and 0.1 on the first: a previous-token head. */
    private static Matrix previousTokenHead(int t) {
        float[] w = new float[t * t];
        w[0] = 1;
        for (int q = 1; q < t; q++) { w[q * t + q - 1] += 0.9f; w[q * t] += 0.1f; }
        return new Matrix(t, t, w);
    }

    private static List<String> tokens(int t) {
        List<String> s = new ArrayList<>();
        for (int i = 0; i < t; i++) s.add("t" + i);
        return s;
    }

    /** A line view of the weights and labels with query q selected, shown in the test's scroll pane. */
    private AttentionLines shown(Matrix weights, List<String> labels, int q, boolean allQueries) {
        return fx(() -> {
            AttentionLines x = new AttentionLines();
            x.setData(weights, labels);
            x.setQuery(q);
            if (allQueries) x.setAllQueries(true);
            root.setContent(x);
            return x;
        });
    }

    /** A line pixel: blue, not white or grey. */
    private static boolean blue(int argb) { return (argb & 0xFF) > 150 && ((argb >> 16) & 0xFF) < 150; }

    @Test void theSelectedQuerysStrongLineIsInk() {
        AttentionLines v = shown(previousTokenHead(12), tokens(12), 6, false);
        WaitForAsyncUtils.waitForFxEvents();
        var img = fx(() -> v.snapshot(null, null));
        // the line from query 6 (row y = 20·7) to key 5 (y = 20·6) passes the middle of the gap at y = 130
        int mid = (int) Math.round(img.getWidth() / 2 - 10);
        int inkRow = -1;
        for (int y = 0; y < img.getHeight(); y++) {
            int argb = img.getPixelReader().getArgb(mid, y);
            if (blue(argb)) { inkRow = y; break; }
        }
        assertTrue(Math.abs(inkRow - 130) <= 6, "the strong line crosses the gap's middle near y=130, found " + inkRow);
    }

    @Test void aContextLongPromptDrawsWithoutError() {
        int t = 2048;
        AttentionLines v = shown(previousTokenHead(t), tokens(t), t - 1, true);
        WaitForAsyncUtils.waitForFxEvents();
        fx(() -> { root.setVvalue(1); return null; });
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(20 * (t + 1.5), fx(v::getHeight), 1);
        assertEquals(t - 1, v.query());
    }

    /** Ink pixels (blue, not white or grey) in row y of an image, between columns from and to. */
    private static int blueInk(javafx.scene.image.Image img, int y, int from, int to) {
        int n = 0;
        for (int x = from; x < to; x++) {
            int argb = img.getPixelReader().getArgb(x, y);
            if (blue(argb)) n++;
        }
        return n;
    }

    @Test void inAScrollPaneOnlyTheRowsInViewAreDrawnAndTheyFollowTheScrolling() {
        int t = 256;
        AttentionLines v = shown(previousTokenHead(t), tokens(t), t - 1, false);
        WaitForAsyncUtils.waitForFxEvents();
        double viewport = fx(() -> root.getViewportBounds().getHeight());
        double canvasH = fx(() -> v.getChildrenUnmodifiable().getFirst().getLayoutBounds().getHeight());
        assertTrue(canvasH <= viewport + 2 * 20 + 1, "the canvas covers the viewport and a row either side: " + canvasH + " for " + viewport);
        assertTrue(fx(v::getHeight) > 5000, "the region itself is as tall as every row");

        fx(() -> { root.setVvalue(1); return null; });   // the last query, whose strong line goes to the row above
        WaitForAsyncUtils.waitForFxEvents();
        var shot = fx(() -> root.snapshot(null, null));
        double lastY = fx(() -> root.sceneToLocal(v.localToScene(0, 20.0 * t)).getY());   // query t-1's row centre, in the scroll pane
        int mid = (int) Math.round(fx(v::getWidth) / 2 - 10);
        int ink = 0;
        for (int y = (int) lastY - 14; y <= (int) lastY; y++) ink += blueInk(shot, y, mid - 3, mid + 4);
        assertTrue(ink > 0, "the last query's line is drawn after scrolling to the bottom (row centre at y=" + lastY + ")");

        // a click on the left label of row t-3 selects that query, wherever the canvas now starts
        int[] clicked = {-1};
        fx(() -> { v.setOnQueryClicked(i -> clicked[0] = i); return null; });
        var canvas = fx(() -> v.getChildrenUnmodifiable().getFirst());
        var at = fx(() -> canvas.localToScene(30, 20.0 * (t - 2) + 5 - canvas.getLayoutY()));   // a quarter row below its centre
        fx(() -> {
            canvas.fireEvent(new javafx.scene.input.MouseEvent(javafx.scene.input.MouseEvent.MOUSE_CLICKED, at.getX(), at.getY(), 0, 0,
                    javafx.scene.input.MouseButton.PRIMARY, 1, false, false, false, false, true, false, false, true, false, false, null));
            return null;
        });
        assertEquals(t - 3, clicked[0]);
    }

    @Test void tokenLabelsComeFromTheSharedLabelImages() {
        AttentionLines v = shown(previousTokenHead(5), List.of("alpha", "beta", "gamma", "delta", "epsilon"), 2, false);
        long until = System.nanoTime() + 5_000_000_000L;
        while (fx(LabelImages::size) < 5 && System.nanoTime() < until) WaitForAsyncUtils.sleep(20, java.util.concurrent.TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        int before = fx(LabelImages::size);
        assertTrue(before >= 5, "each token's label was made into an image once: " + before);
        fx(() -> { v.setQuery(3); return null; });   // a redraw with the same labels makes no new images
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(fx(LabelImages::size) <= before + 2, "only the newly selected query's highlighted label may be new");
        var shot = fx(() -> v.snapshot(null, null));
        int dark = 0;   // the right-hand "epsilon" label is ink at row 4's centre
        double rightStart = fx(() -> Math.round(Math.max(120, (v.getWidth() - 130) / 2 - 10)) + 130 + 6.0);
        for (int x = (int) rightStart; x < rightStart + 40 && x < shot.getWidth(); x++) {
            int argb = shot.getPixelReader().getArgb(x, 100);
            if (((argb >> 16) & 0xFF) < 110) dark++;
        }
        assertTrue(dark > 2, "a label is drawn where row 4's key label goes: " + dark + " dark pixels");
    }
}
