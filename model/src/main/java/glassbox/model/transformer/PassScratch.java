package glassbox.model.transformer;

import java.lang.ref.SoftReference;

/**
 * A thread's work arrays for forward passes, kept from one pass to the next. Why: a 256-token trace made 3 MB of
 * them per keystroke, alive while the pass ran, so every young collection that met a pass copied them (the window's
 * pauses stop its JavaFX thread too); kept, they are allocated once and never copied again. Held softly, so a thread
 * that once traced a long prompt on a large model gives the memory back under pressure.
 */
final class PassScratch {
    /** What each array is for: one array per role, each at least as long as the pass asks. */
    enum Role { X, POS, XN, Q, K, V, CONCAT, ATTN_OUT, HIDDEN, GATE, DOWN, LOGITS, KEYS_T }

    private static final ThreadLocal<SoftReference<PassScratch>> MINE = new ThreadLocal<>();

    private final float[][] arrays = new float[Role.values().length][];
    private KvCache cache;   // the throwaway cache of trace() and logits(), emptied before each use

    private PassScratch() {}

    /** This thread's scratch. */
    static PassScratch ofThisThread() {
        SoftReference<PassScratch> ref = MINE.get();
        PassScratch s = ref == null ? null : ref.get();
        if (s == null) MINE.set(new SoftReference<>(s = new PassScratch()));
        return s;
    }

    /**
     * An array of at least n floats for the role, its contents left from the last pass (callers write before they
     * read). Grown with a quarter to spare: a prompt typed one token at a time asks for a little more each time.
     */
    float[] floats(Role role, int n) {
        float[] a = arrays[role.ordinal()];
        if (a == null || a.length < n) arrays[role.ordinal()] = a = new float[n + n / 4];
        return a;
    }

    /** An empty KV cache for this model's shape and at least the given rows (grown by doubling up to the context). */
    KvCache emptyCache(int layers, int kvDim, int contextLength) {
        KvCache c = cache;
        if (c == null || c.layers() != layers || c.kvDim() != kvDim || c.capacity() != contextLength) {
            cache = c = new KvCache(layers, kvDim, contextLength);
        }
        c.truncate(0);
        return c;
    }
}
