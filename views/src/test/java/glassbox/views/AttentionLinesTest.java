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

    @Test void theSelectedQuerysStrongLineIsInk() {
        AttentionLines v = fx(() -> {
            AttentionLines x = new AttentionLines();
            x.setData(previousTokenHead(12), tokens(12));
            x.setQuery(6);
            root.setContent(x);
            return x;
        });
        WaitForAsyncUtils.waitForFxEvents();
        var img = fx(() -> v.snapshot(null, null));
        // the line from query 6 (row y = 20·7) to key 5 (y = 20·6) passes the middle of the gap at y = 130
        int mid = (int) Math.round(img.getWidth() / 2 - 10);
        int inkRow = -1;
        for (int y = 0; y < img.getHeight(); y++) {
            int argb = img.getPixelReader().getArgb(mid, y);
            if ((argb & 0xFF) > 150 && ((argb >> 16) & 0xFF) < 150) { inkRow = y; break; }   // blue, not white
        }
        assertTrue(Math.abs(inkRow - 130) <= 6, "the strong line crosses the gap's middle near y=130, found " + inkRow);
    }

    @Test void aContextLongPromptDrawsWithoutError() {
        int t = 2048;
        AttentionLines v = fx(() -> {
            AttentionLines x = new AttentionLines();
            x.setData(previousTokenHead(t), tokens(t));
            x.setQuery(t - 1);
            x.setAllQueries(true);
            root.setContent(x);
            return x;
        });
        WaitForAsyncUtils.waitForFxEvents();
        fx(() -> { root.setVvalue(1); return null; });
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(20 * (t + 1.5), fx(v::getHeight), 1);
        assertEquals(t - 1, v.query());
    }
}
