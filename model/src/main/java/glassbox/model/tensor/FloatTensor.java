package glassbox.model.tensor;

/**
 * A read-only run of numbers stored in some format (F32, F16, Q8_0…), seen as floats.
 * Matrices are row-major [out][in]: row r of an out×in matrix starts at element r·in.
 * Subclasses for new storage types override {@link #getFloat} and {@link #dot} (and, for speed,
 * {@link #matmul}); {@link #matvec} and {@link #matmul} are written once on top of {@code dot}.
 */
public abstract class FloatTensor {

    /** Number of elements. */
    public abstract long size();

    /** Element {@code index} as a float (slow path, for tests and small vectors). */
    public abstract float getFloat(long index);

    /** Σ this[offset + i] · x[xOffset + i] for i &lt; n. Vectorised in every subclass. */
    public abstract float dot(long offset, float[] x, int xOffset, int n);

    /** A view of {@code size} elements from {@code offset}, sharing storage (quantized types: block aligned). */
    public abstract FloatTensor slice(long offset, long size);

    /** Storage type name as GGML spells it ("F32", "F16", "Q8_0"…). */
    public abstract String typeName();

    /** Bytes of storage this tensor reads (for bandwidth figures). */
    public abstract long byteSize();

    /** Copies n elements from offset into dst (embedding rows, norm weights). */
    public void copyTo(long offset, float[] dst, int dstOffset, int n) {
        for (int i = 0; i < n; i++) dst[dstOffset + i] = getFloat(offset + i);
    }

    /** All elements as a new float array (small tensors only). */
    public float[] toFloatArray() {
        if (size() > Integer.MAX_VALUE - 8) throw new IllegalStateException("tensor too large for an array: " + size());
        float[] out = new float[(int) size()];
        copyTo(0, out, 0, out.length);
        return out;
    }

    /**
     * out[outOffset + r] = Σ_c this[r·cols + c] · x[xOffset + c] for r &lt; rows: the decode step's matrix·vector.
     * Rows are split over the pool's threads.
     */
    public void matvec(float[] x, int xOffset, float[] out, int outOffset, int rows, int cols, Parallel pool) {
        checkShape(rows, cols);
        pool.forRange(rows, minRowsPerTask(cols), ONE_SHARE_PER_THREAD, (start, end) -> matvecRows(x, xOffset, out, outOffset, start, end, cols));
    }

    /** Rows [start, end) of {@link #matvec}, on the calling thread. */
    public void matvecRows(float[] x, int xOffset, float[] out, int outOffset, int start, int end, int cols) {
        for (int r = start; r < end; r++) out[outOffset + r] = dot((long) r * cols, x, xOffset, cols);
    }

    /**
     * Several matrices that read the same input vector (Q, K and V; gate and up) in one parallel job, so decode
     * pays one thread hand-off instead of one per matrix. outs[i] gets rows[i] values.
     */
    public static void matvecs(FloatTensor[] ws, int[] rows, float[] x, float[][] outs, int cols, Parallel pool) {
        int total = 0;
        for (int i = 0; i < ws.length; i++) { ws[i].checkShape(rows[i], cols); total += rows[i]; }
        pool.forRange(total, minRowsPerTask(cols), ONE_SHARE_PER_THREAD, (start, end) -> {
            int base = 0;
            for (int i = 0; i < ws.length && base < end; base += rows[i], i++) {
                int s = Math.max(start, base), e = Math.min(end, base + rows[i]);
                if (s < e) ws[i].matvecRows(x, 0, outs[i], 0, s - base, e - base, cols);
            }
        });
    }

    /**
     * out[t·rows + r] = Σ_c this[r·cols + c] · x[t·cols + c] for t &lt; tokens: prefill of many positions.
     * Cache-blocked: a tile of weight rows is unpacked once into floats ({@link #copyTo}, so every storage
     * type gets this for free), then every token passes over it while it sits in L2.
     */
    public void matmul(float[] x, int tokens, float[] out, int rows, int cols, Parallel pool) {
        checkShape(rows, cols);
        if (tokens == 1) { matvec(x, 0, out, 0, rows, cols, pool); return; }
        int tileRows = Math.max(4, Math.min(rows, Kernels.TILE_FLOATS / Math.max(1, cols)) & ~3);
        int tiles = (rows + tileRows - 1) / tileRows;
        long work = (long) tokens * rows * cols;
        float[] xt = tokens >= Gemm.MIN_BROADCAST_TOKENS ? Gemm.transpose(x, tokens, cols) : null;
        pool.forRange(tiles, work < 1 << 16 ? tiles : 1, (t0, t1) -> {
            float[] tile = Scratch.floats(Scratch.TILE, Math.min(rows, tileRows) * cols);
            for (int ti = t0; ti < t1; ti++) {
                int r0 = ti * tileRows, nr = Math.min(tileRows, rows - r0);
                copyTo((long) r0 * cols, tile, 0, nr * cols);
                Gemm.tile(tile, nr, x, xt, tokens, cols, out, rows, r0);
            }
        });
    }

    /**
     * A matrix·vector splits its rows into one contiguous share per thread, not eight: the four-stream kernel wants long
     * streams (15M, two threads, in turns: eight chunks per thread 0.91×, two 0.95×), and a decode job is short enough
     * that stealing back a preempted worker's unstarted chunks gains little.
     */
    private static final int ONE_SHARE_PER_THREAD = Integer.MAX_VALUE;

    /** Rows per task so a task does at least ~16k multiply-adds (smaller work is not worth a thread hop). */
    protected static int minRowsPerTask(int cols) { return Math.max(1, 16384 / Math.max(1, cols)); }

    protected void checkShape(int rows, int cols) {
        if ((long) rows * cols > size()) {
            throw new IllegalArgumentException(typeName() + " tensor of " + size() + " elements is smaller than " + rows + "×" + cols);
        }
    }
}
