package glassbox.views;

import glassbox.model.trace.Matrix;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

@ExtendWith(ApplicationExtension.class)
class HeatmapTest {
    private final StackPane root = new StackPane();

    @Start void start(Stage stage) { stage.setScene(new Scene(root, 900, 700)); stage.show(); }

    static <T> T fx(Callable<T> c) { return WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(c)); }

    @Test void cellsMapToRowsAndColumnsAndHoverShowsTheValue() {
        Matrix m = new Matrix(2, 3, new float[]{0.1f, 0.2f, 0.3f, 0.4f, 0.5f, Float.NEGATIVE_INFINITY});
        AtomicReference<int[]> clicked = new AtomicReference<>();
        Heatmap h = fx(() -> {
            Heatmap x = new Heatmap();
            x.setCellSize(20);
            x.setData(m, ColorScale.weights());
            x.setOnCellClicked((r, c) -> clicked.set(new int[]{r, c}));
            root.getChildren().setAll(x);
            return x;
        });
        WaitForAsyncUtils.waitForFxEvents();
        double[] p = fx(() -> h.cellCenter(1, 2));
        assertArrayEquals(new int[]{1, 2}, fx(() -> h.cellAt(p[0], p[1])));
        assertEquals("[1, 2] = −∞", fx(() -> h.hoverText(1, 2)));
        assertEquals("[0, 1] = 0.200", fx(() -> h.hoverText(0, 1)));
        assertNull(fx(() -> h.cellAt(-5, 3)));
    }

    @Test void labelsSurviveNewDataOfTheSameSizeAndDropOtherwise() {
        Heatmap h = fx(() -> {
            Heatmap x = new Heatmap();
            x.setData(new Matrix(2, 2, new float[4]), ColorScale.weights());
            x.setLabels(List.of("a", "b"), List.of("a", "b"));
            x.setData(new Matrix(2, 2, new float[]{1, 0, 0, 1}), ColorScale.weights());
            return x;
        });
        assertEquals(List.of("a", "b"), h.rowLabels());
        fx(() -> { h.setData(new Matrix(3, 3, new float[9]), ColorScale.weights()); return null; });
        assertEquals(List.of(), h.rowLabels());
    }

    @Test void drawsA1024SquareMatrix() {
        float[] d = new float[1024 * 1024];
        for (int i = 0; i < d.length; i++) d[i] = (i % 1024) / 1023f;
        Matrix big = new Matrix(1024, 1024, d);
        Heatmap h = fx(() -> {
            Heatmap x = new Heatmap();
            x.setData(big, ColorScale.weights());
            root.getChildren().setAll(x);
            return x;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(fx(h::cellSize) > 0 && fx(h::cellSize) < 1, "shrunk to fit: " + fx(h::cellSize));
        int[] rc = fx(() -> h.cellAt(h.cellCenter(1000, 3)[0], h.cellCenter(1000, 3)[1]));
        assertArrayEquals(new int[]{1000, 3}, rc);
    }
}
