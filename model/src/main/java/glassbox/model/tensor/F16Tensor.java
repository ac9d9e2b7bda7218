package glassbox.model.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

import java.lang.foreign.MemorySegment;

/** IEEE 754 half precision (ggml F16). */
public final class F16Tensor extends HalfTensor {
    public F16Tensor(MemorySegment segment) { super(segment); }

    @Override public float getFloat(long index) { return Float.float16ToFloat(bits(index)); }

    /**
     * Half → float with integer ops: move exponent+mantissa up 13 bits and rescale by 2^112 (which also
     * turns half subnormals into the right float normals); infinities and NaNs get an all-ones exponent.
     */
    @Override FloatVector widen(IntVector h) {
        var magnitude = h.and(0x7FFF).lanewise(VectorOperators.LSHL, 13);
        var value = ((FloatVector) magnitude.reinterpretAsFloats()).mul(0x1p112f).reinterpretAsInts();
        var special = h.and(0x7C00).compare(VectorOperators.EQ, 0x7C00);
        value = ((IntVector) value).blend(magnitude.or(0x7F800000), special);
        var sign = h.and(0x8000).lanewise(VectorOperators.LSHL, 16);
        return (FloatVector) ((IntVector) value).or(sign).reinterpretAsFloats();
    }

    @Override public FloatTensor slice(long offset, long n) { return new F16Tensor(segment.asSlice(offset * 2, n * 2)); }

    @Override public String typeName() { return "F16"; }
}
