package glassbox.app.flow;

import glassbox.model.config.PositionScheme;
import glassbox.model.trace.HeadTrace;
import glassbox.views.MatrixBlock;
import javafx.scene.Scene;
import javafx.scene.control.Slider;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.Locale;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.*;

/** The explainer panes on synthetic traces: shapes, numbers, stepping, scheme switching. */
@ExtendWith(ApplicationExtension.class)
class FlowPanesTest {
    private final StackPane root = new StackPane();
    private final FlowText text = new FlowText(Locale.ENGLISH);

    @Start void start(Stage stage) {
        stage.setScene(new Scene(root, 1200, 800));
        stage.show();
    }

    static <T> T fx(Callable<T> work) { return WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(work)); }

    @Test void qkvBlocksHaveTheRealShapesOfTheSelectedHead() {
        var in = SyntheticTrace.input(SyntheticTrace.ropeGqa(), 7);
        var sel = FlowSelection.standalone();
        var pane = fx(() -> {
            var p = new QkvFlowPane(sel, text);
            root.getChildren().setAll(p.node());
            sel.layer().set(1);
            sel.head().set(3);
            p.show(in);
            return p;
        });
        int dh = in.trace().config().headDim();
        assertEquals("Q  7×" + dh, pane.block("Q").captionText());
        assertEquals("K  7×" + dh, pane.block("K").captionText());
        assertEquals("V  7×" + dh, pane.block("V").captionText());
        assertEquals("QKᵀ  7×7", pane.block("QKᵀ").captionText());
        assertEquals("X  7×16", pane.block("X").captionText());
        assertEquals("W_Q  16×" + dh, pane.block("W_Q").captionText());
        assertEquals("concat  7×16", pane.block("concat").captionText());
        HeadTrace h = in.trace().layers().get(1).heads().get(3);
        assertEquals(h.q().get(4, 2), pane.block("Q").matrix().get(4, 2));
        assertEquals(String.format(Locale.ROOT, "Q[4, 2] = %.4f   (4:t4)", h.q().get(4, 2)), pane.block("Q").hoverText(4, 2));
        assertEquals(h.rawScores().get(5, 1) * h.scale(), pane.block("QKᵀ/√d_k").matrix().get(5, 1), 1e-6);
        assertEquals(Float.NEGATIVE_INFINITY, pane.block("masked").matrix().get(1, 5));
        assertEquals(h.weights().get(6, 3), pane.block("softmax").matrix().get(6, 3));
        assertEquals(in.trace().layers().get(1).concat().get(2, 9), pane.block("concat").matrix().get(2, 9));
    }

    @Test void gqaSaysWhichQueryHeadsShareTheKvHead() {
        var in = SyntheticTrace.input(SyntheticTrace.ropeGqa(), 5); // 4 query heads, 2 K/V heads
        var sel = FlowSelection.standalone();
        var pane = fx(() -> {
            var p = new QkvFlowPane(sel, text);
            root.getChildren().setAll(p.node());
            sel.head().set(3);
            p.show(in);
            return p;
        });
        var label = (javafx.scene.control.Label) pane.lookup("#qkv-gqa");
        assertTrue(label.getText().contains("K/V head 1 is shared by query heads [2, 3]"), label.getText());
    }

    @Test void stepWalksTheStagesOneAtATime() {
        var in = SyntheticTrace.input(SyntheticTrace.ropeGqa(), 4);
        var pane = fx(() -> {
            var p = new QkvFlowPane(FlowSelection.standalone(), text);
            root.getChildren().setAll(p.node());
            p.show(in);
            return p;
        });
        assertEquals(-1, pane.diagram().activeStage());
        fx(() -> { pane.step(); return null; });
        assertEquals(0, pane.diagram().activeStage());
        fx(() -> { pane.step(); pane.step(); return null; });
        assertEquals(2, pane.diagram().activeStage());
        assertTrue(pane.diagram().stageBox(3).getOpacity() < 0.5, "later stages are dimmed");
        int n = pane.diagram().stageCount();
        fx(() -> { for (int i = 2; i < n; i++) pane.step(); return null; });
        assertEquals(0, pane.diagram().activeStage(), "after the last stage it starts again");
    }

    @Test void positionsViewFollowsTheModelsScheme() {
        var sel = FlowSelection.standalone();
        var rope = SyntheticTrace.input(SyntheticTrace.ropeGqa(), 6);
        var learned = SyntheticTrace.input(SyntheticTrace.learned(), 6);
        var pane = fx(() -> {
            var p = new EmbeddingsPane(sel, text);
            root.getChildren().setAll(p.node());
            p.show(rope);
            return p;
        });
        assertEquals(PositionScheme.ROPE, pane.shownScheme());
        assertNotNull(pane.lookup("#positions-rope-dials"));
        assertNull(pane.lookup("#positions-learned"));
        fx(() -> { pane.show(learned); return null; });
        assertEquals(PositionScheme.LEARNED, pane.shownScheme());
        assertNull(pane.lookup("#positions-rope-dials"));
        assertNotNull(pane.lookup("#positions-learned"));
        var table = (MatrixBlock) pane.lookup("#sinusoidal-table");
        assertEquals("8×16", table.shapeText(), "the model's d, at least 8 positions");
        var d = (Slider) pane.lookup("#sinusoidal-d");
        fx(() -> { d.setValue(32); return null; });
        assertEquals(32, table.cols());
        assertEquals(8, table.rows());
        var learnedRows = (MatrixBlock) pane.lookup("#learned-positions");
        assertEquals(learned.trace().positionEmbeddings().get(3, 5), learnedRows.matrix().get(3, 5));
    }

    @Test void embeddingsShowTheTraceRows() {
        var in = SyntheticTrace.input(SyntheticTrace.learned(), 5);
        var pane = fx(() -> {
            var p = new EmbeddingsPane(FlowSelection.standalone(), text);
            root.getChildren().setAll(p.node());
            p.show(in);
            return p;
        });
        var tokens = (MatrixBlock) pane.lookup("#embeddings-tokens");
        var sum = (MatrixBlock) pane.lookup("#embeddings-sum");
        assertEquals("5×16", tokens.shapeText());
        assertEquals(in.trace().tokenEmbeddings().get(2, 7), tokens.matrix().get(2, 7));
        assertEquals(in.trace().tokenEmbeddings().get(4, 1) + in.trace().positionEmbeddings().get(4, 1), sum.matrix().get(4, 1), 1e-6);
    }

    @Test void residualPaneShowsNormsPerLayerAndHiddenUnits() {
        var in = SyntheticTrace.input(SyntheticTrace.ropeGqa(), 6);
        var sel = FlowSelection.standalone();
        var pane = fx(() -> {
            var p = new MlpResidualPane(sel, text);
            root.getChildren().setAll(p.node());
            sel.token().set(2);
            sel.layer().set(1);
            p.show(in);
            return p;
        });
        var c = in.trace().config();
        assertEquals((c.layers() + 1) + "×6", pane.residualNorms().shapeText());
        assertEquals("1×" + c.hiddenDim(), pane.hiddenActivations().shapeText());
        float[] x = in.trace().layers().get(1).input().row(4);
        double norm = 0;
        for (float v : x) norm += v * v;
        assertEquals(Math.sqrt(norm), pane.residualNorms().matrix().get(1, 4), 1e-4);
        assertEquals(in.trace().layers().get(1).mlpHidden().get(2, 11), pane.hiddenActivations().matrix().get(0, 11));
        float[] last = in.trace().layers().get(1).output().row(0);
        double n2 = 0;
        for (float v : last) n2 += v * v;
        assertEquals(Math.sqrt(n2), pane.residualNorms().matrix().get(2, 0), 1e-4, "last row: the stream leaving the last layer");
    }

    @Test void allSixPanesRenderOneInputAndHaveDistinctIds() {
        var in = new FakeFlowModel(SyntheticTrace.ropeGqa()).input("abc");
        var panes = fx(() -> {
            var list = FlowPanes.create(FlowSelection.standalone(), text);
            for (var p : list) p.show(in);
            return list;
        });
        assertEquals(6, panes.stream().map(FlowPaneBase::id).distinct().count());
        for (var p : panes) assertFalse(p.title().isBlank());
    }
}
