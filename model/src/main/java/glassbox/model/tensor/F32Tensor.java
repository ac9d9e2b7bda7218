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
     * Decode's matrix·vector, four rows at a time: four weight streams in flight keep the memory bus busy, and
     * each vector of x is loaded once for four rows.
     */
    @Override public void matvec(float[] x, int xOffset, float[] out, int outOffset, int rows, int cols, Parallel pool) {
        checkShape(rows, cols);
        int groups = (rows + 3) / 4;
        pool.forRange(groups, Math.max(1, minRowsPerTask(cols) / 4), (g0, g1) -> {
            int end = Math.min(rows, g1 * 4);
            int r = g0 * 4;
            for (; r + 4 <= end; r += 4) rows4(r, x, xOffset, out, outOffset, cols);
            for (; r < end; r++) out[outOffset + r] = dot((long) r * cols, x, xOffset, cols);
        });
    }

    private void rows4(int r, float[] x, int xo, float[] out, int oo, int cols) {
        long w0 = (long) r * cols * Float.BYTES, rowBytes = (long) cols * Float.BYTES;
        long w1 = w0 + rowBytes, w2 = w1 + rowBytes, w3 = w2 + rowBytes;
        var c0 = FloatVector.zero(S); var c1 = FloatVector.zero(S); var c2 = FloatVector.zero(S); var c3 = FloatVector.zero(S);
        int step = S.length(), upper = S.loopBound(cols), i = 0;
        for (; i < upper; i += step) {
            long bo = (long) i * Float.BYTES;
            var a = FloatVector.fromArray(S, x, xo + i);
            c0 = FloatVector.fromMemorySegment(S, segment, w0 + bo, LE).fma(a, c0);
            c1 = FloatVector.fromMemorySegment(S, segment, w1 + bo, LE).fma(a, c1);
            c2 = FloatVector.fromMemorySegment(S, segment, w2 + bo, LE).fma(a, c2);
            c3 = FloatVector.fromMemorySegment(S, segment, w3 + bo, LE).fma(a, c3);
        }
        float s0 = c0.reduceLanes(VectorOperators.ADD), s1 = c1.reduceLanes(VectorOperators.ADD);
        float s2 = c2.reduceLanes(VectorOperators.ADD), s3 = c3.reduceLanes(VectorOperators.ADD);
        for (; i < cols; i++) {
            long bo = (long) i * Float.BYTES;
            float a = x[xo + i];
            s0 += segment.get(LE_FLOAT, w0 + bo) * a; s1 += segment.get(LE_FLOAT, w1 + bo) * a;
            s2 += segment.get(LE_FLOAT, w2 + bo) * a; s3 += segment.get(LE_FLOAT, w3 + bo) * a;
        }
        out[oo + r] = s0; out[oo + r + 1] = s1; out[oo + r + 2] = s2; out[oo + r + 3] = s3;
    }
}
