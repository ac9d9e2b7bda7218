package glassbox.model.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** 32-bit floats, little-endian, in a memory segment: a mapped model file or a heap float[]. */
public final class F32Tensor extends FloatTensor {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final ValueLayout.OfFloat LE_FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private final MemorySegment segment;
    private final long size;

    /** @param segment little-endian floats; its byte size fixes the element count */
    public F32Tensor(MemorySegment segment) {
        if (segment.byteSize() % Float.BYTES != 0) throw new IllegalArgumentException("F32 segment of " + segment.byteSize() + " bytes");
        this.segment = segment;
        this.size = segment.byteSize() / Float.BYTES;
    }

    /** A tensor over a heap array (not copied; in native order, which is little-endian on every platform we run). */
    public static F32Tensor of(float[] values) {
        if (ByteOrder.nativeOrder() != LE) throw new IllegalStateException("big-endian platforms are not supported");
        return new F32Tensor(MemorySegment.ofArray(values));
    }

    public MemorySegment segment() { return segment; }

    @Override public long size() { return size; }

    @Override public float getFloat(long index) { return segment.getAtIndex(LE_FLOAT, index); }

    @Override public String typeName() { return "F32"; }

    @Override public long byteSize() { return segment.byteSize(); }

    @Override public FloatTensor slice(long offset, long n) {
        return new F32Tensor(segment.asSlice(offset * Float.BYTES, n * Float.BYTES));
    }

    @Override public void copyTo(long offset, float[] dst, int dstOffset, int n) {
        MemorySegment.copy(segment, LE_FLOAT, offset * Float.BYTES, dst, dstOffset, n);
    }

    @Override public float dot(long offset, float[] x, int xOffset, int n) {
        long base = offset * Float.BYTES;
        int i = 0;
        float sum = 0f;
        int step = S.length();
        if (n >= 4 * step) {
            // four accumulators hide the FMA latency
            var a0 = FloatVector.zero(S); var a1 = FloatVector.zero(S); var a2 = FloatVector.zero(S); var a3 = FloatVector.zero(S);
            int upper = n - n % (4 * step);
            for (; i < upper; i += 4 * step) {
                long b = base + (long) i * Float.BYTES;
                a0 = FloatVector.fromMemorySegment(S, segment, b, LE).fma(FloatVector.fromArray(S, x, xOffset + i), a0);
                a1 = FloatVector.fromMemorySegment(S, segment, b + step * 4L, LE).fma(FloatVector.fromArray(S, x, xOffset + i + step), a1);
                a2 = FloatVector.fromMemorySegment(S, segment, b + step * 8L, LE).fma(FloatVector.fromArray(S, x, xOffset + i + 2 * step), a2);
                a3 = FloatVector.fromMemorySegment(S, segment, b + step * 12L, LE).fma(FloatVector.fromArray(S, x, xOffset + i + 3 * step), a3);
            }
            sum = a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
        }
        if (n - i >= step) {
            var acc = FloatVector.zero(S);
            int upper = i + S.loopBound(n - i);
            for (; i < upper; i += step) {
                acc = FloatVector.fromMemorySegment(S, segment, base + (long) i * Float.BYTES, LE).fma(FloatVector.fromArray(S, x, xOffset + i), acc);
            }
            sum += acc.reduceLanes(VectorOperators.ADD);
        }
        for (; i < n; i++) sum += segment.get(LE_FLOAT, base + (long) i * Float.BYTES) * x[xOffset + i];
        return sum;
    }

    /**
     * Blocked matrix product: a block of weight rows stays in cache while every token passes over it, and a
     * 4-row × 2-token micro-kernel reuses each loaded vector several times (8 accumulators fit AVX2's 16 registers).
     */
    @Override public void matmul(float[] x, int tokens, float[] out, int rows, int cols, Parallel pool) {
        checkShape(rows, cols);
        if (tokens == 1) { matvec(x, 0, out, 0, rows, cols, pool); return; }
        int block = Math.max(4, (int) Math.min(rows, (Kernels.L2_FLOATS / 2) / Math.max(1, cols)) & ~3);
        int minRows = Math.max(4, minRowsPerTask(cols) / tokens);
        pool.forRange((rows + 3) / 4, Math.max(1, minRows / 4), (s4, e4) -> {
            int start = s4 * 4, end = Math.min(rows, e4 * 4);
            for (int r0 = start; r0 < end; r0 += block) {
                int r1 = Math.min(end, r0 + block);
                int t = 0;
                for (; t + 1 < tokens; t += 2) {
                    int r = r0;
                    for (; r + 3 < r1; r += 4) kernel4x2(r, t, x, out, rows, cols);
                    for (; r < r1; r++) {
                        out[t * rows + r] = dot((long) r * cols, x, t * cols, cols);
                        out[(t + 1) * rows + r] = dot((long) r * cols, x, (t + 1) * cols, cols);
                    }
                }
                for (; t < tokens; t++) {
                    for (int r = r0; r < r1; r++) out[t * rows + r] = dot((long) r * cols, x, t * cols, cols);
                }
            }
        });
    }

    private void kernel4x2(int r, int t, float[] x, float[] out, int rows, int cols) {
        long w0 = (long) r * cols * Float.BYTES, w1 = w0 + (long) cols * Float.BYTES;
        long w2 = w1 + (long) cols * Float.BYTES, w3 = w2 + (long) cols * Float.BYTES;
        int x0 = t * cols, x1 = x0 + cols;
        var c00 = FloatVector.zero(S); var c01 = FloatVector.zero(S);
        var c10 = FloatVector.zero(S); var c11 = FloatVector.zero(S);
        var c20 = FloatVector.zero(S); var c21 = FloatVector.zero(S);
        var c30 = FloatVector.zero(S); var c31 = FloatVector.zero(S);
        int step = S.length();
        int upper = S.loopBound(cols);
        int i = 0;
        for (; i < upper; i += step) {
            long bo = (long) i * Float.BYTES;
            var a = FloatVector.fromArray(S, x, x0 + i);
            var b = FloatVector.fromArray(S, x, x1 + i);
            var v = FloatVector.fromMemorySegment(S, segment, w0 + bo, LE);
            c00 = v.fma(a, c00); c01 = v.fma(b, c01);
            v = FloatVector.fromMemorySegment(S, segment, w1 + bo, LE);
            c10 = v.fma(a, c10); c11 = v.fma(b, c11);
            v = FloatVector.fromMemorySegment(S, segment, w2 + bo, LE);
            c20 = v.fma(a, c20); c21 = v.fma(b, c21);
            v = FloatVector.fromMemorySegment(S, segment, w3 + bo, LE);
            c30 = v.fma(a, c30); c31 = v.fma(b, c31);
        }
        float s00 = c00.reduceLanes(VectorOperators.ADD), s01 = c01.reduceLanes(VectorOperators.ADD);
        float s10 = c10.reduceLanes(VectorOperators.ADD), s11 = c11.reduceLanes(VectorOperators.ADD);
        float s20 = c20.reduceLanes(VectorOperators.ADD), s21 = c21.reduceLanes(VectorOperators.ADD);
        float s30 = c30.reduceLanes(VectorOperators.ADD), s31 = c31.reduceLanes(VectorOperators.ADD);
        for (; i < cols; i++) {
            long bo = (long) i * Float.BYTES;
            float a = x[x0 + i], b = x[x1 + i];
            float v0 = segment.get(LE_FLOAT, w0 + bo), v1 = segment.get(LE_FLOAT, w1 + bo);
            float v2 = segment.get(LE_FLOAT, w2 + bo), v3 = segment.get(LE_FLOAT, w3 + bo);
            s00 += v0 * a; s01 += v0 * b; s10 += v1 * a; s11 += v1 * b;
            s20 += v2 * a; s21 += v2 * b; s30 += v3 * a; s31 += v3 * b;
        }
        int o0 = t * rows + r, o1 = o0 + rows;
        out[o0] = s00; out[o1] = s01;
        out[o0 + 1] = s10; out[o1 + 1] = s11;
        out[o0 + 2] = s20; out[o1 + 2] = s21;
        out[o0 + 3] = s30; out[o1 + 3] = s31;
    }
}
