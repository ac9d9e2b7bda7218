package glassbox.model.transformer;

import glassbox.model.config.ModelConfig;
import glassbox.model.config.NormKind;
import glassbox.model.config.PositionScheme;
import glassbox.model.tensor.FloatTensor;
import glassbox.model.tensor.Parallel;
import glassbox.model.trace.ForwardTrace;

import java.util.ArrayList;
import java.util.List;

/**
 * A decoder-only transformer over read-only weights. Every call builds its own buffers and cache, so one
 * instance serves several threads. Quantized and half weights stay mapped; F32 weights are copied to the heap
 * once when they fit ({@link HeapWeights}: an array streams faster than a mapped segment).
 */
public final class Transformer {
    /** Default ceiling for one trace's memory (the views keep a trace alive while drawing it). */
    public static final long DEFAULT_TRACE_BUDGET_BYTES = 768L << 20;

    private final ModelConfig config;
    private final ModelWeights weights;
    private final Parallel pool;
    private final long traceBudgetBytes;
    private final int decodeThreads;
    private volatile Transformer decoder;   // this model on decodeThreads, for sessions, when that differs
    private final List<LayerVectors> vectors;
    private final float[] finalNorm, finalNormBias;
    private final Rope rope;
    private final float[][] ropeTable;   // cos/sin per position when the context is small enough to precompute

    /** Norm weights and biases of one layer as plain arrays (tiny, read on every token). */
    record LayerVectors(float[] attnNorm, float[] attnNormBias, float[] bq, float[] bk, float[] bv, float[] bo,
                        float[] mlpNorm, float[] mlpNormBias, float[] bUp, float[] bDown) {}

    /** @param threads worker threads including the caller; 0 picks: 1 for tiny models, else every core (and for decode see {@link #decodeThreads}) */
    public Transformer(ModelConfig config, ModelWeights weights, int threads) {
        this(config, HeapWeights.resident(weights), threads, DEFAULT_TRACE_BUDGET_BYTES);
    }

    /** threads as asked for; 0 or less: the traced pass's and decode's own picks. */
    private Transformer(ModelConfig config, ModelWeights weights, int threads, long traceBudgetBytes) {
        this(config, weights, threads <= 0 ? autoThreads(weights) : threads, threads <= 0 ? decodeThreads(weights) : threads,
                traceBudgetBytes);
    }

    private Transformer(ModelConfig config, ModelWeights weights, int threads, int decodeThreads, long traceBudgetBytes) {
        this.config = config;
        this.weights = weights;
        this.pool = Parallel.of(threads);
        this.decodeThreads = decodeThreads;
        this.traceBudgetBytes = traceBudgetBytes;
        WeightShapes.check(config, weights);
        List<LayerVectors> vs = new ArrayList<>();
        for (LayerWeights l : weights.layers()) {
            vs.add(new LayerVectors(arr(l.attnNorm()), arr(l.attnNormBias()), arr(l.bq()), arr(l.bk()), arr(l.bv()),
                    arr(l.bo()), arr(l.mlpNorm()), arr(l.mlpNormBias()), arr(l.bUp()), arr(l.bDown())));
        }
        this.vectors = List.copyOf(vs);
        this.finalNorm = arr(weights.finalNorm());
        this.finalNormBias = arr(weights.finalNormBias());
        if (config.positions() == PositionScheme.ROPE) {
            this.rope = new Rope(config.headDim(), config.ropeDims(), config.ropeTheta(), config.ropePairing());
            boolean small = (long) config.contextLength() * config.ropeDims() <= (1 << 22);
            this.ropeTable = small ? new float[config.contextLength()][] : null;
            if (small) for (int p = 0; p < config.contextLength(); p++) ropeTable[p] = rope.angles(p);
        } else {
            this.rope = null;
            this.ropeTable = null;
        }
    }

    /** Tiny models lose more to thread hand-offs than they gain: one thread below ~4 MB of weights per token. */
    static int autoThreads(ModelWeights w) {
        return w.bytesPerToken() < (4L << 20) ? 1 : Runtime.getRuntime().availableProcessors();
    }

    /**
     * Threads for token-by-token decode when none were asked for: as {@link #autoThreads} with half and quantized bytes
     * counted four times, their kernels being compute-bound (classic.gguf, 2.1 MB of f16: 1,530–1,750 tok/s on one
     * thread, 2,580–2,870 on two). The traced pass keeps autoThreads: for a tiny model a second thread barely shortens
     * it (6.2 → 5.9 ms at 64 tokens) and takes the core the window renders on.
     */
    static int decodeThreads(ModelWeights w) {
        return w.decodeWork() < (4L << 20) ? 1 : Runtime.getRuntime().availableProcessors();
    }

    /** The same model on another number of threads. */
    public Transformer withThreads(int threads) {
        return new Transformer(config, weights, threads, traceBudgetBytes);
    }

    /** The same model with another ceiling for a trace's memory. */
    public Transformer withTraceBudget(long bytes) { return new Transformer(config, weights, pool.threads(), decodeThreads, bytes); }

    /** Threads a session's decode steps run on ({@link #threads()} unless they were picked automatically). */
    public int decodeThreads() { return decodeThreads; }

    public ModelConfig config() { return config; }

    public ModelWeights weights() { return weights; }

    public int threads() { return pool.threads(); }

    Parallel pool() { return pool; }

    /**
     * Above this many floats (T × vocab) a trace keeps only the last position's logits: on a 32,000-token vocabulary
     * the full table of a 64-token prompt is over a third of a 15M model's arithmetic (on GPT-2's 50,257, a third of
     * the 124M model's). The shipped models (2,048 tokens) keep every row at their full context of 256.
     */
    public static final long ALL_LOGITS_LIMIT = 1L << 20;

    /** Every intermediate of a forward pass over the tokens (position 0 onward); see {@link #ALL_LOGITS_LIMIT}. */
    public ForwardTrace trace(int[] tokens) { return trace(tokens, Ablation.NONE); }

    /** The trace with some heads' outputs zeroed. */
    public ForwardTrace trace(int[] tokens, Ablation ablation) {
        return trace(tokens, ablation, keepsAllLogits(tokens.length));
    }

    private boolean keepsAllLogits(int tokens) { return (long) tokens * config.vocabSize() <= ALL_LOGITS_LIMIT; }

    /** The trace, with the logits of every position or of the last one only. */
    public ForwardTrace trace(int[] tokens, Ablation ablation, boolean allLogits) {
        checkLength(tokens);
        long bytes = traceBytes(tokens.length, allLogits);
        if (bytes > traceBudgetBytes) {
            throw new IllegalArgumentException("a trace of " + tokens.length + " tokens would take about " + (bytes >> 20)
                    + " MB, over the budget of " + (traceBudgetBytes >> 20) + " MB; use a shorter prompt");
        }
        var recorder = new TraceRecorder(config, tokens, allLogits);
        new ForwardPass(this, scratchCache(), recorder, ablation).run(tokens, allLogits);
        return recorder.build();
    }

    /** Estimated bytes of {@link #trace(int[])} over T tokens. */
    public long traceBytes(int tokens) { return traceBytes(tokens, keepsAllLogits(tokens)); }

    /** Estimated bytes of a trace over T tokens keeping every position's logits or the last one's. */
    public long traceBytes(int tokens, boolean allLogits) { return 4 * TraceRecorder.floats(config, tokens, allLogits); }

    /** Next-token logits after the last of the tokens (one blocked prefill, no trace). */
    public float[] logits(int[] tokens) {
        checkLength(tokens);
        return new ForwardPass(this, scratchCache(), null, Ablation.NONE).run(tokens, false);
    }

    /** Logits at every position (T×vocab, row-major), without the rest of the trace. */
    public float[] allLogits(int[] tokens) {
        checkLength(tokens);
        return new ForwardPass(this, scratchCache(), null, Ablation.NONE).run(tokens, true);
    }

    /** A fresh incremental decoder with its own KV cache. */
    public InferenceSession newSession() {
        Transformer m = decodeThreads == pool.threads() ? this : decoder();
        return new InferenceSession(m, newCache(config.contextLength()));
    }

    /** This model on the decode thread count, made once. */
    private Transformer decoder() {
        Transformer d = decoder;
        if (d == null) decoder = d = new Transformer(config, weights, decodeThreads, decodeThreads, traceBudgetBytes);
        return d;
    }

    /** Final norm + classifier applied to any residual-stream row (the logit lens). */
    public float[] logitLens(float[] residual) {
        if (residual.length != config.dim()) throw new IllegalArgumentException("residual of " + residual.length + " values, model dim " + config.dim());
        float[] xn = new float[config.dim()];
        finalNorm(residual, 0, xn, 0);
        float[] logits = new float[config.vocabSize()];
        weights.output().matvec(xn, 0, logits, 0, config.vocabSize(), config.dim(), pool);
        return logits;
    }

    private KvCache newCache(int capacity) { return new KvCache(config.layers(), config.kvDim(), capacity); }

    /** The calling thread's emptied cache, for a whole-prompt pass whose keys and values nobody keeps. */
    private KvCache scratchCache() { return PassScratch.ofThisThread().emptyCache(config.layers(), config.kvDim(), config.contextLength()); }

    private void checkLength(int[] tokens) {
        if (tokens.length == 0) throw new IllegalArgumentException("no tokens: the model needs at least one (usually BOS)");
        if (tokens.length > config.contextLength()) {
            throw new IllegalArgumentException(tokens.length + " tokens exceed the context of " + config.contextLength()
                    + " (cut the prompt from the left with ContextWindow.fit)");
        }
    }

    // --- pieces the forward pass uses ---

    LayerVectors vectors(int layer) { return vectors.get(layer); }

    Rope rope() { return rope; }

    float[] ropeAngles(int pos) { return ropeTable != null ? ropeTable[pos] : rope.angles(pos); }

    void norm(float[] x, int xo, float[] out, int oo, float[] w, float[] b) {
        if (config.norm() == NormKind.RMS_NORM) Norms.rmsNorm(x, xo, out, oo, w, config.normEps(), config.dim());
        else Norms.layerNorm(x, xo, out, oo, w, b, config.normEps(), config.dim());
    }

    void finalNorm(float[] x, int xo, float[] out, int oo) { norm(x, xo, out, oo, finalNorm, finalNormBias); }

    /** The position row added to the token embedding (learned table or the fixed sinusoid). */
    void positionRow(int pos, float[] out, int off) {
        int dim = config.dim();
        if (config.positions() == PositionScheme.LEARNED) {
            weights.positionEmbedding().copyTo((long) pos * dim, out, off, dim);
        } else {
            for (int i = 0; i < dim; i += 2) {
                double angle = pos / Math.pow(10000.0, (double) i / dim);
                out[off + i] = (float) Math.sin(angle);
                if (i + 1 < dim) out[off + i + 1] = (float) Math.cos(angle);
            }
        }
    }

    private static float[] arr(FloatTensor t) { return t == null ? null : t.toFloatArray(); }
}
