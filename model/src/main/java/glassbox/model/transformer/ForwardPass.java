package glassbox.model.transformer;

import glassbox.model.config.Activation;
import glassbox.model.config.ModelConfig;
import glassbox.model.config.NormKind;
import glassbox.model.config.PositionScheme;
import glassbox.model.tensor.FloatTensor;
import glassbox.model.tensor.Kernels;
import glassbox.model.tensor.Parallel;

/**
 * One forward pass over a block of T new tokens at positions pos0…pos0+T−1, appending their keys and
 * values to the cache: the equations of the paper as one visible sequence of steps. Decode is T = 1,
 * prefill and the trace are T &gt; 1 through the same code, so the trace is the computation itself.
 */
final class ForwardPass {
    /** Elements per task of element-wise steps (activations, norms): below this a thread hand-off costs more. */
    private static final int ELEMENTWISE_CHUNK = 16 * 1024;
    /** Head sizes below this take plain loops for q·k and the weighted V: a vector reduction costs more than it saves. */
    private static final int SHORT_HEAD = 16;
    /** Queries per block from which a head's keys are transposed once (decode, one query, reads each key once). */
    private static final int TRANSPOSED_KEYS_MIN_QUERIES = 4;
    /** Multiply-adds of one layer's attention above which its heads are split over the pool (decode past ~15 positions on a 288-wide model). */
    private static final long ATTENTION_SPLIT_WORK = 8192;

    private final Transformer model;
    private final ModelConfig c;
    private final Parallel pool;
    private final KvCache cache;
    private final TraceRecorder trace;    // null: nothing recorded, nothing copied
    // one set of work arrays for every layer: the trace copies what it keeps, so a layer may overwrite the last one's;
    // they are the thread's (PassScratch), longer than T rows when an earlier pass was longer, so lengths come from T
    private final PassScratch scratch = PassScratch.ofThisThread();
    private float[] xn, q, k, val, concat, attnOut, hb, gate, down;
    private final Ablation ablation;

    ForwardPass(Transformer model, KvCache cache, TraceRecorder trace, Ablation ablation) {
        this.model = model;
        this.c = model.config();
        this.pool = model.pool();
        this.cache = cache;
        this.trace = trace;
        this.ablation = ablation == null ? Ablation.NONE : ablation;
    }

    /** @return logits: T×vocab when allLogits, else the last position's vocab scores */
    float[] run(int[] tokens, boolean allLogits) {
        int T = tokens.length, dim = c.dim(), pos0 = cache.length();
        if (T == 0) throw new IllegalArgumentException("no tokens to run");
        cache.ensure(pos0 + T);
        float[] x = embed(tokens, pos0);
        int kvDim = c.kvDim(), hidden = c.hiddenDim();
        xn = scratch.floats(PassScratch.Role.XN, T * dim);
        q = scratch.floats(PassScratch.Role.Q, T * dim);
        k = scratch.floats(PassScratch.Role.K, T * kvDim);
        val = scratch.floats(PassScratch.Role.V, T * kvDim);
        concat = scratch.floats(PassScratch.Role.CONCAT, T * dim);
        attnOut = scratch.floats(PassScratch.Role.ATTN_OUT, T * dim);
        hb = scratch.floats(PassScratch.Role.HIDDEN, T * hidden);
        down = scratch.floats(PassScratch.Role.DOWN, T * dim);
        for (int l = 0; l < c.layers(); l++) layer(l, x, T, pos0);
        cache.setLength(pos0 + T);

        float[] xn = this.xn;
        for (int t = 0; t < T; t++) model.finalNorm(x, t * dim, xn, t * dim);
        if (trace != null) trace.finalNormed(xn);
        FloatTensor head = model.weights().output();
        int vocab = c.vocabSize();
        // a trace copies the logits into its slab, so they go to scratch; a caller of logits() keeps them
        if (allLogits) {
            float[] logits = trace != null ? scratch.floats(PassScratch.Role.LOGITS, T * vocab) : new float[T * vocab];
            head.matmul(xn, T, logits, vocab, dim, pool);
            if (trace != null) trace.logits(logits, T);
            return logits;
        }
        float[] logits = new float[vocab];
        head.matvec(xn, (T - 1) * dim, logits, 0, vocab, dim, pool);
        if (trace != null) trace.logits(logits, 1);
        return logits;
    }

    private float[] embed(int[] tokens, int pos0) {
        int T = tokens.length, dim = c.dim();
        float[] x = scratch.floats(PassScratch.Role.X, T * dim);
        var emb = model.weights().tokenEmbedding();
        for (int t = 0; t < T; t++) {
            int id = tokens[t];
            if (id < 0 || id >= c.vocabSize()) throw new IllegalArgumentException("token id " + id + " outside the vocabulary of " + c.vocabSize());
            emb.copyTo((long) id * dim, x, t * dim, dim);
        }
        float[] pos = null;
        if (c.positions() != PositionScheme.ROPE) {
            pos = scratch.floats(PassScratch.Role.POS, T * dim);
            for (int t = 0; t < T; t++) model.positionRow(pos0 + t, pos, t * dim);
        }
        if (trace != null) trace.embeddings(x, pos);   // copied as handed over, like every array below
        if (pos != null) Kernels.add(pos, 0, x, 0, T * dim);
        if (trace != null) trace.embedded(x);
        return x;
    }

    private void layer(int l, float[] x, int T, int pos0) {
        int dim = c.dim(), kvDim = c.kvDim(), hd = c.headDim(), hidden = c.hiddenDim();
        LayerWeights w = model.weights().layers().get(l);
        Transformer.LayerVectors v = model.vectors(l);
        if (trace != null) trace.beginLayer(l);

        // attention: x + W_O · concat_h softmax(q_h k_hᵀ / √d + mask) v_h
        float[] xn = this.xn;
        normRows(x, xn, T, v.attnNorm(), v.attnNormBias());
        if (trace != null) trace.attnNormed(xn);

        float[] q = this.q, k = this.k, val = this.val;
        if (T == 1) {
            FloatTensor.matvecs(new FloatTensor[]{w.wq(), w.wk(), w.wv()}, new int[]{dim, kvDim, kvDim}, xn,
                    new float[][]{q, k, val}, dim, pool);
        } else {
            w.wq().matmul(xn, T, q, dim, dim, pool);
            w.wk().matmul(xn, T, k, kvDim, dim, pool);
            w.wv().matmul(xn, T, val, kvDim, dim, pool);
        }
        addBias(q, v.bq(), T, dim);
        addBias(k, v.bk(), T, kvDim);
        addBias(val, v.bv(), T, kvDim);
        boolean rope = c.positions() == PositionScheme.ROPE;
        if (trace != null) trace.qkvBeforeRope(q, k, val);
        if (rope) {
            Rope rotation = model.rope();
            for (int t = 0; t < T; t++) {
                float[] cs = model.ropeAngles(pos0 + t);
                rotation.rotate(q, t * dim, c.heads(), cs);
                rotation.rotate(k, t * kvDim, c.kvHeads(), cs);
            }
        }
        if (trace != null) trace.qkAfterRope(q, k);

        float[] kc = cache.keyArray(l), vc = cache.valueArray(l);
        System.arraycopy(k, 0, kc, pos0 * kvDim, T * kvDim);
        System.arraycopy(val, 0, vc, pos0 * kvDim, T * kvDim);

        float[] concat = this.concat;
        java.util.Arrays.fill(concat, 0, T * dim, 0f);   // the heads add into it
        float scale = (float) (1.0 / Math.sqrt(hd));
        long work = (long) T * (pos0 + T) * hd * 2;
        pool.forRange(c.heads(), work * c.heads() >= ATTENTION_SPLIT_WORK ? 1 : c.heads(), (h0, h1) -> {
            float[] scores = new float[pos0 + T];
            // the executing thread's own scratch (workers have theirs)
            float[] kt = T >= TRANSPOSED_KEYS_MIN_QUERIES ? PassScratch.ofThisThread().floats(PassScratch.Role.KEYS_T, hd * (pos0 + T)) : null;
            for (int h = h0; h < h1; h++) attendHead(l, h, q, kc, vc, concat, scores, kt, T, pos0, scale);
        });
        if (trace != null) trace.concat(concat, scale);

        float[] attnOut = this.attnOut;
        w.wo().matmul(concat, T, attnOut, dim, dim, pool);
        addBias(attnOut, v.bo(), T, dim);
        if (trace != null) trace.attnOutput(attnOut);
        Kernels.add(attnOut, 0, x, 0, T * dim);
        if (trace != null) trace.residualAfterAttn(x);

        // MLP: x + W_down · act(W_up · norm(x)) (SwiGLU: silu(W_gate·) ⊙ W_up·)
        normRows(x, xn, T, v.mlpNorm(), v.mlpNormBias());
        if (trace != null) trace.mlpNormed(xn);
        if (w.wGate() != null && this.gate == null) this.gate = scratch.floats(PassScratch.Role.GATE, T * hidden);
        float[] hb = this.hb, gate = w.wGate() == null ? null : this.gate;
        if (T == 1 && gate != null) {
            FloatTensor.matvecs(new FloatTensor[]{w.wGate(), w.wUp()}, new int[]{hidden, hidden}, xn,
                    new float[][]{gate, hb}, dim, pool);
        } else {
            w.wUp().matmul(xn, T, hb, hidden, dim, pool);
            if (gate != null) w.wGate().matmul(xn, T, gate, hidden, dim, pool);
        }
        addBias(hb, v.bUp(), T, hidden);
        Activation act = c.activation();
        pool.forRange(T * hidden, ELEMENTWISE_CHUNK, (i0, i1) -> {   // prefill: T×hidden exps, worth both cores
            if (gate != null) Activations.swiglu(gate, hb, i0, i1);
            else if (act == Activation.GELU) Activations.geluInPlace(hb, i0, i1);
            else if (act == Activation.RELU) Activations.reluInPlace(hb, i0, i1);
            else Activations.siluInPlace(hb, i0, i1);
        });
        if (trace != null) trace.mlpHidden(hb);
        float[] down = this.down;
        w.wDown().matmul(hb, T, down, dim, hidden, pool);
        addBias(down, v.bDown(), T, dim);
        if (trace != null) trace.mlpOutput(down);
        Kernels.add(down, 0, x, 0, T * dim);
        if (trace != null) trace.endLayer(x);
    }

    /** xn's T rows = norm(x's rows), split over the pool when the block is large (prefill). */
    private void normRows(float[] x, float[] xn, int T, float[] weight, float[] bias) {
        int dim = c.dim();
        pool.forRange(T, Math.max(1, ELEMENTWISE_CHUNK / dim), (t0, t1) -> {
            for (int t = t0; t < t1; t++) model.norm(x, t * dim, xn, t * dim, weight, bias);
        });
    }

    /** One query head over T new positions: scores against every cached key up to itself, softmax, weighted values. */
    private void attendHead(int l, int h, float[] q, float[] kc, float[] vc, float[] concat, float[] scores, float[] kt,
                            int T, int pos0, float scale) {
        int dim = c.dim(), kvDim = c.kvDim(), hd = c.headDim();
        int kvh = h / c.groupSize();
        boolean off = ablation.isOff(l, h);
        boolean small = hd < SHORT_HEAD; // a short head's weighted sum of V in a plain loop too
        // the trace's T×T scores and weights, written in place (row t at offset + t·T)
        TraceSlab.Slot rawSlot = trace == null ? null : trace.rawScores(h), weightSlot = trace == null ? null : trace.weights(h);
        float[] raw = rawSlot == null ? null : rawSlot.array(), weights = weightSlot == null ? null : weightSlot.array();
        int ro = rawSlot == null ? 0 : rawSlot.offset(), wo = weightSlot == null ? 0 : weightSlot.offset();
        int keys = pos0 + T;
        if (kt != null) {   // a block of queries: this head's keys transposed once, so q·k runs a vector of keys at a time
            for (int p = 0; p < keys; p++) for (int i = 0; i < hd; i++) kt[i * keys + p] = kc[p * kvDim + kvh * hd + i];
        }
        for (int t = 0; t < T; t++) {
            int len = pos0 + t + 1;       // the causal mask: keys 0…pos0+t only
            int qo = t * dim + h * hd;
            if (kt != null) {
                int upto = raw != null ? keys : len;   // a trace keeps the full QKᵀ for the views' what-if
                java.util.Arrays.fill(scores, 0, upto, 0f);
                for (int i = 0; i < hd; i++) Kernels.axpy(q[qo + i], kt, i * keys, scores, 0, upto);
                if (raw != null) System.arraycopy(scores, pos0, raw, ro + t * T, T);   // a trace starts at position 0
                for (int p = 0; p < len; p++) scores[p] *= scale;
            } else {
                for (int p = 0; p < len; p++) {
                    float s = headDot(q, qo, kc, p * kvDim + kvh * hd, hd);
                    if (raw != null) raw[ro + t * T + p] = s;
                    scores[p] = s * scale;
                }
                if (raw != null) {   // the full QKᵀ for the views' what-if (the block's later keys are already cached)
                    for (int u = t + 1; u < T; u++) raw[ro + t * T + u] = headDot(q, qo, kc, (pos0 + u) * kvDim + kvh * hd, hd);
                }
            }
            AttentionMath.softmaxInPlace(scores, 0, len);
            if (weights != null) System.arraycopy(scores, 0, weights, wo + t * T, len);
            if (off) continue;
            if (small) {
                for (int p = 0; p < len; p++) {
                    float a = scores[p];
                    int vo = p * kvDim + kvh * hd;
                    for (int i = 0; i < hd; i++) concat[qo + i] += a * vc[vo + i];
                }
            } else {
                for (int p = 0; p < len; p++) Kernels.axpy(scores[p], vc, p * kvDim + kvh * hd, concat, qo, hd);
            }
        }
    }

    /** q·k over one head: a short head (d_head &lt; 16) in a plain loop, where a vector reduction costs more. */
    private static float headDot(float[] q, int qo, float[] k, int ko, int hd) {
        return hd < SHORT_HEAD ? scalarDot(q, qo, k, ko, hd) : Kernels.dot(q, qo, k, ko, hd);
    }

    private static float scalarDot(float[] a, int ao, float[] b, int bo, int n) {
        float s = 0f;
        for (int i = 0; i < n; i++) s += a[ao + i] * b[bo + i];
        return s;
    }

    private static void addBias(float[] out, float[] bias, int T, int n) {
        if (bias == null) return;
        for (int t = 0; t < T; t++) Kernels.add(bias, 0, out, t * n, n);
    }

    static boolean isRms(ModelConfig c) { return c.norm() == NormKind.RMS_NORM; }
}
