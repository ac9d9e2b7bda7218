package glassbox.model.tensor;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** ggml Q8_0: blocks of 32 weights = an f16 scale d and 32 signed bytes q; weight = d·q. */
public final class Q8_0Tensor extends BlockTensor {
    public static final int BLOCK = 32, BLOCK_BYTES = 34;

    public Q8_0Tensor(MemorySegment segment, long size) { super(segment, size, BLOCK, BLOCK_BYTES); }

    @Override public float getFloat(long index) {
        long b = index / BLOCK * BLOCK_BYTES;
        return half(b) * segment.get(ValueLayout.JAVA_BYTE, b + 2 + index % BLOCK);
    }

    @Override float blocksDot(long b, int blocks, float[] x, int xo) {
        int L = F.length();
        var acc = FloatVector.zero(F);
        for (int k = 0; k < blocks; k++, b += BLOCK_BYTES, xo += BLOCK) {
            var s0 = FloatVector.zero(F);
            var s1 = FloatVector.zero(F);
            for (int j = 0; j < BLOCK; j += 2 * L) {
                s0 = q(b + 2 + j).fma(FloatVector.fromArray(F, x, xo + j), s0);
                s1 = q(b + 2 + j + L).fma(FloatVector.fromArray(F, x, xo + j + L), s1);
            }
            acc = s0.add(s1).fma(FloatVector.broadcast(F, half(b)), acc);   // the block's scale, once
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    private FloatVector q(long at) { return (FloatVector) ByteVector.fromMemorySegment(B, segment, at, LE).castShape(F, 0); }

    @Override void decodeBlock(long b, float[] dst, int off) {
        var d = FloatVector.broadcast(F, half(b));
        for (int j = 0; j < BLOCK; j += F.length()) {
            ((FloatVector) ByteVector.fromMemorySegment(B, segment, b + 2 + j, LE).castShape(F, 0)).mul(d).intoArray(dst, off + j);
        }
    }

    @Override protected BlockTensor make(MemorySegment s, long n) { return new Q8_0Tensor(s, n); }

    @Override public String typeName() { return "Q8_0"; }
}
