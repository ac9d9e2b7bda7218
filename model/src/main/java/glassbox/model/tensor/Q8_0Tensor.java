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
        var acc0 = FloatVector.zero(F);
        var acc1 = FloatVector.zero(F);
        int k = 0;
        for (; k + 2 <= blocks; k += 2, b += 2 * BLOCK_BYTES, xo += 2 * BLOCK) {   // two blocks, two chains
            var s0 = FloatVector.zero(F);
            var s1 = FloatVector.zero(F);
            for (int j = 0; j < BLOCK; j += L) {
                s0 = q(b + 2 + j).fma(FloatVector.fromArray(F, x, xo + j), s0);
                s1 = q(b + BLOCK_BYTES + 2 + j).fma(FloatVector.fromArray(F, x, xo + BLOCK + j), s1);
            }
            acc0 = s0.fma(FloatVector.broadcast(F, half(b)), acc0);   // each block's scale, once
            acc1 = s1.fma(FloatVector.broadcast(F, half(b + BLOCK_BYTES)), acc1);
        }
        if (k < blocks) {
            var s0 = FloatVector.zero(F);
            for (int j = 0; j < BLOCK; j += L) s0 = q(b + 2 + j).fma(FloatVector.fromArray(F, x, xo + j), s0);
            acc0 = s0.fma(FloatVector.broadcast(F, half(b)), acc0);
        }
        return acc0.add(acc1).reduceLanes(VectorOperators.ADD);
    }

    /** Both rows' blocks in one loop, each load of x serving the two. */
    @Override void twoRows(long b0, long b1, int blocks, float[] x, int xOffset, float[] out, int o0, int o1) {
        MemorySegment w = segment;
        int L = F.length();
        var acc0 = FloatVector.zero(F);
        var acc1 = FloatVector.zero(F);
        for (int k = 0; k < blocks; k++) {
            long o = (long) k * BLOCK_BYTES;
            int xo = xOffset + k * BLOCK;
            var s0 = FloatVector.zero(F);
            var s1 = FloatVector.zero(F);
            for (int j = 0; j < BLOCK; j += L) {
                var xv = FloatVector.fromArray(F, x, xo + j);
                s0 = q(w, b0 + o + 2 + j).fma(xv, s0);
                s1 = q(w, b1 + o + 2 + j).fma(xv, s1);
            }
            acc0 = s0.fma(FloatVector.broadcast(F, Float.float16ToFloat(w.get(LE_SHORT, b0 + o))), acc0);
            acc1 = s1.fma(FloatVector.broadcast(F, Float.float16ToFloat(w.get(LE_SHORT, b1 + o))), acc1);
        }
        out[o0] = acc0.reduceLanes(VectorOperators.ADD);
        out[o1] = acc1.reduceLanes(VectorOperators.ADD);
    }

    private static FloatVector q(MemorySegment s, long at) { return (FloatVector) ByteVector.fromMemorySegment(B, s, at, LE).castShape(F, 0); }

    private FloatVector q(long at) { return q(segment, at); }

    @Override void decodeBlock(long b, float[] dst, int off) {
        var d = FloatVector.broadcast(F, half(b));
        for (int j = 0; j < BLOCK; j += F.length()) {
            ((FloatVector) ByteVector.fromMemorySegment(B, segment, b + 2 + j, LE).castShape(F, 0)).mul(d).intoArray(dst, off + j);
        }
    }

    @Override protected BlockTensor make(MemorySegment s, long n) { return new Q8_0Tensor(s, n); }

    @Override public String typeName() { return "Q8_0"; }
}
