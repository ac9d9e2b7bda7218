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

    @Test void percentFormatsSmallProbabilitiesReadably() {
        assertEquals("12.5%", BarChart.percent(0.125));
        assertEquals("1.0e-05", BarChart.percent(0.00001));
    }
}
