package glassbox.model.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * 16-bit floats (IEEE half F16, or bfloat16 BF16), little-endian, read in place; dot widens each
 * group of lanes to float32 in registers, so the weights are never expanded in memory.
 */
public abstract sealed class HalfTensor extends FloatTensor permits F16Tensor, BF16Tensor {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    // as many shorts as float lanes, so one load widens into one int vector
    static final VectorSpecies<Short> H = F.length() >= 4 ? ShortVector.SPECIES_64.withShape(VectorShape.forBitSize(F.length() * 16)) : null;
    static final ValueLayout.OfShort LE_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    protected final MemorySegment segment;
    private final long size;

    protected HalfTensor(MemorySegment segment) {
        if (segment.byteSize() % 2 != 0) throw new IllegalArgumentException(getClass().getSimpleName() + " segment of " + segment.byteSize() + " bytes");
        this.segment = segment;
        this.size = segment.byteSize() / 2;
    }

    public MemorySegment segment() { return segment; }

    @Override public long size() { return size; }

    @Override public long byteSize() { return segment.byteSize(); }

    final short bits(long index) { return segment.getAtIndex(LE_SHORT, index); }

    /** The raw 16-bit patterns of F.length() elements at byte {@code at}, zero-extended into int lanes. */
    final IntVector load(long at) {
        return ((IntVector) ShortVector.fromMemorySegment(H, segment, at, LE).castShape(I, 0)).and(0xFFFF);
    }

    /** Float lanes from the 16-bit patterns (one kind per subclass). */
    abstract FloatVector widen(IntVector bits);

    /** Widens n values from offset into dst, a vector at a time (the unpacking step of the blocked matmul). */
    @Override public void copyTo(long offset, float[] dst, int dstOffset, int n) {
        int i = 0;
        int L = F.length();
        if (H != null) for (; i + L <= n; i += L) widen(load(2 * (offset + i))).intoArray(dst, dstOffset + i);
        for (; i < n; i++) dst[dstOffset + i] = getFloat(offset + i);
    }

    @Override public float dot(long offset, float[] x, int xOffset, int n) {
        int i = 0;
        float sum = 0f;
        int L = F.length();
        if (H != null && n >= L) {
            var a0 = FloatVector.zero(F);
            var a1 = FloatVector.zero(F);
            long base = offset * 2;
            for (; i + 2 * L <= n; i += 2 * L) {
                a0 = widen(load(base + 2L * i)).fma(FloatVector.fromArray(F, x, xOffset + i), a0);
                a1 = widen(load(base + 2L * (i + L))).fma(FloatVector.fromArray(F, x, xOffset + i + L), a1);
            }
            for (; i + L <= n; i += L) a0 = widen(load(base + 2L * i)).fma(FloatVector.fromArray(F, x, xOffset + i), a0);
            sum = a0.add(a1).reduceLanes(VectorOperators.ADD);
        }
        for (; i < n; i++) sum += getFloat(offset + i) * x[xOffset + i];
        return sum;
    }
}
