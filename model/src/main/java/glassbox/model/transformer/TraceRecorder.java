package glassbox.model.transformer;

import glassbox.model.config.ModelConfig;
import glassbox.model.config.PositionScheme;
import glassbox.model.trace.ForwardTrace;
import glassbox.model.trace.HeadTrace;
import glassbox.model.trace.LayerTrace;
import glassbox.model.trace.Matrix;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects a forward pass's intermediates into records. Each is copied into the trace's slab as it is handed over
 * (the pass may then reuse or change its array), except the attention scores and weights, which the heads write there
 * directly.
 */
final class TraceRecorder {
    private final ModelConfig c;
    private final int[] tokens;
    private final int T;
    private final boolean rope;
    private final TraceSlab slab;
    private Matrix tokenEmb, posEmb, embedded, finalNormed, logits;
    private Matrix residual;   // the stream entering the next block: the last one recorded
    private final List<LayerTrace> layers = new ArrayList<>();

    // the layer being recorded
    private int layer;
    private Matrix input, attnNormed, concat, attnOut, residualAfterAttn, mlpNormed, mlpHidden, mlpOutput;
    private Matrix[] qBefore, q, kBefore, k, v;   // per query head (q), per K/V head (k, v: GQA heads share them)
    private TraceSlab.Slot[] raw, weights;
    private List<HeadTrace> headsOfLayer;

    TraceRecorder(ModelConfig c, int[] tokens, boolean allLogits) {
        this.c = c;
        this.tokens = tokens.clone();
        this.T = tokens.length;
        this.rope = c.positions() == PositionScheme.ROPE;
        this.slab = new TraceSlab(floats(c, T, allLogits));
    }

    /** Floats a trace of T tokens holds (with logits for every position, or the last): what it takes from its slab. */
    static long floats(ModelConfig c, int T, boolean allLogits) {
        boolean rope = c.positions() == PositionScheme.ROPE;
        long td = (long) T * c.dim(), tkv = (long) T * c.kvDim(), copies = rope ? 3 : 2;
        long perLayer = 7 * td + (long) T * c.hiddenDim() + 2L * c.heads() * T * T
                + copies * td      // per query head: its output, its queries (before and after RoPE)
                + copies * tkv;    // per K/V head: its values, its keys (before and after RoPE)
        return (rope ? 2 : 3) * td + perLayer * c.layers() + td + (long) (allLogits ? T : 1) * c.vocabSize();
    }

    private Matrix keep(float[] a, int cols) { return slab.copy(a, T, cols); }

    void embeddings(float[] tok, float[] pos) { tokenEmb = keep(tok, c.dim()); posEmb = pos == null ? null : keep(pos, c.dim()); }

    void embedded(float[] x) { embedded = residual = keep(x, c.dim()); }

    /** Starts layer l, whose input is the stream last recorded; reserves its heads' score and weight matrices. */
    void beginLayer(int l) {
        layer = l;
        input = residual;
        raw = new TraceSlab.Slot[c.heads()];
        weights = new TraceSlab.Slot[c.heads()];
        for (int h = 0; h < c.heads(); h++) { raw[h] = slab.take(T, T); weights[h] = slab.take(T, T); }
    }

    /** Where head h writes its T×T q·k (row t at offset + t·T); written once, from the head's worker. */
    TraceSlab.Slot rawScores(int h) { return raw[h]; }

    /** Where head h writes its T×T softmax weights (zeros above the diagonal are already there). */
    TraceSlab.Slot weights(int h) { return weights[h]; }

    void attnNormed(float[] a) { attnNormed = keep(a, c.dim()); }

    void qkvBeforeRope(float[] qa, float[] ka, float[] va) {
        qBefore = perHead(qa, c.heads(), c.dim());
        kBefore = perHead(ka, c.kvHeads(), c.kvDim());
        v = perHead(va, c.kvHeads(), c.kvDim());
    }

    /** Without RoPE the queries and keys are the ones before: the same matrices serve both. */
    void qkAfterRope(float[] qa, float[] ka) {
        q = rope ? perHead(qa, c.heads(), c.dim()) : qBefore;
        k = rope ? perHead(ka, c.kvHeads(), c.kvDim()) : kBefore;
    }

    private Matrix[] perHead(float[] a, int heads, int stride) {
        int hd = c.headDim();
        Matrix[] out = new Matrix[heads];
        for (int h = 0; h < heads; h++) out[h] = slab.columns(a, T, stride, h * hd, hd);
        return out;
    }

    /** All heads' outputs side by side (after the heads ran): each head's trace is complete. */
    void concat(float[] a, float scale) {
        concat = keep(a, c.dim());
        Matrix[] out = perHead(a, c.heads(), c.dim());
        HeadTrace[] heads = new HeadTrace[c.heads()];
        for (int h = 0; h < heads.length; h++) {
            int g = h / c.groupSize();
            heads[h] = new HeadTrace(h, g, qBefore[h], kBefore[g], q[h], k[g], v[g], raw[h].matrix(), scale,
                    weights[h].matrix(), out[h]);
        }
        headsOfLayer = List.of(heads);
    }

    void attnOutput(float[] a) { attnOut = keep(a, c.dim()); }

    void residualAfterAttn(float[] a) { residualAfterAttn = keep(a, c.dim()); }

    void mlpNormed(float[] a) { mlpNormed = keep(a, c.dim()); }

    void mlpHidden(float[] a) { mlpHidden = keep(a, c.hiddenDim()); }

    void mlpOutput(float[] a) { mlpOutput = keep(a, c.dim()); }

    void endLayer(float[] x) {
        residual = keep(x, c.dim());
        layers.add(new LayerTrace(layer, input, attnNormed, headsOfLayer, concat, attnOut, residualAfterAttn,
                mlpNormed, mlpHidden, mlpOutput, residual));
        qBefore = q = kBefore = k = v = null;
        raw = weights = null;
    }

    void finalNormed(float[] a) { finalNormed = keep(a, c.dim()); }

    /** The first rows × vocab values of a: T rows, or the last position's one. */
    void logits(float[] a, int rows) { logits = slab.copy(a, rows, c.vocabSize()); }

    ForwardTrace build() {
        return new ForwardTrace(c, tokens, tokenEmb, posEmb, embedded, layers, finalNormed, logits);
    }
}
