package glassbox.model.tensor;

/**
 * Per-thread work arrays kept from one matrix product to the next (a prefill makes seven per layer). Why: a fresh
 * transposed copy of the activations and a fresh weight tile per product were a sixth of what a traced pass
 * allocated, and a collector pause during a pass copies whatever of them is live. Contents are left over from the
 * last use: callers write every element they read.
 */
final class Scratch {
    static final int TRANSPOSED = 0, TILE = 1;
    private static final ThreadLocal<float[][]> SLOTS = ThreadLocal.withInitial(() -> new float[2][]);

    private Scratch() {}

    /** This thread's array for a slot, at least n long. */
    static float[] floats(int slot, int n) {
        float[][] s = SLOTS.get();
        if (s[slot] == null || s[slot].length < n) s[slot] = new float[n];
        return s[slot];
    }
}
