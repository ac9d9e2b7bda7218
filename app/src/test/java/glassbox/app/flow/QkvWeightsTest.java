package glassbox.app.flow;

import glassbox.app.EngineModel;
import glassbox.model.io.ModelFiles;
import glassbox.model.tokenizer.Tokenizer;
import glassbox.model.trace.Matrix;
import glassbox.model.transformer.HeadWeights;
import glassbox.model.transformer.HeadWeights.Projection;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.Locale;

import static glassbox.app.flow.FlowPanesTest.fx;
import static glassbox.app.flow.ModelPanesTest.waitUntil;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The Q/K/V pane's weight blocks hold the head's real W_Q, W_K, W_V slices and the layer's W_O: X times them is the
 * pane's own Q, K, V, and concat times W_O its attention output.
 */
@ExtendWith(ApplicationExtension.class)
class QkvWeightsTest {
    private final StackPane root = new StackPane();

    @Start void start(Stage stage) {
        stage.setScene(new Scene(root, 1200, 800));
        stage.show();
    }

    @Test void weightBlocksTimesXGiveTheHeadsQkv() throws Exception {
        try (EngineModel m = EngineModel.open(ModelFiles.defaultModel())) {
            Tokenizer tok = m.tokenizer();
            var in = FlowInput.of(m.trace(tok.encode("It is a truth universally acknowledged")), tok, m.flowModel());
            var sel = FlowSelection.standalone();
            var pane = fx(() -> {
                var p = new QkvFlowPane(sel, new FlowText(Locale.ENGLISH));
                root.getChildren().setAll(p.node());
                sel.layer().set(2);
                sel.head().set(1);
                p.show(in);
                return p;
            });
            waitUntil(() -> fx(() -> pane.block("W_V").matrix() != null));
            var lw = m.loaded().transformer().weights().layers().get(2);
            var c = m.config();
            for (String[] qkv : new String[][]{{"W_Q", "Q"}, {"W_K", "K"}, {"W_V", "V"}}) {
                Projection p = Projection.values()[qkv[1].equals("Q") ? 0 : qkv[1].equals("K") ? 1 : 2];
                Matrix x = fx(() -> pane.block("X").matrix()), w = fx(() -> pane.block(qkv[0]).matrix()), out = fx(() -> pane.block(qkv[1]).matrix());
                assertEquals(c.dim() + "×" + c.headDim(), fx(() -> pane.block(qkv[0]).shapeText()));
                float[] bias = HeadWeights.bias(c, lw, 1, p);
                assertNotNull(bias, "GPT-2 has Q/K/V biases");
                for (int t = 0; t < x.rows(); t++) {
                    for (int j = 0; j < w.cols(); j++) {
                        double s = bias[j];
                        for (int i = 0; i < x.cols(); i++) s += (double) x.get(t, i) * w.get(i, j);
                        assertEquals(out.get(t, j), s, 2e-3 * Math.max(1, Math.abs(s)), qkv[1] + "[" + t + ", " + j + "]");
                    }
                }
            }
            Matrix concat = fx(() -> pane.block("concat").matrix()), wo = fx(() -> pane.block("W_O").matrix()), attnOut = fx(() -> pane.block("attn out").matrix());
            assertEquals(c.dim() + "×" + c.dim(), fx(() -> pane.block("W_O").shapeText()));
            float[] bo = HeadWeights.outputBias(c, lw);
            for (int t = 0; t < concat.rows(); t++) {   // all heads side by side, times W_O, plus its bias: the attention output
                for (int j = 0; j < wo.cols(); j++) {
                    double s = bo[j];
                    for (int i = 0; i < concat.cols(); i++) s += (double) concat.get(t, i) * wo.get(i, j);
                    assertEquals(attnOut.get(t, j), s, 2e-3 * Math.max(1, Math.abs(s)), "attn out[" + t + ", " + j + "]");
                }
            }
            assertTrue(fx(() -> pane.block("W_Q").hoverText(3, 5)).startsWith("W_Q[3, 5] = "));
            fx(() -> { sel.head().set(2); return null; });   // another head: its own slices arrive
            Matrix head2 = HeadWeights.of(c, lw, 2, Projection.KEY);
            waitUntil(() -> fx(() -> pane.block("W_K").matrix() != null && pane.block("W_K").matrix().get(7, 3) == head2.get(7, 3)));
            assertArrayEquals(head2.toArray(), fx(() -> pane.block("W_K").matrix().toArray()));
        }
    }
}
