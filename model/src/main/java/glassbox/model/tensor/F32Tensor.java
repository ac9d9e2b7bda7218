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
    private final float[] array;    // the heap array behind the segment, or null: C2 streams an array faster
    private final int arrayOffset;  // first element of this tensor in array

    /** @param segment little-endian floats; its byte size fixes the element count */
    public F32Tensor(MemorySegment segment) {
        if (segment.byteSize() % Float.BYTES != 0) throw new IllegalArgumentException("F32 segment of " + segment.byteSize() + " bytes");
        this.segment = segment;
        this.size = segment.byteSize() / Float.BYTES;
        Object base = segment.heapBase().orElse(null);
        if (base instanceof float[] a && segment.address() % Float.BYTES == 0) {
            this.array = a;
            this.arrayOffset = (int) (segment.address() / Float.BYTES);
        } else {
            this.array = null;
            this.arrayOffset = 0;
        }
    }

    /** A copy of the tensor in a heap array (whose kernels stream faster than a mapped segment's). */
    public F32Tensor onHeap() {
        if (array != null) return this;
        if (size > Integer.MAX_VALUE - 8) throw new IllegalStateException("tensor too large for an array: " + size);
        float[] a = new float[(int) size];
        copyTo(0, a, 0, a.length);
        return of(a);
    }

    /** True when the values live in a heap array. */
    public boolean isOnHeap() { return array != null; }

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
        if (array != null) return dotArray(array, arrayOffset + (int) offset, x, xOffset, n);
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

    /** The same kernel over a heap array: plain vector loads with hoisted bounds checks. */
    private static float dotArray(float[] w, int base, float[] x, int xOffset, int n) {
        int i = 0;
        float sum = 0f;
        int step = S.length();
        if (n >= 4 * step) {
            var a0 = FloatVector.zero(S); var a1 = FloatVector.zero(S); var a2 = FloatVector.zero(S); var a3 = FloatVector.zero(S);
            int upper = n - n % (4 * step);
            for (; i < upper; i += 4 * step) {
                a0 = FloatVector.fromArray(S, w, base + i).fma(FloatVector.fromArray(S, x, xOffset + i), a0);
                a1 = FloatVector.fromArray(S, w, base + i + step).fma(FloatVector.fromArray(S, x, xOffset + i + step), a1);
                a2 = FloatVector.fromArray(S, w, base + i + 2 * step).fma(FloatVector.fromArray(S, x, xOffset + i + 2 * step), a2);
                a3 = FloatVector.fromArray(S, w, base + i + 3 * step).fma(FloatVector.fromArray(S, x, xOffset + i + 3 * step), a3);
            }
            sum = a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
        }
        if (n - i >= step) {
            var acc = FloatVector.zero(S);
            int upper = i + S.loopBound(n - i);
            for (; i < upper; i += step) acc = FloatVector.fromArray(S, w, base + i).fma(FloatVector.fromArray(S, x, xOffset + i), acc);
            sum += acc.reduceLanes(VectorOperators.ADD);
        }
        for (; i < n; i++) sum += w[base + i] * x[xOffset + i];
        return sum;
    }

    /**
     * Four rows a quarter of the range apart at a time: four long sequential streams keep more reads in flight than
     * one (~14 against ~8 GB/s from memory on one thread, 288- to 4096-wide rows, array or mapped segment), and each
     * load of x serves four rows. Adjacent rows would be four short streams the prefetcher loses on short rows.
     */
    @Override public void matvecRows(float[] x, int xOffset, float[] out, int outOffset, int start, int end, int cols) {
        if (array == null) { segmentRows(x, xOffset, out, outOffset, start, end, cols); return; }
        float[] w = array;
        int q = (end - start) / 4, qs = q * cols, step = S.length(), upper = S.loopBound(cols);
        for (int r = start; r < start + q; r++) {
            int b0 = arrayOffset + r * cols, b1 = b0 + qs, b2 = b1 + qs, b3 = b2 + qs;
            var a0 = FloatVector.zero(S); var a1 = FloatVector.zero(S); var a2 = FloatVector.zero(S); var a3 = FloatVector.zero(S);
            for (int i = 0; i < upper; i += step) {
                var xv = FloatVector.fromArray(S, x, xOffset + i);
                a0 = FloatVector.fromArray(S, w, b0 + i).fma(xv, a0);
                a1 = FloatVector.fromArray(S, w, b1 + i).fma(xv, a1);
                a2 = FloatVector.fromArray(S, w, b2 + i).fma(xv, a2);
                a3 = FloatVector.fromArray(S, w, b3 + i).fma(xv, a3);
            }
            float s0 = a0.reduceLanes(VectorOperators.ADD), s1 = a1.reduceLanes(VectorOperators.ADD);
            float s2 = a2.reduceLanes(VectorOperators.ADD), s3 = a3.reduceLanes(VectorOperators.ADD);
            for (int i = upper; i < cols; i++) {
                float xi = x[xOffset + i];
                s0 += w[b0 + i] * xi; s1 += w[b1 + i] * xi; s2 += w[b2 + i] * xi; s3 += w[b3 + i] * xi;
            }
            out[outOffset + r] = s0; out[outOffset + r + q] = s1; out[outOffset + r + 2 * q] = s2; out[outOffset + r + 3 * q] = s3;
        }
        super.matvecRows(x, xOffset, out, outOffset, start + 4 * q, end, cols);   // the last rows, fewer than four
    }

    /** {@link #matvecRows} over a mapped segment: the same four streams, through segment loads. */
    private void segmentRows(float[] x, int xOffset, float[] out, int outOffset, int start, int end, int cols) {
        MemorySegment w = segment;
        int q = (end - start) / 4, step = S.length(), upper = S.loopBound(cols);
        long rowBytes = (long) cols * Float.BYTES, qs = q * rowBytes;
        for (int r = start; r < start + q; r++) {
            long b0 = r * rowBytes, b1 = b0 + qs, b2 = b1 + qs, b3 = b2 + qs;
            var a0 = FloatVector.zero(S); var a1 = FloatVector.zero(S); var a2 = FloatVector.zero(S); var a3 = FloatVector.zero(S);
            for (int i = 0; i < upper; i += step) {
                var xv = FloatVector.fromArray(S, x, xOffset + i);
                long o = (long) i * Float.BYTES;
                a0 = FloatVector.fromMemorySegment(S, w, b0 + o, LE).fma(xv, a0);
                a1 = FloatVector.fromMemorySegment(S, w, b1 + o, LE).fma(xv, a1);
                a2 = FloatVector.fromMemorySegment(S, w, b2 + o, LE).fma(xv, a2);
                a3 = FloatVector.fromMemorySegment(S, w, b3 + o, LE).fma(xv, a3);
            }
            float s0 = a0.reduceLanes(VectorOperators.ADD), s1 = a1.reduceLanes(VectorOperators.ADD);
            float s2 = a2.reduceLanes(VectorOperators.ADD), s3 = a3.reduceLanes(VectorOperators.ADD);
            for (int i = upper; i < cols; i++) {
                float xi = x[xOffset + i];
                long o = (long) i * Float.BYTES;
                s0 += w.get(LE_FLOAT, b0 + o) * xi; s1 += w.get(LE_FLOAT, b1 + o) * xi;
                s2 += w.get(LE_FLOAT, b2 + o) * xi; s3 += w.get(LE_FLOAT, b3 + o) * xi;
            }
            out[outOffset + r] = s0; out[outOffset + r + q] = s1; out[outOffset + r + 2 * q] = s2; out[outOffset + r + 3 * q] = s3;
        }
        super.matvecRows(x, xOffset, out, outOffset, start + 4 * q, end, cols);   // the last rows, fewer than four
    }
}
