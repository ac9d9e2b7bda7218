package glassbox.model.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

import java.lang.foreign.MemorySegment;

/** bfloat16: the top 16 bits of a float32 (ggml BF16, safetensors BF16). */
public final class BF16Tensor extends HalfTensor {
    public BF16Tensor(MemorySegment segment) { super(segment); }

    @Override public float getFloat(long index) { return Float.intBitsToFloat(bits(index) << 16); }

    @Override FloatVector widen(IntVector bits) {
        return (FloatVector) bits.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
    }

    @Override public FloatTensor slice(long offset, long n) { return new BF16Tensor(segment.asSlice(offset * 2, n * 2)); }

    @Override public String typeName() { return "BF16"; }
}
