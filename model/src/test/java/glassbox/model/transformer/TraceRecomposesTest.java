package glassbox.model.transformer;

import glassbox.model.config.ModelConfig;
import glassbox.model.tensor.FloatTensor;
import glassbox.model.trace.ForwardTrace;
import glassbox.model.trace.HeadTrace;
import glassbox.model.trace.LayerTrace;
import glassbox.model.trace.Matrix;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** The trace's pieces put back together give the forward pass's own numbers. */
class TraceRecomposesTest {
    private static final ModelConfig LLAMA = ModelConfig.llama("gqa", 24, 36, 3, 6, 3, 29, 16, true);
    private static final ModelConfig GPT2 = ModelConfig.gpt2("gpt2", 16, 40, 2, 4, 29, 12);
    private static final int[] TOKENS = {1, 4, 9, 16, 25, 8, 2};

    private static void close(Matrix expected, float[] actual, String what) {
        assertEquals(expected.size(), actual.length, what);
        for (int i = 0; i < actual.length; i++) assertEquals(expected.at(i), actual[i], 1e-4, what + " at " + i);
    }

    private static float[] times(Matrix x, FloatTensor w, FloatTensor bias, int rows) {
        int cols = x.cols();
        float[] out = new float[x.rows() * rows];
        for (int t = 0; t < x.rows(); t++) {
            for (int r = 0; r < rows; r++) {
                double s = bias == null ? 0 : bias.getFloat(r);
                for (int i = 0; i < cols; i++) s += x.get(t, i) * w.getFloat((long) r * cols + i);
                out[t * rows + r] = (float) s;
            }
        }
        return out;
    }

    private static float[] plus(Matrix a, Matrix b) {
        float[] out = a.toArray();
        for (int i = 0; i < out.length; i++) out[i] += b.at(i);
        return out;
    }

    @Test void everyPieceRecomposes() {
        for (ModelConfig c : new ModelConfig[]{LLAMA, GPT2}) {
            var w = RandomWeights.make(c, 5);
            var model = new Transformer(c, w, 1);
            ForwardTrace trace = model.trace(TOKENS);
            int T = TOKENS.length, hd = c.headDim();
            assertArrayEquals(TOKENS, trace.tokens());
            close(trace.embedded(), trace.positionEmbeddings() == null ? trace.tokenEmbeddings().toArray()
                    : plus(trace.tokenEmbeddings(), trace.positionEmbeddings()), c.name() + " embedded");
            Matrix previous = trace.embedded();
            for (LayerTrace l : trace.layers()) {
                LayerWeights lw = w.layers().get(l.layer());
                String at = c.name() + " layer " + l.layer();
                close(previous, l.input().toArray(), at + " input = previous output");
                float[] concat = new float[T * c.dim()];
                for (HeadTrace h : l.heads()) {
                    assertEquals(h.head() / c.groupSize(), h.kvHead(), "GQA: query head reads K/V head h / groupSize");
                    assertEquals(1 / Math.sqrt(hd), h.scale(), 1e-7);
                    close(AttentionMath.weights(h.rawScores(), h.scale(), true), h.weights().toArray(), at + " head " + h.head() + " weights");
                    for (int t = 0; t < T; t++) {
                        double rowSum = 0;
                        for (int u = 0; u < T; u++) {
                            rowSum += h.weights().get(t, u);
                            if (u > t) assertEquals(0f, h.weights().get(t, u), "masked weight");
                            double dot = 0;
                            for (int i = 0; i < hd; i++) dot += h.q().get(t, i) * h.k().get(u, i);
                            assertEquals(dot, h.rawScores().get(t, u), 1e-4, "raw score = q·k, above the diagonal too");
                        }
                        assertEquals(1.0, rowSum, 1e-5);
                        for (int i = 0; i < hd; i++) {
                            double o = 0;
                            for (int u = 0; u <= t; u++) o += h.weights().get(t, u) * h.v().get(u, i);
                            assertEquals(o, h.output().get(t, i), 1e-4, "head output = weights·V");
                            concat[t * c.dim() + h.head() * hd + i] = h.output().get(t, i);
                        }
                    }
                }
                close(l.concat(), concat, at + " concat of heads");
                close(l.attnOutput(), times(l.concat(), lw.wo(), lw.bo(), c.dim()), at + " concat·W_O");
                close(l.residualAfterAttn(), plus(l.input(), l.attnOutput()), at + " input + attnOutput");
                close(l.mlpOutput(), times(l.mlpHidden(), lw.wDown(), lw.bDown(), c.dim()), at + " hidden·W_down");
                close(l.output(), plus(l.residualAfterAttn(), l.mlpOutput()), at + " residual + mlpOutput");
                previous = l.output();
            }
            close(trace.logits(), times(trace.finalNormed(), w.output(), null, c.vocabSize()), c.name() + " logits = finalNormed·W_out");
            float[] last = model.logits(TOKENS);
            close(new Matrix(1, last.length, last), trace.lastLogits(), c.name() + " trace = logits(tokens)");
            var session = model.newSession();
            float[] stepped = null;
            for (int t : TOKENS) stepped = session.step(t);
            close(new Matrix(1, last.length, last), stepped, c.name() + " trace = stepping a session");
            assertArrayEquals(model.logitLens(previous.row(T - 1)), trace.lastLogits(), 1e-4f, "logit lens of the last residual");
        }
    }

    @Test void aTraceKeepingOnlyTheLastLogitsIsTheSamePass() {
        for (ModelConfig c : new ModelConfig[]{LLAMA, GPT2}) {
            var model = new Transformer(c, RandomWeights.make(c, 11), 1);
            ForwardTrace full = model.trace(TOKENS, Ablation.NONE, true), last = model.trace(TOKENS, Ablation.NONE, false);
            assertTrue(full.hasAllLogits());
            assertFalse(last.hasAllLogits());
            assertEquals(full.layers(), last.layers(), "everything before the classifier is the same");
            assertArrayEquals(full.lastLogits(), last.lastLogits(), 1e-6f);
            assertArrayEquals(full.lastLogits(), last.logitsAt(TOKENS.length - 1), 1e-6f);
            assertNull(last.logitsAt(2), "not kept");
            // what a view computes instead: the logit lens of the last layer's output row = that row of the full table
            float[] lens = model.logitLens(last.layers().getLast().output().row(2));
            assertArrayEquals(full.logitsAt(2), lens, 1e-4f, c.name() + " row 2 on demand");
            assertEquals(4L * (TOKENS.length - 1) * c.vocabSize(), model.traceBytes(TOKENS.length, true) - model.traceBytes(TOKENS.length, false),
                    "the budget counts the logits rows kept");
        }
        assertTrue((long) 64 * 50257 > Transformer.ALL_LOGITS_LIMIT, "GPT-2's vocabulary at 64 tokens keeps the last row only");
        assertTrue((long) 256 * 2048 <= Transformer.ALL_LOGITS_LIMIT, "the shipped models keep every row at full context");
    }

    @Test void ropeIsVisibleBetweenBeforeAndAfter() {
        var trace = new Transformer(LLAMA, RandomWeights.make(LLAMA, 6), 1).trace(TOKENS);
        HeadTrace h = trace.layers().get(0).heads().get(1);
        assertArrayEquals(h.qBeforeRope().row(0), h.q().row(0), "position 0 is not rotated");
        assertFalse(java.util.Arrays.equals(h.qBeforeRope().row(3), h.q().row(3)), "later positions are rotated");
        var gpt = new Transformer(GPT2, RandomWeights.make(GPT2, 6), 1).trace(TOKENS);
        HeadTrace g = gpt.layers().get(1).heads().get(2);
        assertEquals(g.qBeforeRope(), g.q(), "no RoPE: before = after");
    }

    @Test void ablationZeroesTheHeadAndChangesTheOutput() {
        var model = new Transformer(LLAMA, RandomWeights.make(LLAMA, 7), 1);
        var plain = model.trace(TOKENS);
        var ablated = model.trace(TOKENS, new Ablation(Set.of(new Ablation.HeadRef(1, 2))));
        for (float v : ablated.layers().get(1).heads().get(2).output().toArray()) assertEquals(0f, v);
        assertEquals(plain.layers().get(0), ablated.layers().get(0), "earlier layers untouched");
        assertFalse(java.util.Arrays.equals(plain.lastLogits(), ablated.lastLogits()));
    }

    @Test void traceOverTheBudgetIsRefusedClearly() {
        var model = new Transformer(LLAMA, RandomWeights.make(LLAMA, 8), 1).withTraceBudget(10_000);
        var e = assertThrows(IllegalArgumentException.class, () -> model.trace(TOKENS));
        assertTrue(e.getMessage().contains("budget"), e.getMessage());
        assertTrue(model.traceBytes(TOKENS.length) > 10_000);
        assertThrows(IllegalArgumentException.class, () -> model.logits(new int[LLAMA.contextLength() + 1]));
        assertThrows(IllegalArgumentException.class, () -> model.logits(new int[]{LLAMA.vocabSize()}));
    }

    @Test void kvCacheHoldsWhatWasFed() {
        var model = new Transformer(LLAMA, RandomWeights.make(LLAMA, 9), 1);
        var session = model.newSession();
        for (int t : TOKENS) session.step(t);
        KvCache cache = session.cache();
        assertEquals(TOKENS.length, cache.length());
        assertEquals(TOKENS.length, session.position());
        assertEquals(2L * LLAMA.layers() * TOKENS.length * LLAMA.kvDim() * 4, cache.bytes());
        var trace = model.trace(TOKENS);
        // the cache's keys for layer 2, K/V head 1 are the trace's post-RoPE keys of that head
        Matrix keys = cache.keys(2);
        HeadTrace h = trace.layers().get(2).heads().get(LLAMA.groupSize());  // first query head of K/V head 1
        for (int t = 0; t < TOKENS.length; t++) {
            for (int i = 0; i < LLAMA.headDim(); i++) assertEquals(h.k().get(t, i), keys.get(t, LLAMA.headDim() + i), 1e-5);
        }
        session.rewind(3);
        assertEquals(3, session.position());
    }
}
