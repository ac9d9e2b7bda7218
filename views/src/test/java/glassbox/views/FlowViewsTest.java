package glassbox.views;

import glassbox.model.trace.Matrix;
import javafx.scene.control.Label;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

@ExtendWith(ApplicationExtension.class)
class FlowViewsTest {

    @Start void start(Stage stage) { stage.show(); }

    private static <T> T fx(java.util.concurrent.Callable<T> work) {
        return WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(work)); // views are built on the FX thread
    }

    private static Matrix ramp(int rows, int cols) {
        float[] d = new float[rows * cols];
        for (int i = 0; i < d.length; i++) d[i] = i * 0.5f - 3;
        return new Matrix(rows, cols, d);
    }

    @Test void matrixBlockWritesItsShapeAndHoverShowsTheCell() {
        var block = fx(() -> new MatrixBlock("Q", ramp(7, 8), MatrixBlock.Coloring.SIGNED));
        assertEquals("Q  7×8", block.captionText());
        assertEquals("Q[2, 5] = 7.5000", block.hoverText(2, 5)); // (2*8+5)*0.5-3 = 7.5
    }

    @Test void cellUnderThePointerFollowsTheShapeEvenWhenStretched() {
        var block = fx(() -> new MatrixBlock("X", ramp(3, 300), MatrixBlock.Coloring.SIGNED));
        // 300 columns in 150 px: each column is half a pixel wide; rows are stretched to the minimum height
        assertArrayEquals(new int[]{0, 0}, block.cellAt(0.1, 0.1));
        assertArrayEquals(new int[]{2, 299}, block.cellAt(149.9, 25.9));
        assertNull(block.cellAt(-1, 3));
    }

    @Test void maskedCellsSayMinusInfinity() {
        var m = new Matrix(2, 2, new float[]{0, Float.NEGATIVE_INFINITY, 0, 0});
        var block = fx(() -> new MatrixBlock("mask", m, MatrixBlock.Coloring.SIGNED));
        assertEquals("mask[0, 1] = −∞", block.hoverText(0, 1));
        assertEquals(FlowColors.MASKED, FlowColors.diverging(Double.NEGATIVE_INFINITY, 1));
    }

    @Test void divergingMapIsWhiteAtZeroAndSaturatesAtTheEnds() {
        assertEquals(Color.web("#f7f7f7"), FlowColors.diverging(0, 2));
        assertEquals(Color.web("#b40426"), FlowColors.diverging(5, 2));
        assertEquals(Color.web("#3b4cc0"), FlowColors.diverging(-2, 2));
        assertEquals(Color.web("#fde725"), FlowColors.sequential(1));
    }

    @Test void flowDiagramDimsStagesAfterTheActiveOne() {
        var flow = fx(() -> {
            var f = new FlowDiagram();
            f.setStages(List.of(new FlowDiagram.Stage("", new Label("a")), new FlowDiagram.Stage("×W", new Label("b")),
                    new FlowDiagram.Stage("÷√d", new Label("c"))), 2);
            f.setActiveStage(1);
            return f;
        });
        assertEquals(3, flow.stageCount());
        assertEquals(2, flow.getChildren().size(), "two rows of at most two stages");
        assertEquals(1.0, flow.stageBox(1).getOpacity());
        assertTrue(flow.stageBox(2).getOpacity() < 0.5);
    }

    @Test void cacheStripCountsNewRows() {
        var strip = fx(() -> {
            var s = new CacheStrip();
            s.setCache(List.of(new CacheStrip.LayerCache(ramp(5, 4), ramp(5, 4)),
                    new CacheStrip.LayerCache(ramp(5, 4), ramp(5, 4))), 4);
            return s;
        });
        assertEquals(5, strip.length());
        assertEquals(2, strip.layerCount());
        assertEquals(1, strip.newRows());
    }

    /** A cache block's image: one pixel per value around 0; wider than the block, every n-th column. */
    @Test void cacheBlockImageKeepsValuesOrSamplesColumns() {
        float[] v = new float[3 * 1000];
        for (int i = 0; i < v.length; i++) v[i] = (float) Math.sin(i * 0.37) * (i % 7);
        Matrix wide = new Matrix(3, 1000, v);
        double maxAbs = 0;
        for (float x : v) maxAbs = Math.max(maxAbs, Math.abs(x));
        var img = CacheStrip.cells(wide, 90);
        assertEquals(90, (int) img.getWidth());
        assertEquals(3, (int) img.getHeight());
        for (int r = 0; r < 3; r++) {
            for (int j = 0; j < 90; j++) {
                assertClose(FlowColors.diverging(wide.get(r, j * 1000 / 90), maxAbs), img.getPixelReader().getArgb(j, r), "r" + r + " j" + j);
            }
        }
        Matrix small = new Matrix(2, 4, new float[]{-2, -1, 0, 1, 2, 0.5f, -0.5f, 0});
        var all = CacheStrip.cells(small, 90);
        assertEquals(4, (int) all.getWidth(), "narrower than the block: every column");
        assertClose(FlowColors.diverging(-2, 2), all.getPixelReader().getArgb(0, 0), "most negative");
        assertClose(FlowColors.diverging(2, 2), all.getPixelReader().getArgb(0, 1), "most positive");
        assertClose(FlowColors.diverging(0, 2), all.getPixelReader().getArgb(2, 0), "zero");
    }

    @Test void percentFormatsSmallProbabilitiesReadably() {
        assertEquals("12.5%", BarChart.percent(0.125));
        assertEquals("1.0e-05", BarChart.percent(0.00001));
    }

    /** The table-driven conversion a block uses gives the per-value colours within one 8-bit unit per channel. */
    @Test void bulkColoursMatchThePerValueMaps() {
        java.util.Random r = new java.util.Random(9);
        float[] d = new float[5000];
        for (int i = 0; i < d.length; i++) d[i] = (float) (r.nextGaussian() * 3);
        d[0] = Float.NaN; d[1] = Float.NEGATIVE_INFINITY; d[2] = Float.POSITIVE_INFINITY; d[3] = 0; d[4] = -9; d[5] = 9;
        int[] div = new int[d.length], seq = new int[d.length];
        FlowColors.divergingArgb(d, d.length, 2.5, div);
        FlowColors.sequentialArgb(d, d.length, 4, seq);
        for (int i = 0; i < d.length; i++) {
            assertClose(FlowColors.diverging(d[i], 2.5), div[i], "diverging " + d[i]);
            Color expected = d[i] == Float.NEGATIVE_INFINITY ? FlowColors.MASKED : FlowColors.sequential(d[i] / 4.0);
            assertClose(expected, seq[i], "sequential " + d[i]);
        }
        int[] flat = new int[2];
        FlowColors.divergingArgb(new float[]{3, Float.POSITIVE_INFINITY}, 2, 0, flat);   // maxAbs 0: everything is white
        assertClose(FlowColors.diverging(3, 0), flat[0], "maxAbs 0");
        assertClose(FlowColors.diverging(Double.POSITIVE_INFINITY, 0), flat[1], "+∞ with maxAbs 0");
    }

    private static void assertClose(Color c, int argb, String what) {
        int[] want = {(int) Math.round(c.getRed() * 255), (int) Math.round(c.getGreen() * 255), (int) Math.round(c.getBlue() * 255)};
        int[] got = {(argb >> 16) & 0xFF, (argb >> 8) & 0xFF, argb & 0xFF};
        for (int k = 0; k < 3; k++) assertEquals(want[k], got[k], 1, what + " channel " + k);
        assertEquals(0xFF, argb >>> 24, what);
    }
}
