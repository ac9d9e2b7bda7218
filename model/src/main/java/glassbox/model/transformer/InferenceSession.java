package glassbox.model.transformer;

/** One generation: tokens appended one at a time (or as a prefill block) over a growing KV cache. Not thread-safe. */
public final class InferenceSession {
    private final Transformer model;
    private final KvCache cache;

    InferenceSession(Transformer model, KvCache cache) {
        this.model = model;
        this.cache = cache;
    }

    /** Appends token at {@link #position()} and returns the next-token logits. */
    public float[] step(int token) { return prefill(new int[]{token}); }

    /** Appends several tokens in one blocked pass; returns the logits after the last. */
    public float[] prefill(int[] tokens) {
        if (cache.length() + tokens.length > model.config().contextLength()) {
            throw new IllegalStateException("the context of " + model.config().contextLength() + " positions is full");
        }
        return new ForwardPass(model, cache, null, Ablation.NONE).run(tokens, false);
    }

    /** Positions filled so far (the next token goes here). */
    public int position() { return cache.length(); }

    public KvCache cache() { return cache; }

    /** Forgets positions from {@code length} on, e.g. to re-run an edited suffix. */
    public void rewind(int length) { cache.truncate(length); }

    public Transformer model() { return model; }
}
