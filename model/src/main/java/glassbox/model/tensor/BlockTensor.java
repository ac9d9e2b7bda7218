package glassbox.model.tensor;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * A tensor stored in ggml blocks (a fixed number of elements in a fixed number of bytes), read in
 * place from a memory segment. Subclasses decode one element ({@link #getFloat}) and one block's dot
 * run dot product ({@link #blocksDot}); runs that do not start and end on block boundaries fall back to getFloat.
 */
public abstract sealed class BlockTensor extends FloatTensor permits Q8_0Tensor, Q4_0Tensor, Q4KTensor, Q6KTensor {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    /** The vector kernels are written for 8-float (AVX2) and 16-float (AVX-512) registers; others use the scalar path. */
    static final boolean VECTOR = F.length() == 8 || F.length() == 16;
    static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    /** As many bytes as float lanes, so one load widens into one int (or float) vector. */
    static final VectorSpecies<Byte> B = VECTOR ? ByteVector.SPECIES_64.withShape(VectorShape.forBitSize(F.length() * 8)) : null;
    static final ValueLayout.OfShort LE_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong LE_LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfInt LE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    protected final MemorySegment segment;
    private final long size;
    private final int blockSize, blockBytes;

    protected BlockTensor(MemorySegment segment, long size, int blockSize, int blockBytes) {
        if (size < 0 || size % blockSize != 0 || segment.byteSize() != size / blockSize * blockBytes) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": " + size + " elements do not fill "
                    + segment.byteSize() + " bytes of " + blockSize + "-element blocks");
        }
        this.segment = segment;
        this.size = size;
        this.blockSize = blockSize;
        this.blockBytes = blockBytes;
    }

    public MemorySegment segment() { return segment; }

    @Override public long size() { return size; }

    @Override public long byteSize() { return segment.byteSize(); }

    /** The half-precision scale stored at byte {@code at}. */
    final float half(long at) { return Float.float16ToFloat(segment.get(LE_SHORT, at)); }

    final int u8(long at) { return segment.get(ValueLayout.JAVA_BYTE, at) & 0xFF; }

    /**
     * Σ over {@code blocks} whole blocks from byte {@code blockByte} of w · x[xOffset …], vectorised. Each subclass
     * loops over its own blocks, so the per-block code inlines into one loop (a shared loop calling a per-type
     * block method goes megamorphic once a model mixes types, and then every vector is boxed).
     */
    abstract float blocksDot(long blockByte, int blocks, float[] x, int xOffset);

    protected abstract BlockTensor make(MemorySegment segment, long size);

    /** Writes the block's values at dst[off …], vectorised (the unpacking step of the blocked matmul). */
    abstract void decodeBlock(long blockByte, float[] dst, int off);

    @Override public final void copyTo(long offset, float[] dst, int dstOffset, int n) {
        if (!VECTOR || offset % blockSize != 0 || n % blockSize != 0) { super.copyTo(offset, dst, dstOffset, n); return; }
        long b = offset / blockSize * blockBytes;
        for (int i = 0; i < n; i += blockSize, b += blockBytes) decodeBlock(b, dst, dstOffset + i);
    }

    @Override public final float dot(long offset, float[] x, int xOffset, int n) {
        if (!VECTOR || offset % blockSize != 0 || n % blockSize != 0) return scalarDot(offset, x, xOffset, n);
        return blocksDot(offset / blockSize * blockBytes, n / blockSize, x, xOffset);
    }

    /** Σ x over each run of 32 values from xo, n runs: what a k-quant's per-sub-block mins multiply. */
    static float[] subBlockSums(float[] x, int xo, int n) {
        int L = F.length();
        float[] sums = new float[n];
        for (int s = 0; s < n; s++) {
            var acc = FloatVector.fromArray(F, x, xo + 32 * s);
            for (int p = L; p < 32; p += L) acc = acc.add(FloatVector.fromArray(F, x, xo + 32 * s + p));
            sums[s] = acc.reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
        }
        return sums;
    }

    /**
     * Two rows half the range apart at a time ({@link #twoRows}): two long streams keep more reads in flight than one,
     * and a subclass's kernel shares each load of x between them (Q8_0, 42M-shaped model, in turns: decode 1.13× on one
     * thread, 1.10× on two; four rows ran slower: too many live vectors).
     */
    @Override public void matvecRows(float[] x, int xOffset, float[] out, int outOffset, int start, int end, int cols) {
        if (!VECTOR || cols % blockSize != 0) { super.matvecRows(x, xOffset, out, outOffset, start, end, cols); return; }
        int half = (end - start) / 2, blocks = cols / blockSize;
        long rowBytes = (long) blocks * blockBytes;
        for (int r = start; r < start + half; r++) {
            twoRows(r * rowBytes, (r + half) * rowBytes, blocks, x, xOffset, out, outOffset + r, outOffset + r + half);
        }
        super.matvecRows(x, xOffset, out, outOffset, start + 2 * half, end, cols);   // an odd last row
    }

    /**
     * The rows at bytes b0 and b1 into out[o0] and out[o1]. Its own method, called per pair, so C2 compiles it whole
     * (a loop inside matvecRows, called a few times per matrix, was compiled only on-stack and fell back to slower code
     * when a row count changed). This default runs each row's {@link #blocksDot}.
     */
    void twoRows(long b0, long b1, int blocks, float[] x, int xOffset, float[] out, int o0, int o1) {
        out[o0] = blocksDot(b0, blocks, x, xOffset);
        out[o1] = blocksDot(b1, blocks, x, xOffset);
    }

    /** The plain loop: the reference the vector kernels are tested against, and the fallback. */
    public final float scalarDot(long offset, float[] x, int xOffset, int n) {
        float sum = 0f;
        for (int i = 0; i < n; i++) sum += getFloat(offset + i) * x[xOffset + i];
        return sum;
    }

    @Override public final FloatTensor slice(long offset, long n) {
        if (offset % blockSize != 0 || n % blockSize != 0) {
            throw new IllegalArgumentException(typeName() + " slice [" + offset + ", +" + n + ") is not aligned to " + blockSize + "-element blocks");
        }
        return make(segment.asSlice(offset / blockSize * blockBytes, n / blockSize * blockBytes), n);
    }
}
