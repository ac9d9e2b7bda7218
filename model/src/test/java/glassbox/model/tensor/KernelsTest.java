package glassbox.model.tensor;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** Every vectorised kernel against a plain double-precision loop, on odd sizes that exercise the tails. */
class KernelsTest {
    private static float[] random(int n, long seed) {
        var r = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) (r.nextDouble() * 2 - 1);
        return a;
    }

    private static double scalarDot(float[] a, int ao, float[] b, int bo, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) s += (double) a[ao + i] * b[bo + i];
        return s;
    }

    @Test void dotMatchesScalarForEveryLengthAndOffset() {
        float[] w = random(300, 1), x = random(300, 2);
        var t = F32Tensor.of(w);
        for (int n : new int[]{0, 1, 7, 8, 9, 31, 32, 33, 64, 100, 255}) {
            for (int off : new int[]{0, 1, 5, 13}) {
                double ref = scalarDot(w, off, x, 3, n);
                assertEquals(ref, t.dot(off, x, 3, n), 1e-4, "F32 dot n=" + n + " off=" + off);
                assertEquals(ref, Kernels.dot(w, off, x, 3, n), 1e-4, "array dot n=" + n + " off=" + off);
            }
        }
    }

    @Test void sliceIsAViewAtTheRightOffset() {
        float[] w = random(100, 3);
        var s = F32Tensor.of(w).slice(10, 20);
        assertEquals(20, s.size());
        assertEquals(w[10], s.getFloat(0));
        assertEquals(w[29], s.getFloat(19));
        float[] x = random(20, 4);
        assertEquals(scalarDot(w, 10, x, 0, 20), s.dot(0, x, 0, 20), 1e-5);
    }

    @Test void matvecMatchesScalarSingleAndMultiThreaded() {
        int rows = 37, cols = 53;
        float[] w = random(rows * cols, 5), x = random(cols + 4, 6);
        for (Parallel pool : new Parallel[]{Parallel.SERIAL, Parallel.of(2), Parallel.of(3)}) {
            float[] out = new float[rows + 2];
            F32Tensor.of(w).matvec(x, 4, out, 2, rows, cols, pool);
            for (int r = 0; r < rows; r++) assertEquals(scalarDot(w, r * cols, x, 4, cols), out[r + 2], 1e-4, "row " + r);
        }
    }

    /** The same floats in a native segment (a mapped file's storage): the row-at-a-time segment kernel. */
    private static F32Tensor offHeap(float[] w, java.lang.foreign.Arena arena) {
        var seg = arena.allocate((long) w.length * Float.BYTES, 64);
        java.lang.foreign.MemorySegment.copy(w, 0, seg, java.lang.foreign.ValueLayout.JAVA_FLOAT_UNALIGNED, 0, w.length);
        return new F32Tensor(seg);
    }

    @Test void heapAndMappedStorageGiveTheSameMatvecOnRowCountsAroundTheFourRowBlock() {
        try (var arena = java.lang.foreign.Arena.ofShared()) {
            for (int[] s : new int[][]{{1, 7}, {3, 8}, {4, 9}, {5, 33}, {7, 64}, {9, 100}, {13, 288}, {64, 768}, {5, 1024}, {11, 1033}, {16, 288}, {47, 296}}) {
                int rows = s[0], cols = s[1];
                float[] w = random(rows * cols + 6, rows * 7L + cols), x = random(cols + 3, cols);
                F32Tensor heap = F32Tensor.of(w), mapped = offHeap(w, arena);
                assertTrue(heap.isOnHeap());
                assertFalse(mapped.isOnHeap());
                F32Tensor copied = mapped.onHeap();
                assertTrue(copied.isOnHeap());
                for (Parallel pool : new Parallel[]{Parallel.SERIAL, Parallel.of(2)}) {
                    for (FloatTensor t : new FloatTensor[]{heap, mapped, copied, heap.slice(6, (long) rows * cols), mapped.slice(6, (long) rows * cols)}) {
                        int base = t.size() == (long) rows * cols ? 6 : 0;   // the slices start 6 floats in
                        float[] out = new float[rows + 1];
                        t.matvec(x, 3, out, 1, rows, cols, pool);
                        for (int r = 0; r < rows; r++) {
                            assertEquals(scalarDot(w, base + r * cols, x, 3, cols), out[r + 1], 1e-4,
                                    (t.equals(mapped) ? "mapped " : "") + rows + "×" + cols + " row " + r);
                        }
                    }
                }
            }
        }
    }

    /** In an order that leaves larger per-thread scratch arrays (Scratch) behind for smaller products. */
    @Test void blockedMatmulMatchesScalarOnOddSizes() {
        for (int[] s : new int[][]{{1, 1, 1}, {3, 5, 7}, {13, 67, 9}, {64, 172, 5}, {5, 300, 131}, {2, 9, 1024}, {4, 48, 128}, {7, 16, 3}, {9, 128, 128}, {64, 130, 64}, {33, 20, 768}}) {
            int tokens = s[0], rows = s[1], cols = s[2];
            float[] w = random(rows * cols, rows), x = random(tokens * cols, cols);
            for (Parallel pool : new Parallel[]{Parallel.SERIAL, Parallel.of(2)}) {
                float[] out = new float[tokens * rows];
                F32Tensor.of(w).matmul(x, tokens, out, rows, cols, pool);
                float[] generic = new float[tokens * rows];
                new Wrapped(F32Tensor.of(w)).matmul(x, tokens, generic, rows, cols, pool);
                for (int t = 0; t < tokens; t++) {
                    for (int r = 0; r < rows; r++) {
                        double ref = scalarDot(w, r * cols, x, t * cols, cols);
                        assertEquals(ref, out[t * rows + r], 1e-4, "F32 matmul " + tokens + "×" + rows + "×" + cols + " at " + t + "," + r);
                        assertEquals(ref, generic[t * rows + r], 1e-4, "generic matmul at " + t + "," + r);
                    }
                }
            }
        }
    }

    @Test void fusedMatvecsMatchEachMatrixAlone() {
        int cols = 45;
        float[] a = random(17 * cols, 11), b = random(9 * cols, 12), x = random(cols, 13);
        for (Parallel pool : new Parallel[]{Parallel.SERIAL, Parallel.of(2)}) {
            float[] oa = new float[17], ob = new float[9];
            FloatTensor.matvecs(new FloatTensor[]{F32Tensor.of(a), F32Tensor.of(b)}, new int[]{17, 9}, x, new float[][]{oa, ob}, cols, pool);
            for (int r = 0; r < 17; r++) assertEquals(scalarDot(a, r * cols, x, 0, cols), oa[r], 1e-4);
            for (int r = 0; r < 9; r++) assertEquals(scalarDot(b, r * cols, x, 0, cols), ob[r], 1e-4);
        }
    }

    @Test void axpyAndAddMatchScalar() {
        float[] x = random(19, 7), y = random(21, 8), y2 = y.clone();
        Kernels.axpy(0.5f, x, 1, y, 2, 17);
        for (int i = 0; i < 17; i++) assertEquals(y2[2 + i] + 0.5f * x[1 + i], y[2 + i], 1e-6);
        float[] z = y.clone();
        Kernels.add(x, 0, z, 0, 19);
        for (int i = 0; i < 19; i++) assertEquals(y[i] + x[i], z[i], 1e-6);
    }

    @Test void poolRethrowsAWorkerFailure() {
        var pool = Parallel.of(2);
        assertThrows(IllegalStateException.class, () -> pool.forRange(100, 1, (a, b) -> {
            if (a > 0) throw new IllegalStateException("boom");
        }));
        int[] seen = new int[100];
        pool.forRange(100, 1, (a, b) -> { for (int i = a; i < b; i++) seen[i]++; });
        for (int v : seen) assertEquals(1, v);
    }

    @Test void poolSplitsIntoChunksOfTheAskedLength() {
        var pool = Parallel.of(2);
        var ranges = java.util.Collections.synchronizedList(new java.util.ArrayList<String>());
        pool.forRange(1000, 10, Integer.MAX_VALUE, (a, b) -> ranges.add(a + "-" + b));   // one share per thread
        assertEquals(java.util.Set.of("0-500", "500-1000"), java.util.Set.copyOf(ranges));
        ranges.clear();
        pool.forRange(1000, 10, 250, (a, b) -> ranges.add(a + "-" + b));                // four chunks of 250
        assertEquals(java.util.Set.of("0-250", "250-500", "500-750", "750-1000"), java.util.Set.copyOf(ranges));
        ranges.clear();
        pool.forRange(1000, 10, 1, (a, b) -> ranges.add(a + "-" + b));                  // at most eight per thread
        assertEquals(16, ranges.size());
        ranges.clear();
        pool.forRange(15, 10, 1, (a, b) -> ranges.add(a + "-" + b));                    // too short to split
        assertEquals(java.util.List.of("0-15"), ranges);
    }

    /** A tensor type that only provides dot, as a new storage type would: checks the generic matvec/matmul. */
    private static final class Wrapped extends FloatTensor {
        private final FloatTensor inner;
        Wrapped(FloatTensor inner) { this.inner = inner; }
        @Override public long size() { return inner.size(); }
        @Override public float getFloat(long i) { return inner.getFloat(i); }
        @Override public float dot(long o, float[] x, int xo, int n) { return inner.dot(o, x, xo, n); }
        @Override public FloatTensor slice(long o, long n) { return new Wrapped(inner.slice(o, n)); }
        @Override public String typeName() { return "test"; }
        @Override public long byteSize() { return inner.byteSize(); }
    }
}
