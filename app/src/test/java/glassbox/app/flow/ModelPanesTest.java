package glassbox.app.flow;

import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static glassbox.app.flow.FlowPanesTest.fx;
import static org.junit.jupiter.api.Assertions.*;

/** Output, generation and compare panes driven by a stand-in model (the real model runs in RealModelPanesTest). */
@ExtendWith(ApplicationExtension.class)
class ModelPanesTest {
    private final StackPane root = new StackPane();
    private final FlowText text = new FlowText(Locale.ENGLISH);
    private final FakeFlowModel model = new FakeFlowModel(SyntheticTrace.ropeGqa());

    @Start void start(Stage stage) {
        stage.setScene(new Scene(root, 1200, 800));
        stage.show();
    }

    static double sum(float[] p) { double s = 0; for (float x : p) s += x; return s; }

    @Test void temperatureReshapesTheDistributionWhichStillSumsToOne() {
        var in = model.input("hello");
        var pane = fx(() -> { var p = new OutputPane(FlowSelection.standalone(), text); root.getChildren().setAll(p.node()); p.show(in); return p; });
        float[] logits = in.trace().logits().row(in.trace().length() - 1);
        float[] atOne = pane.probabilities();
        assertEquals(1, sum(atOne), 1e-5);
        fx(() -> { pane.temperature().setValue(0.5); return null; });
        float[] atHalf = pane.probabilities();
        assertEquals(1, sum(atHalf), 1e-5);
        // scalar reference: softmax(logits / 0.5)
        double max = Double.NEGATIVE_INFINITY, z = 0;
        for (float l : logits) max = Math.max(max, l);
        for (float l : logits) z += Math.exp((l - max) / 0.5);
        for (int i = 0; i < logits.length; i++) assertEquals(Math.exp((logits[i] - max) / 0.5) / z, atHalf[i], 1e-5);
        int best = NextTokenDistribution.argMax(logits);
        assertTrue(atHalf[best] > atOne[best], "a lower temperature sharpens the distribution");
        assertTrue(pane.entropyText().contains("bits"));
        fx(() -> { pane.topK().getValueFactory().setValue(3); return null; });
        float[] top3 = pane.probabilities();
        int nonZero = 0;
        for (float x : top3) if (x > 0) nonZero++;
        assertEquals(3, nonZero);
        assertEquals(1, sum(top3), 1e-5);
        fx(() -> { pane.temperature().setValue(0); return null; });
        assertEquals(1f, pane.probabilities()[best], "temperature 0 is greedy");
        assertEquals(1, pane.chart().bars().size());
    }

    @Test void topPKeepsTheSmallestSetReachingTheMass() {
        float[] p = NextTokenDistribution.of(new float[]{(float) Math.log(0.5), (float) Math.log(0.3), (float) Math.log(0.2)}, 1, 0, 0.7f);
        assertEquals(0.5 / 0.8, p[0], 1e-6);
        assertEquals(0.3 / 0.8, p[1], 1e-6);
        assertEquals(0, p[2]);
        assertEquals(1.0, NextTokenDistribution.entropyBits(new float[]{0.5f, 0.5f}), 1e-9);
    }

    @Test void logitLensListsOneGuessPerLayer() {
        var in = model.input("abc");
        var pane = fx(() -> { var p = new OutputPane(FlowSelection.standalone(), text); root.getChildren().setAll(p.node()); p.show(in); return p; });
        fx(() -> { pane.lensToggle().setSelected(true); return null; });
        waitUntil(() -> pane.lookup("#output-lens-table").lookup(".grid-pane") != null
                || ((javafx.scene.layout.VBox) pane.lookup("#output-lens-table")).getChildren().size() == 2);
        var box = (javafx.scene.layout.VBox) pane.lookup("#output-lens-table");
        var grid = (javafx.scene.layout.GridPane) box.getChildren().get(1);
        assertEquals(4 * (1 + in.trace().config().layers()), grid.getChildren().size(), "a header row and one row per layer");
    }

    @Test void eachStepGrowsTheCacheByOneRowPerLayer() {
        var in = model.input("hi");
        int T = in.trace().length();
        var pane = fx(() -> { var p = new GenerationPane(FlowSelection.standalone(), text); root.getChildren().setAll(p.node()); p.show(in); return p; });
        fx(() -> { pane.step(); return null; });
        waitUntil(() -> pane.generatedCount() == 1 && !pane.busy());
        assertEquals(T + 1, pane.cache().length());
        assertEquals(in.trace().config().layers(), pane.cache().layerCount());
        fx(() -> { pane.step(); return null; });
        waitUntil(() -> pane.generatedCount() == 2 && !pane.busy());
        assertEquals(T + 2, pane.cache().length());
        assertEquals(1, pane.cache().newRows());
        fx(() -> { pane.generate(5); return null; });
        waitUntil(() -> pane.generatedCount() == 7 && !pane.busy());
        assertEquals(T + 7, pane.cache().length());
    }

    @Test void compareShowsTheDifferenceAndAblationMovesTheDistribution() {
        var in = model.input("abcdef");
        var sel = FlowSelection.standalone();
        var pane = fx(() -> { var p = new ComparePane(sel, text); root.getChildren().setAll(p.node()); p.show(in); return p; });
        fx(() -> { pane.otherPrompt().setText("xyz"); pane.compare(); return null; });
        waitUntil(() -> pane.difference() != null);
        var b = model.trace(model.encodePrompt("xyz"), glassbox.model.transformer.Ablation.NONE);
        assertEquals("4×4", pane.difference().shapeText(), "the square both prompts cover");
        assertEquals(b.layers().get(0).heads().get(0).weights().get(3, 1) - in.trace().layers().get(0).heads().get(0).weights().get(3, 1),
                pane.difference().matrix().get(3, 1), 1e-6);
        fx(() -> { pane.toggleHead(1, 2); return null; });
        waitUntil(() -> pane.ablatedTrace() != null);
        assertTrue(pane.ablationChart().bars().stream().allMatch(bar -> !Double.isNaN(bar.baseline())));
    }

    static void waitUntil(java.util.function.BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> { WaitForAsyncUtils.waitForFxEvents(); return condition.getAsBoolean(); });
        } catch (java.util.concurrent.TimeoutException e) {
            fail("condition not reached in 10 s");
        }
    }
}
