package glassbox.model.transformer;

import glassbox.model.trace.Matrix;

/**
 * One trace's floats in one large array (more past 256 MB) instead of hundreds of small ones. Why: the window's
 * collector (G1) copies every live small array at each young pause, and the traces on screen and in flight were
 * 85% of those bytes (10-35 ms pauses with 256-token traces, which stall the JavaFX thread too); an array of half
 * a heap region or more is allocated in place and never copied, and freed whole once its trace is dropped.
 */
final class TraceSlab {
    private static final int MAX_CHUNK = 1 << 26;   // floats; a trace past it (huge models) spans several arrays
    private float[] chunk = new float[0];
    private int used;
    private long remaining;

    /** A slab for the given number of floats (what the trace will take, so the first array fits it exactly). */
    TraceSlab(long floats) { remaining = floats; }

    /** A rows × cols place in the slab to write once, then read as a matrix. */
    record Slot(float[] array, int offset, int rows, int cols) {
        Matrix matrix() { return Matrix.view(array, offset, rows, cols); }
    }

    Slot take(int rows, int cols) {
        int n = Math.multiplyExact(rows, cols);
        if (chunk.length - used < n) {
            chunk = new float[(int) Math.min(MAX_CHUNK, Math.max(n, remaining))];
            used = 0;
        }
        Slot s = new Slot(chunk, used, rows, cols);
        used += n;
        remaining -= n;
        return s;
    }

    /** The first rows·cols values of a as a matrix in the slab. */
    Matrix copy(float[] a, int rows, int cols) {
        Slot s = take(rows, cols);
        System.arraycopy(a, 0, s.array, s.offset, rows * cols);
        return s.matrix();
    }

    /** Columns [from, from + n) of a's rows (each stride long) as a rows × n matrix in the slab. */
    Matrix columns(float[] a, int rows, int stride, int from, int n) {
        Slot s = take(rows, n);
        for (int t = 0; t < rows; t++) System.arraycopy(a, t * stride + from, s.array, s.offset + t * n, n);
        return s.matrix();
    }
}
