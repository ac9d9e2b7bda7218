package glassbox.app.flow;

import glassbox.app.EngineModel;
import glassbox.model.io.ModelFiles;
import glassbox.model.tokenizer.Tokenizer;
import glassbox.model.trace.ForwardTrace;
import glassbox.model.transformer.Ablation;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static glassbox.app.flow.FlowPanesTest.fx;
import static glassbox.app.flow.ModelPanesTest.waitUntil;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A large-vocabulary trace keeps only the last position's logits; picking an earlier token in the Output pane
 * computes that row through the engine and shows the same distribution a full trace would.
 */
@ExtendWith(ApplicationExtension.class)
class OutputRowOnDemandTest {
    private final StackPane root = new StackPane();

    @Start void start(Stage stage) {
        stage.setScene(new Scene(root, 1200, 800));
        stage.show();
    }

    @Test void anEarlierTokensDistributionIsComputedWhenTheTraceDidNotKeepIt() throws Exception {
        Path file = ModelFiles.defaultModel().resolveSibling("modern.gguf");
        Assumptions.assumeTrue(Files.isRegularFile(file), "skipped: the shipped model " + file + " is not here");
        try (EngineModel m = EngineModel.open(file)) {
            Tokenizer tok = m.tokenizer();
            int[] ids = Tokenizer.concat(tok.bos(), tok.encode("It is a truth universally acknowledged"));
            var engine = m.loaded().transformer();
            ForwardTrace full = engine.trace(ids, Ablation.NONE, true), lastOnly = engine.trace(ids, Ablation.NONE, false);
            var in = FlowInput.of(lastOnly, tok, m.flowModel());
            var pane = fx(() -> { var p = new OutputPane(FlowSelection.standalone(), new FlowText(Locale.ENGLISH)); root.getChildren().setAll(p.node()); p.show(in); return p; });
            assertArrayEquals(softmax(full.lastLogits()), pane.probabilities(), 1e-5f, "the kept row");
            fx(() -> { pane.pickToken(2); return null; });
            waitUntil(() -> pane.probabilities().length == full.config().vocabSize());
            assertArrayEquals(softmax(full.logitsAt(2)), pane.probabilities(), 1e-5f, "row 2, computed on demand");
            assertFalse(pane.lookup("#output-pending").isVisible(), "the 'computing' note is gone");
        }
    }

    private static float[] softmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY, z = 0;
        for (float l : logits) max = Math.max(max, l);
        for (float l : logits) z += Math.exp(l - max);
        float[] p = new float[logits.length];
        for (int i = 0; i < p.length; i++) p[i] = (float) (Math.exp(logits[i] - max) / z);
        return p;
    }
}
