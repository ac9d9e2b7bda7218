package glassbox.model.transformer;

import glassbox.model.config.ModelConfig;
import glassbox.model.io.ModelFiles;
import glassbox.model.trace.ForwardTrace;
import glassbox.model.trace.HeadTrace;
import glassbox.model.trace.LayerTrace;
import glassbox.model.trace.Matrix;
import glassbox.model.transformer.HeadWeights.Projection;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** A head's weight slice, times the normed stream the trace recorded, gives the head's own Q, K and V. */
class HeadWeightsTest {

    @Test void randomLlamaGqaAndGpt2() {
        for (ModelConfig c : new ModelConfig[]{ModelConfig.llama("gqa", 24, 36, 2, 6, 3, 29, 16, true),
                ModelConfig.gpt2("gpt2", 16, 40, 2, 4, 29, 12)}) {
            var w = RandomWeights.make(c, 7);
            recomposes(c, w, new Transformer(c, w, 1).trace(new int[]{1, 4, 9, 16, 25, 8}), 1e-4);
        }
    }

    /** Q8_0 weights: the slice is decoded block by block, and the trace ran on the same quantized weights. */
    @Test void quantizedQ8_0Weights() {
        ModelConfig c = ModelConfig.llama("q8", 64, 96, 2, 4, 2, 29, 16, true);
        var w = RandomWeights.make(c, 11).map(t -> {
            if (t.size() % 32 != 0 || t.size() < 1024) return t;   // norms stay f32
            float[] f = new float[(int) t.size()];
            t.copyTo(0, f, 0, f.length);
            return new glassbox.model.tensor.Q8_0Tensor(java.lang.foreign.MemorySegment.ofArray(glassbox.model.tensor.Quantize.q8_0(f)), t.size());
        });
        assertEquals("Q8_0", w.layers().get(0).wk().typeName());
        recomposes(c, w, new Transformer(c, w, 1).trace(new int[]{3, 1, 4, 1, 5, 9}), 1e-3);
    }

    @Test void shippedGpt2ModelWithBiasesInHalfPrecision() throws Exception {
        try (var m = ModelFiles.open(ModelFiles.defaultModel(), null)) {
            var t = m.transformer();
            recomposes(t.config(), t.weights(), t.trace(m.tokenizer().encode("It is a truth universally acknowledged")), 2e-3);
        }
    }

    @Test void stories260KGroupedQueryHeads() throws Exception {
        try (var m = ModelFiles.open(SharedFiles.path("models/llama2c/stories260K.bin"), null)) {
            var t = m.transformer();
            assertTrue(t.config().groupSize() > 1, "stories260K shares K/V heads");
            recomposes(t.config(), t.weights(), t.trace(new int[]{1, 403, 407, 261, 378}), 1e-3);
        }
    }

    @Test void elementsAreTheStoredRowsTransposed() {
        ModelConfig c = ModelConfig.llama("gqa", 24, 36, 1, 6, 2, 29, 16, true);
        LayerWeights lw = RandomWeights.make(c, 3).layers().get(0);
        int d = c.dim(), dh = c.headDim();
        Matrix k5 = HeadWeights.of(c, lw, 5, Projection.KEY);   // head 5 of 6 reads K head 1 of 2 (rows 4..7)
        assertEquals(d, k5.rows());
        assertEquals(dh, k5.cols());
        for (int i = 0; i < d; i++) for (int j = 0; j < dh; j++) assertEquals(lw.wk().getFloat((long) (dh + j) * d + i), k5.get(i, j));
        assertNull(HeadWeights.bias(c, lw, 0, Projection.QUERY), "Llama has no biases");
        assertThrows(IllegalArgumentException.class, () -> HeadWeights.of(c, lw, 6, Projection.QUERY));
    }

    private static void recomposes(ModelConfig c, glassbox.model.transformer.ModelWeights w, ForwardTrace trace, double tol) {
        for (LayerTrace l : trace.layers()) {
            LayerWeights lw = w.layers().get(l.layer());
            for (HeadTrace h : l.heads()) {
                String at = c.name() + " layer " + l.layer() + " head " + h.head();
                same(h.qBeforeRope(), times(l.attnNormed(), HeadWeights.of(c, lw, h.head(), Projection.QUERY), HeadWeights.bias(c, lw, h.head(), Projection.QUERY)), tol, at + " Q");
                same(h.kBeforeRope(), times(l.attnNormed(), HeadWeights.of(c, lw, h.head(), Projection.KEY), HeadWeights.bias(c, lw, h.head(), Projection.KEY)), tol, at + " K");
                same(h.v(), times(l.attnNormed(), HeadWeights.of(c, lw, h.head(), Projection.VALUE), HeadWeights.bias(c, lw, h.head(), Projection.VALUE)), tol, at + " V");
            }
            same(l.attnOutput(), times(l.concat(), HeadWeights.output(c, lw), HeadWeights.outputBias(c, lw)), tol, c.name() + " layer " + l.layer() + " W_O");
        }
    }

    private static float[] times(Matrix x, Matrix w, float[] bias) {
        float[] out = new float[x.rows() * w.cols()];
        for (int t = 0; t < x.rows(); t++) {
            for (int j = 0; j < w.cols(); j++) {
                double s = bias == null ? 0 : bias[j];
                for (int i = 0; i < x.cols(); i++) s += (double) x.get(t, i) * w.get(i, j);
                out[t * w.cols() + j] = (float) s;
            }
        }
        return out;
    }

    private static void same(Matrix expected, float[] actual, double tol, String what) {
        assertEquals(expected.size(), actual.length, what);
        for (int i = 0; i < actual.length; i++) {
            assertEquals(expected.at(i), actual[i], tol * Math.max(1, Math.abs(expected.at(i))), what + " at " + i);
        }
    }
}
