package glassbox.model.transformer;

import glassbox.model.config.ModelConfig;
import glassbox.model.trace.ForwardTrace;
import glassbox.model.trace.HeadTrace;
import glassbox.model.trace.LayerTrace;
import glassbox.model.trace.Matrix;

import java.util.ArrayList;
import java.util.List;

/** Collects a forward pass's intermediates (arrays the pass hands over and never touches again) into records. */
final class TraceRecorder {
    private final ModelConfig c;
    private final int[] tokens;
    private final int T;
    private Matrix tokenEmb, posEmb, embedded, finalNormed, logits;
    private final List<LayerTrace> layers = new ArrayList<>();

    // the layer being recorded
    private int layer;
    private Matrix input, attnNormed, concat, attnOut, residualAfterAttn, mlpNormed, mlpHidden, mlpOutput;
    private float[] qBefore, kBefore, v, q, k;
    private HeadTrace[] heads;

    TraceRecorder(ModelConfig c, int[] tokens) {
        this.c = c;
        this.tokens = tokens.clone();
        this.T = tokens.length;
    }

    /** Floats a trace of T tokens holds (with logits for every position, or the last), to refuse ones that would not fit. */
    static long estimateFloats(ModelConfig c, int T, boolean allLogits) {
        long td = (long) T * c.dim();
        long perLayer = 11 * td + 3L * T * c.kvDim() * 2 + 2L * c.heads() * T * T + (long) T * c.hiddenDim();
        return 4 * td + perLayer * c.layers() + (long) (allLogits ? T : 1) * c.vocabSize();
    }

    private Matrix m(float[] a, int cols) { return new Matrix(T, cols, a); }

    void embeddings(float[] tok, float[] pos) { tokenEmb = m(tok, c.dim()); posEmb = pos == null ? null : m(pos, c.dim()); }

    void embedded(float[] x) { embedded = m(x, c.dim()); }

    void beginLayer(int l, float[] x) { layer = l; input = m(x, c.dim()); heads = new HeadTrace[c.heads()]; }

    void attnNormed(float[] a) { attnNormed = m(a, c.dim()); }

    void qkvBeforeRope(float[] q, float[] k, float[] v) { qBefore = q; kBefore = k; this.v = v; }

    void qkAfterRope(float[] q, float[] k) { this.q = q; this.k = k; }

    /** Called from the attention workers, one head each. */
    void head(int h, int kvh, float[] raw, float scale, float[] weights, float[] concatArray, int tokensCount) {
        int hd = c.headDim(), dim = c.dim(), kvDim = c.kvDim();
        float[] out = new float[T * hd];
        for (int t = 0; t < T; t++) System.arraycopy(concatArray, t * dim + h * hd, out, t * hd, hd);
        Matrix qb = cols(qBefore, dim, h * hd, hd), kb = cols(kBefore, kvDim, kvh * hd, hd);
        // without RoPE the pass hands over one array before and after: one copy serves both
        heads[h] = new HeadTrace(h, kvh, qb, kb, q == qBefore ? qb : cols(q, dim, h * hd, hd),
                k == kBefore ? kb : cols(k, kvDim, kvh * hd, hd), cols(v, kvDim, kvh * hd, hd),
                new Matrix(T, T, raw), scale, new Matrix(T, T, weights), new Matrix(T, hd, out));
    }

    private Matrix cols(float[] a, int stride, int from, int n) {
        float[] out = new float[T * n];
        for (int t = 0; t < T; t++) System.arraycopy(a, t * stride + from, out, t * n, n);
        return new Matrix(T, n, out);
    }

    void concat(float[] a) { concat = m(a, c.dim()); }

    void attnOutput(float[] a) { attnOut = m(a, c.dim()); }

    void residualAfterAttn(float[] a) { residualAfterAttn = m(a, c.dim()); }

    void mlpNormed(float[] a) { mlpNormed = m(a, c.dim()); }

    void mlpHidden(float[] a) { mlpHidden = m(a, c.hiddenDim()); }

    void mlpOutput(float[] a) { mlpOutput = m(a, c.dim()); }

    void endLayer(float[] x) {
        layers.add(new LayerTrace(layer, input, attnNormed, List.of(heads), concat, attnOut, residualAfterAttn,
                mlpNormed, mlpHidden, mlpOutput, m(x, c.dim())));
        qBefore = kBefore = v = q = k = null;
    }

    void finalNormed(float[] a) { finalNormed = m(a, c.dim()); }

    void logits(float[] a) { logits = new Matrix(a.length / c.vocabSize(), c.vocabSize(), a); } // T rows, or the last one

    ForwardTrace build() {
        return new ForwardTrace(c, tokens, tokenEmb, posEmb, embedded, layers, finalNormed, logits);
    }
}
