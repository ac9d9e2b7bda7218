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

    /** A heatmap of m at a fixed cell size, without labels or numbers, shown and drawn. */
    private Heatmap shownPlain(Matrix m, ColorScale scale, double cell) {
        Heatmap h = fx(() -> {
            Heatmap x = new Heatmap();
            x.setCellSize(cell);
            x.setShowLabels(false);
            x.setShowValues(false);
            x.setData(m, scale);
            root.getChildren().setAll(x);
            return x;
        });
        WaitForAsyncUtils.waitForFxEvents();
        return h;
    }

    /** The cells are drawn as whole-pixel blocks of their colour, grid lines as white at 35% over each cell's first pixel row and column. */
    @Test void cellsAreWholePixelBlocksWithTheirGridLines() {
        Matrix m = new Matrix(3, 4, new float[]{0.05f, 0.3f, 0.6f, 0.95f, 0.5f, 0.1f, 0.9f, 0.2f, 0.7f, 0.4f, 0.0f, 1.0f});
        ColorScale scale = ColorScale.weights();
        int cell = 20;
        Heatmap h = shownPlain(m, scale, cell);
        var px = fx(() -> h.canvas().snapshot(null, null)).getPixelReader();
        double[] c00 = fx(() -> h.cellCenter(0, 0));
        int x0 = (int) Math.round(c00[0] - cell / 2.0), y0 = (int) Math.round(c00[1] - cell / 2.0);
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                int want = scale.argb(m.get(r, c));
                int left = x0 + c * cell, top = y0 + r * cell;
                assertEquals(want, px.getArgb(left + cell / 2, top + cell / 2), "centre of cell " + r + "," + c);
                assertEquals(want, px.getArgb(left + cell - 1, top + cell - 1), "last pixel of cell " + r + "," + c);
                assertEquals(want, px.getArgb(left + 1, top + 1), "first pixel inside the grid lines of cell " + r + "," + c);
                int lined = px.getArgb(left, top + cell / 2);
                if (c > 0) {   // 35% white over the cell colour, each channel: v·0.65 + 89.25
                    for (int shift : new int[]{16, 8, 0}) {
                        int v = want >> shift & 0xff;
                        assertEquals(v * 0.65 + 89.25, lined >> shift & 0xff, 1.0, "vertical grid line left of cell " + r + "," + c);
                    }
                } else {
                    assertEquals(want, lined, "no grid line left of the first column");
                }
                if (r > 0) assertNotEquals(want, px.getArgb(left + cell / 2, top), "a horizontal grid line above cell " + r + "," + c);
            }
        }
    }

    /** A cell of 2.5 pixels: every pixel shows the cell it falls in (nearest cell, no blending between cells). */
    @Test void fractionalCellsShowTheNearestCellPerPixel() {
        float[] d = new float[5 * 6];
        for (int i = 0; i < d.length; i++) d[i] = (i * 7 % 11) / 10f;
        Matrix m = new Matrix(5, 6, d);
        ColorScale scale = ColorScale.weights();
        double cell = 2.5;
        Heatmap h = shownPlain(m, scale, cell);
        var px = fx(() -> h.canvas().snapshot(null, null)).getPixelReader();
        double[] c00 = fx(() -> h.cellCenter(0, 0));
        double x0 = c00[0] - cell / 2, y0 = c00[1] - cell / 2;
        for (int y = 0; y < (int) (5 * cell); y++) {
            for (int x = 0; x < (int) (6 * cell); x++) {
                int want = scale.argb(m.get((int) (y / cell), (int) (x / cell)));
                assertEquals(want, px.getArgb((int) x0 + x, (int) y0 + y), "pixel " + x + "," + y);
            }
        }
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

    /** Column labels come from the shared cache of upright images, drawn above their own column, longer ones reaching higher. */
    @Test void columnLabelsAreDrawnAboveTheirColumnsFromCachedImages() {
        Heatmap h = fx(() -> {
            Heatmap x = new Heatmap();
            x.setCellSize(20);
            x.setData(new Matrix(3, 3, new float[9]), ColorScale.weights());
            x.setLabels(List.of("r0", "r1", "r2"), List.of("alphabet", "b", "glassbox-col-label-test"));
            root.getChildren().setAll(x);
            return x;
        });
        // the label images are snapshotted asynchronously; the heatmap redraws itself when they arrive
        long until = System.nanoTime() + 5_000_000_000L;
        while (fx(LabelImages::size) < 3 && System.nanoTime() < until) WaitForAsyncUtils.sleep(20, java.util.concurrent.TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        int before = fx(LabelImages::size);
        fx(() -> { h.setHighlight(-1, -1); return null; });   // a redraw with the same labels reuses their images
        assertEquals(before, (int) fx(LabelImages::size));
        assertTrue(before >= 3, "the three labels are cached: " + before);
        var img = fx(() -> h.canvas().snapshot(null, null));
        double[] c0 = fx(() -> h.cellCenter(0, 0)), c1 = fx(() -> h.cellCenter(0, 1));
        double top = c0[1] - 10;   // the heatmap's top edge; labels live above it
        int inkA = inkHeight(img, (int) c0[0], (int) top), inkB = inkHeight(img, (int) c1[0], (int) top);
        assertTrue(inkB > 3, "\"b\" is drawn above column 1: " + inkB + " px");
        assertTrue(inkA > inkB + 20, "\"alphabet\" reaches higher than \"b\": " + inkA + " vs " + inkB);
    }

    /** How far up from y=bottom the column of pixels around x has dark (label) ink. */
    private static int inkHeight(javafx.scene.image.Image img, int x, int bottom) {
        var r = img.getPixelReader();
        int highest = bottom;
        for (int y = bottom - 1; y >= 0; y--) {
            for (int dx = -4; dx <= 4; dx++) {
                int argb = r.getArgb(Math.clamp(x + dx, 0, (int) img.getWidth() - 1), y);
                int lum = ((argb >> 16) & 0xFF) + ((argb >> 8) & 0xFF) + (argb & 0xFF);
                if ((argb >>> 24) > 100 && lum < 3 * 160) { highest = y; break; }
            }
        }
        return bottom - highest;
    }

    /** Cells smaller than a pixel: each pixel shows the mean of the cells under it (stripes of 0 and 1 show 0.5, a solid block stays). */
    @Test void shrunkCellsShowTheMeanColourOfTheCellsUnderEachPixel() {
        int n = 200;
        float[] d = new float[n * n];
        for (int r = 0; r < n; r++) for (int c = 0; c < n; c++) d[r * n + c] = r < n / 2 ? c % 2 : 1;   // striped top, solid bottom
        Matrix m = new Matrix(n, n, d);
        ColorScale scale = ColorScale.weights();
        Heatmap h = shownPlain(m, scale, 0.5);
        var px = fx(() -> h.canvas().snapshot(null, null)).getPixelReader();
        double[] c00 = fx(() -> h.cellCenter(0, 0));
        int x0 = (int) Math.round(c00[0] - 0.25), y0 = (int) Math.round(c00[1] - 0.25);
        int half = scale.argb(0.5f), one = scale.argb(1f);
        for (int y : new int[]{0, 10, 49}) {
            for (int x : new int[]{0, 17, 99}) assertEquals(half, px.getArgb(x0 + x, y0 + y), "striped pixel " + x + "," + y);
        }
        assertEquals(one, px.getArgb(x0 + 30, y0 + 75), "a solid block keeps its colour");
        assertArrayEquals(new int[]{150, 31}, fx(() -> h.cellAt(h.cellCenter(150, 31)[0], h.cellCenter(150, 31)[1])));
    }

    /** Masked (−∞) cells count only where a pixel covers nothing else; a pixel of masked cells keeps the masked colour. */
    @Test void shrinkingAveragesTheFiniteValuesAndKeepsAllMaskedPixelsMasked() {
        float inf = Float.NEGATIVE_INFINITY;
        float[] v = {0.2f, inf, inf, inf,
                     0.6f, 1.0f, inf, inf};   // 2 rows × 4 columns into 1 × 2 pixels
        int[] out = new int[2];
        ColorScale scale = ColorScale.sequential(0, 1);
        Heatmap.shrink(new Matrix(2, 4, v), 2, 4, scale, out, 2, 1);
        assertEquals(scale.argb(0.6f), out[0], "left pixel: the mean of 0.2, 0.6 and 1.0, the −∞ left out");
        assertEquals(scale.argb(inf), out[1], "right pixel: all four cells masked");
    }

    /** 7×10 cells into 3×4 pixels, each pixel the mean of its finite cells, counted here cell by cell; one band of rows
     *  holds −∞ cells (the slow, finite-aware sums) and the others none (the plain row sums). */
    @Test void shrinkingMatchesAPlainBoxMeanWithAndWithoutMaskedCells() {
        int rows = 7, cols = 10, w = 4, h = 3;
        float[] v = new float[rows * cols];
        var rnd = new java.util.Random(7);
        for (int i = 0; i < v.length; i++) v[i] = rnd.nextFloat();
        v[3 * cols + 8] = Float.NEGATIVE_INFINITY;   // rows 2–3 are the middle pixel row, 4–6 the last, 0–1 the first
        v[4 * cols + 1] = Float.NEGATIVE_INFINITY;
        ColorScale scale = ColorScale.sequential(0, 1);
        int[] out = new int[w * h];
        Heatmap.shrink(new Matrix(rows, cols, v), rows, cols, scale, out, w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double sum = 0;
                int n = 0;
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < cols; c++) {
                        boolean inPixel = r >= y * rows / h && r < (y + 1) * rows / h && c * w / cols == x;
                        if (!inPixel || Float.isInfinite(v[r * cols + c])) continue;
                        sum += v[r * cols + c];
                        n++;
                    }
                }
                int expected = scale.argb((float) (sum / n)), got = out[y * w + x];
                for (int shift = 0; shift < 32; shift += 8) {   // colours of means equal to float rounding: one step per channel
                    assertEquals(expected >>> shift & 0xff, got >>> shift & 0xff, 1, "pixel " + x + "," + y);
                }
            }
        }
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
