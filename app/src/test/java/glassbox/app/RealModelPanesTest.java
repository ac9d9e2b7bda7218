package glassbox.app;

import glassbox.app.flow.ComparePane;
import glassbox.app.flow.EmbeddingsPane;
import glassbox.app.flow.FlowPaneBase;
import glassbox.app.flow.GenerationPane;
import glassbox.app.flow.MlpResidualPane;
import glassbox.app.flow.OutputPane;
import glassbox.app.flow.QkvFlowPane;
import glassbox.app.panes.FlowPaneAdapter;
import glassbox.model.config.ModelConfig;
import glassbox.model.config.PositionScheme;
import glassbox.model.config.RopePairing;
import glassbox.model.io.ModelFiles;
import glassbox.model.tokenizer.Tokenizer;
import glassbox.model.trace.ForwardTrace;
import glassbox.model.trace.HeadTrace;
import glassbox.model.trace.LayerTrace;
import glassbox.model.trace.Matrix;
import glassbox.views.MatrixBlock;
import glassbox.views.VectorDial;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.stage.Stage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static glassbox.app.WindowHarness.fx;
import static glassbox.app.WindowHarness.fxRun;
import static glassbox.app.WindowHarness.waitUntil;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The forward-pass panes in the real window on real models (stories260K from ../shared, the shipped
 * modern.gguf and classic.gguf): shapes for the loaded model, and the numbers each pane draws checked
 * against a trace the test computes itself from a separate load of the same file.
 */
@ExtendWith(ApplicationExtension.class)
class RealModelPanesTest {
    static final String PROMPT = "It is a truth universally acknowledged";
    private WindowHarness h;

    @Start void start(Stage stage) throws Exception { h = new WindowHarness(stage, EngineModel::open); }

    static Path shipped(String name) {
        Path p = ModelFiles.defaultModel().resolveSibling(name);
        Assumptions.assumeTrue(Files.isRegularFile(p), "skipped: the shipped model " + p + " is not here");
        return p;
    }

    @Test void stories260KPanesShowItsShapesAndNumbers() throws Exception { checkEveryPane(RealModelWindowTest.stories260K(), 4, 5); }

    @Test void modernPanesShowItsShapesAndNumbers() throws Exception { checkEveryPane(shipped("modern.gguf"), 3, 3); }

    @Test void classicPanesShowItsShapesAndNumbers() throws Exception { checkEveryPane(shipped("classic.gguf"), 2, 1); }

    @Test void positionsViewFollowsTheModelsScheme() throws Exception {
        Path classic = shipped("classic.gguf"), modern = shipped("modern.gguf");
        fxRun(() -> h.window.open("flow.embeddings"));
        EmbeddingsPane pane = pane("flow.embeddings");
        for (Path model : List.of(classic, modern, classic)) {
            Shown s = show(model, PROMPT);
            PositionScheme scheme = s.ref.config().positions();
            assertEquals(model == modern ? PositionScheme.ROPE : PositionScheme.LEARNED, scheme, "the engine's scheme for " + model.getFileName());
            assertEquals(scheme, fx(pane::shownScheme));
            boolean rope = scheme == PositionScheme.ROPE;
            assertEquals(rope, fx(() -> pane.lookup("#positions-rope-dials")) != null, "RoPE dials only for RoPE");
            assertEquals(!rope, fx(() -> pane.lookup("#positions-learned")) != null, "learned rows only for learned positions");
            if (!rope) {
                MatrixBlock learned = fx(() -> (MatrixBlock) pane.lookup("#learned-positions"));
                int T = s.ref.length(), d = s.ref.config().dim();
                assertEquals(T + "×" + d, learned.shapeText());
                assertCells(s.ref.positionEmbeddings(), learned.matrix());
            }
        }
    }

    @Test void temperatureReshapesTheRealDistribution() throws Exception {
        Shown s = show(shipped("modern.gguf"), PROMPT);
        fxRun(() -> h.window.open("flow.output"));
        OutputPane out = pane("flow.output");
        float[] logits = s.ref.lastLogits();
        double[] entropy = new double[3];
        double[] temps = {0.5, 1.0, 1.6};
        float[] previous = null;
        for (int i = 0; i < temps.length; i++) {
            double temp = temps[i];
            fxRun(() -> out.temperature().setValue(temp));
            float[] p = out.probabilities();
            assertEquals(1.0, sum(p), 1e-4, "T=" + temp);
            double[] expected = softmax(logits, temp);
            for (int id = 0; id < p.length; id++) assertEquals(expected[id], p[id], 1e-5, "p[" + id + "] at T=" + temp);
            entropy[i] = entropyBits(expected);
            if (previous != null) assertTrue(maxAbsDiff(previous, p) > 1e-3, "T=" + temp + " moves the distribution");
            previous = p;
        }
        assertTrue(entropy[0] < entropy[1] && entropy[1] < entropy[2], "hotter is flatter: " + java.util.Arrays.toString(entropy));
        fxRun(() -> out.topK().getValueFactory().setValue(5));
        float[] top5 = out.probabilities();
        assertEquals(5, nonZero(top5));
        assertEquals(1.0, sum(top5), 1e-4);
        fxRun(() -> { out.topK().getValueFactory().setValue(0); out.temperature().setValue(0); });
        assertEquals(1f, out.probabilities()[argMax(logits)], "temperature 0 is greedy on the engine's arg-max");
    }

    @Test void outputShowsTheLastTokenUnlessOneIsPickedThere() throws Exception {
        Shown s = show(shipped("modern.gguf"), PROMPT);
        int T = s.ref.length();
        fxRun(() -> { h.state.selection().queryToken().set(2); h.window.open("flow.output"); }); // a query row clicked in another view
        OutputPane out = pane("flow.output");
        assertEquals(T - 1, fx(out::shownToken), "the next-token distribution, not the attention views' query");
        assertDistribution(softmax(s.ref.lastLogits(), 1), out.probabilities());
        fxRun(() -> out.tokenChoice().getSelectionModel().select(1 + 2)); // entry 0 is "the last token", then one per position
        // (right after the pane opened: the combo box may have no skin yet, which is what fires its onAction)
        assertEquals(2, fx(out::shownToken), "picked in the combo box: " + fx(() -> out.tokenChoice().getSelectionModel().getSelectedIndex()));
        assertDistribution(softmax(s.ref.logits().row(2), 1), out.probabilities());
        fxRun(() -> out.tokenChoice().getSelectionModel().select(0));
        assertEquals(T - 1, fx(out::shownToken));
        fxRun(() -> h.window.prompt().setText(PROMPT + ", that"));
        h.waitForPrompt(PROMPT + ", that");
        assertEquals(fx(() -> h.state.lastSnapshot().trace().length()) - 1, fx(out::shownToken), "a longer prompt: still its last token");
    }

    /** Every flow pane on one model: shapes of this model, cells equal to an independent trace. */
    private void checkEveryPane(Path model, int layerWish, int headWish) throws Exception {
        Shown s = show(model, PROMPT);
        ForwardTrace ref = s.ref;
        ModelConfig c = ref.config();
        int T = ref.length(), d = c.dim(), dh = c.headDim(), L = c.layers();
        int layer = Math.min(layerWish, L - 1), head = Math.min(headWish, c.heads() - 1), token = T - 1;
        fxRun(() -> { h.state.selection().select(layer, head); h.state.selection().queryToken().set(-1); });

        fxRun(() -> h.window.open("flow.embeddings"));
        EmbeddingsPane emb = pane("flow.embeddings");
        MatrixBlock tokens = fx(() -> (MatrixBlock) emb.lookup("#embeddings-tokens"));
        MatrixBlock sum = fx(() -> (MatrixBlock) emb.lookup("#embeddings-sum"));
        assertEquals(T + "×" + d, tokens.shapeText(), "the embedding heatmap is T×d_model");
        assertEquals(T + "×" + d, sum.shapeText());
        assertCells(ref.tokenEmbeddings(), tokens.matrix());
        assertCells(ref.embedded(), sum.matrix());
        if (c.positions() == PositionScheme.ROPE) checkRopeDials(emb, ref, layer, head, token);

        fxRun(() -> h.window.open("flow.qkv"));
        QkvFlowPane qkv = pane("flow.qkv");
        LayerTrace lt = ref.layers().get(layer);
        HeadTrace ht = lt.heads().get(head);
        assertEquals("X  " + T + "×" + d, fx(() -> qkv.block("X").captionText()));
        for (String w : List.of("W_Q", "W_K", "W_V")) assertEquals(w + "  " + d + "×" + dh, fx(() -> qkv.block(w).captionText()));
        for (String m : List.of("Q", "K", "V")) assertEquals(m + "  " + T + "×" + dh, fx(() -> qkv.block(m).captionText()), m + " of one head");
        assertEquals("QKᵀ  " + T + "×" + T, fx(() -> qkv.block("QKᵀ").captionText()));
        assertEquals("softmax  " + T + "×" + T, fx(() -> qkv.block("softmax").captionText()));
        assertEquals("concat  " + T + "×" + d, fx(() -> qkv.block("concat").captionText()));
        assertCells(ht.q(), fx(() -> qkv.block("Q").matrix()));
        assertCells(ht.k(), fx(() -> qkv.block("K").matrix()));
        assertCells(ht.v(), fx(() -> qkv.block("V").matrix()));
        assertCells(ht.weights(), fx(() -> qkv.block("softmax").matrix()));
        assertCells(lt.concat(), fx(() -> qkv.block("concat").matrix()));
        assertCells(lt.residualAfterAttn(), fx(() -> qkv.block("x + attn").matrix()));
        String hover = fx(() -> qkv.block("Q").hoverText(token, dh - 1));
        float shownQ = fx(() -> qkv.block("Q").matrix().get(token, dh - 1));
        assertClose(ht.q().get(token, dh - 1), shownQ, "Q under the pointer");
        assertTrue(hover.startsWith(String.format(Locale.ROOT, "Q[%d, %d] = %.4f", token, dh - 1, shownQ)), hover);
        String gqa = fx(() -> ((Label) qkv.lookup("#qkv-gqa")).getText());
        int group = c.heads() / c.kvHeads(), kv = head / group;
        if (group > 1) {
            List<Integer> sharing = new ArrayList<>();
            for (int q = kv * group; q < (kv + 1) * group; q++) sharing.add(q);
            assertTrue(gqa.contains("K/V head " + kv + " is shared by query heads " + sharing), gqa);
            for (int q = 0; q < c.heads(); q++) { // the engine agrees: the group reads one K, the others another
                boolean same = lt.heads().get(q).k().equals(ht.k());
                assertEquals(sharing.contains(q), same, "query head " + q + " reads K/V head " + kv + "?");
            }
        } else {
            assertTrue(gqa.contains("each of the " + c.heads() + " heads has its own K and V"), gqa);
        }

        fxRun(() -> h.window.open("flow.mlp"));
        MlpResidualPane mlp = pane("flow.mlp");
        assertEquals((L + 1) + "×" + T, fx(() -> mlp.residualNorms().shapeText()));
        assertEquals("1×" + c.hiddenDim(), fx(() -> mlp.hiddenActivations().shapeText()));
        Matrix norms = fx(() -> mlp.residualNorms().matrix());
        for (int l = 0; l <= L; l++) {
            float[] row = (l < L ? ref.layers().get(l).input() : ref.layers().get(L - 1).output()).row(1);
            assertEquals(norm(row), norms.get(l, 1), 1e-4 * Math.max(1, norm(row)), "‖x‖ entering layer " + l);
        }
        Matrix hidden = fx(() -> mlp.hiddenActivations().matrix());
        float[] refHidden = lt.mlpHidden().row(token);
        for (int i = 0; i < refHidden.length; i += Math.max(1, refHidden.length / 7)) assertClose(refHidden[i], hidden.get(0, i), "hidden unit " + i);

        fxRun(() -> h.window.open("flow.output"));
        OutputPane out = pane("flow.output");
        fxRun(() -> out.temperature().setValue(1));
        float[] p = out.probabilities();
        assertEquals(c.vocabSize(), p.length);
        assertDistribution(softmax(ref.lastLogits(), 1), p);

        fxRun(() -> h.window.open("flow.generation"));
        GenerationPane gen = pane("flow.generation");
        waitUntil(() -> fx(() -> gen.cache().length()) == T, "the prompt's cache before the first step");
        assertEquals(T, fx(() -> gen.cache().newRows()), "before the first step every row is the prefill's");
        List<Matrix> promptK = new ArrayList<>(), promptV = new ArrayList<>();
        for (int l = 0; l < L; l++) {
            int ll = l;
            promptK.add(fx(() -> gen.cache().layer(ll).keys()));
            promptV.add(fx(() -> gen.cache().layer(ll).values()));
        }
        for (int step = 1; step <= 3; step++) {
            int n = step;
            fxRun(gen::step);
            waitUntil(() -> gen.generatedCount() == n && !gen.busy(), "generation step " + n);
            assertEquals(L, fx(() -> gen.cache().layerCount()));
            for (int l = 0; l < L; l++) {
                int ll = l;
                Matrix keys = fx(() -> gen.cache().layer(ll).keys()), values = fx(() -> gen.cache().layer(ll).values());
                assertEquals(T + n, keys.rows(), "layer " + l + " K rows after " + n + " step(s): prompt + one per step");
                assertEquals(T + n, values.rows(), "layer " + l + " V rows after " + n + " step(s)");
                assertEquals(c.kvHeads() * dh, keys.cols(), "K/V heads × d_head columns");
            }
            assertEquals(1, fx(() -> gen.cache().newRows()), "step " + n + " computed only the new row");
        }
        for (int l = 0; l < L; l++) { // what the strip showed before the first step is what the decoder then cached
            int ll = l;
            Matrix k = fx(() -> gen.cache().layer(ll).keys()), v = fx(() -> gen.cache().layer(ll).values());
            for (int pos = 0; pos < T; pos++) {
                for (int j = 0; j < k.cols(); j++) {
                    float pk = promptK.get(l).get(pos, j), pv = promptV.get(l).get(pos, j);
                    assertEquals(pk, k.get(pos, j), 1e-4 * Math.max(1, Math.abs(pk)), "prompt K cache layer " + l + " pos " + pos + " col " + j);
                    assertEquals(pv, v.get(pos, j), 1e-4 * Math.max(1, Math.abs(pv)), "prompt V cache layer " + l + " pos " + pos + " col " + j);
                }
            }
        }
        Matrix cachedK = fx(() -> gen.cache().layer(layer).keys()), cachedV = fx(() -> gen.cache().layer(layer).values());
        for (int pos : new int[]{0, T / 2, T - 1}) { // the decoder's cached rows are the trace's K and V (after RoPE) of this K/V head
            for (int j = 0; j < dh; j++) {
                float k = ht.k().get(pos, j), v = ht.v().get(pos, j);
                assertEquals(k, cachedK.get(pos, kv * dh + j), 1e-4 * Math.max(1, Math.abs(k)), "K cache layer " + layer + " pos " + pos + " dim " + j);
                assertEquals(v, cachedV.get(pos, kv * dh + j), 1e-4 * Math.max(1, Math.abs(v)), "V cache layer " + layer + " pos " + pos + " dim " + j);
            }
        }

        fxRun(() -> h.window.open("flow.compare"));
        ComparePane cmp = pane("flow.compare");
        String other = "It is a fine day";
        fxRun(() -> { cmp.otherPrompt().setText(other); cmp.compare(); });
        waitUntil(() -> cmp.difference() != null, "the second prompt's trace");
        ForwardTrace refB;
        try (EngineModel independent = EngineModel.open(model)) { refB = independent.trace(fed(independent.tokenizer(), other)); }
        int n = Math.min(T, refB.length());
        Matrix diff = fx(() -> cmp.difference().matrix());
        assertEquals(n + "×" + n, fx(() -> cmp.difference().shapeText()));
        Matrix wa = ht.weights(), wb = refB.layers().get(layer).heads().get(head).weights();
        for (int i = 0; i < n; i++) assertEquals(wb.get(i, 0) - wa.get(i, 0), diff.get(i, 0), 1e-5, "B − A at row " + i);
    }

    /** The RoPE dials turn the engine's pre-RoPE q to the engine's post-RoPE q. */
    private void checkRopeDials(EmbeddingsPane emb, ForwardTrace ref, int layer, int head, int token) {
        ModelConfig c = ref.config();
        assertNull(ref.positionEmbeddings());
        fxRun(() -> ((Slider) emb.lookup("#rope-position")).setValue(token));
        List<VectorDial.Dial> dials = fx(() -> ((VectorDial) emb.lookup("#positions-rope-dials")).dials());
        assertFalse(dials.isEmpty());
        HeadTrace ht = ref.layers().get(layer).heads().get(head);
        float[] before = ht.qBeforeRope().row(token), after = ht.q().row(token);
        int rotated = c.ropeDims() > 0 ? c.ropeDims() : c.headDim();
        for (VectorDial.Dial dial : dials) {
            int band = Integer.parseInt(dial.caption().substring(2, dial.caption().indexOf(' ')));
            int a = c.ropePairing() == RopePairing.INTERLEAVED ? 2 * band : band;
            int b = c.ropePairing() == RopePairing.INTERLEAVED ? 2 * band + 1 : band + rotated / 2;
            VectorDial.Arrow was = dial.arrows().get(0), turned = dial.arrows().get(1);
            assertClose(before[a], was.x(), "q before RoPE, band " + band);
            assertClose(before[b], was.y(), "q before RoPE, band " + band);
            assertEquals(after[a], turned.x(), 1e-4 * Math.max(1, Math.abs(after[a])), "band " + band + " turned to position " + token);
            assertEquals(after[b], turned.y(), 1e-4 * Math.max(1, Math.abs(after[b])), "band " + band + " turned to position " + token);
        }
    }

    private record Shown(Snapshot snapshot, ForwardTrace ref) {}

    /** Opens the model in the window with the prompt, and traces the same prompt on a separate load of the file. */
    private Shown show(Path model, String prompt) throws Exception {
        fxRun(() -> h.state.openModel(model));
        String name = model.getFileName().toString();
        waitUntil(() -> h.state.model() != null && h.state.model().displayName().equals(name), "the window to load " + name);
        ModelHandle m = fx(() -> h.state.model());
        fxRun(() -> h.window.prompt().setText(prompt));
        waitUntil(() -> {
            Snapshot last = h.state.lastSnapshot();
            return last != null && last.model() == m && last.prompt().equals(prompt) && last.sequence() == h.state.pipeline().latestSequence();
        }, "the snapshot of " + name);
        Snapshot s = fx(() -> h.state.lastSnapshot());
        assertTrue(s.ok(), s.error());
        try (EngineModel independent = EngineModel.open(model)) {
            int[] fed = fed(independent.tokenizer(), prompt);
            assertArrayEquals(fed, s.tokens(), "the window feeds BOS + the tokenizer's ids");
            return new Shown(s, independent.trace(fed));
        }
    }

    static int[] fed(Tokenizer tok, String text) { return tok.bos() >= 0 ? Tokenizer.concat(tok.bos(), tok.encode(text)) : tok.encode(text); }

    @SuppressWarnings("unchecked")
    private <P extends FlowPaneBase> P pane(String id) { return (P) ((FlowPaneAdapter) h.window.pane(id)).pane(); }

    /**
     * Corners, the middle and more: the same numbers up to float rounding (two loads in one JVM can round
     * a dot product differently once the JIT has compiled the kernels, ~1e-6).
     */
    static void assertCells(Matrix expected, Matrix shown) {
        assertEquals(expected.rows(), shown.rows());
        assertEquals(expected.cols(), shown.cols());
        int R = expected.rows(), C = expected.cols();
        int[][] cells = {{0, 0}, {R - 1, C - 1}, {R / 2, C / 2}, {R - 1, 0}, {0, C - 1}, {R / 3, (2 * C) / 3}};
        for (int[] rc : cells) assertClose(expected.get(rc[0], rc[1]), shown.get(rc[0], rc[1]), "cell " + rc[0] + "," + rc[1]);
    }

    static void assertClose(double expected, double shown, String what) {
        assertEquals(expected, shown, 1e-5 * Math.max(1, Math.abs(expected)), what);
    }

    static void assertDistribution(double[] expected, float[] shown) {
        assertEquals(expected.length, shown.length);
        assertEquals(1.0, sum(shown), 1e-4, "probabilities sum to 1");
        for (int i = 0; i < shown.length; i++) assertEquals(expected[i], shown[i], 1e-5, "p[" + i + "]");
    }

    /** softmax(logits / t) in doubles, written out here as the reference. */
    static double[] softmax(float[] logits, double t) {
        double max = Double.NEGATIVE_INFINITY, z = 0;
        for (float l : logits) max = Math.max(max, l);
        double[] e = new double[logits.length];
        for (int i = 0; i < e.length; i++) { e[i] = Math.exp((logits[i] - max) / t); z += e[i]; }
        for (int i = 0; i < e.length; i++) e[i] /= z;
        return e;
    }

    static double entropyBits(double[] p) {
        double h = 0;
        for (double x : p) if (x > 0) h -= x * Math.log(x) / Math.log(2);
        return h;
    }

    static double sum(float[] p) { double s = 0; for (float x : p) s += x; return s; }

    static int nonZero(float[] p) { int n = 0; for (float x : p) if (x > 0) n++; return n; }

    static double norm(float[] v) { double s = 0; for (float x : v) s += (double) x * x; return Math.sqrt(s); }

    static int argMax(float[] v) { int b = 0; for (int i = 1; i < v.length; i++) if (v[i] > v[b]) b = i; return b; }

    static double maxAbsDiff(float[] a, float[] b) { double m = 0; for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i])); return m; }
}
