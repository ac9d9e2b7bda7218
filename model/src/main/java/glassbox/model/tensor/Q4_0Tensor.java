package glassbox.model.tensor;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

import java.lang.foreign.MemorySegment;

/**
 * ggml Q4_0: blocks of 32 weights = an f16 scale d and 16 bytes; byte j holds weight j in its low
 * nibble and weight j+16 in its high nibble, each stored as q+8 with q in [-8, 7]; weight = d·q.
 */
public final class Q4_0Tensor extends BlockTensor {
    public static final int BLOCK = 32, BLOCK_BYTES = 18;

    public Q4_0Tensor(MemorySegment segment, long size) { super(segment, size, BLOCK, BLOCK_BYTES); }

    @Override public float getFloat(long index) {
        long b = index / BLOCK * BLOCK_BYTES;
        int j = (int) (index % BLOCK);
        int packed = u8(b + 2 + (j & 15));
        int q = (j < 16 ? packed & 0xF : packed >>> 4) - 8;
        return half(b) * q;
    }

    @Override float blocksDot(long b, int blocks, float[] x, int xo) {
        int L = F.length();
        var acc = FloatVector.zero(F);
        for (int k = 0; k < blocks; k++, b += BLOCK_BYTES, xo += BLOCK) {
            var s0 = FloatVector.zero(F);
            var s1 = FloatVector.zero(F);
            for (int p = 0; p < 16; p += L) {
                // loaded here, not through a helper: C2 refused to inline one ("callee uses too much stack") and boxed its vector
                var packed = (IntVector) ByteVector.fromMemorySegment(B, segment, b + 2 + p, LE).castShape(I, 0);
                var lo = (FloatVector) packed.and(0xF).sub(8).castShape(F, 0);
                var hi = (FloatVector) packed.lanewise(VectorOperators.ASHR, 4).and(0xF).sub(8).castShape(F, 0);
                s0 = lo.fma(FloatVector.fromArray(F, x, xo + p), s0);
                s1 = hi.fma(FloatVector.fromArray(F, x, xo + 16 + p), s1);
            }
            acc = s0.add(s1).fma(FloatVector.broadcast(F, half(b)), acc);   // the block's scale, once
        }
        return acc.reduceLanes(VectorOperators.ADD);
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
            for (int p = 0; p < 16; p += L) {
                var xl = FloatVector.fromArray(F, x, xo + p);
                var xh = FloatVector.fromArray(F, x, xo + 16 + p);
                var q0 = (IntVector) ByteVector.fromMemorySegment(B, w, b0 + o + 2 + p, LE).castShape(I, 0);
                var q1 = (IntVector) ByteVector.fromMemorySegment(B, w, b1 + o + 2 + p, LE).castShape(I, 0);
                s0 = ((FloatVector) q0.and(0xF).sub(8).castShape(F, 0)).fma(xl, s0);
                s0 = ((FloatVector) q0.lanewise(VectorOperators.ASHR, 4).and(0xF).sub(8).castShape(F, 0)).fma(xh, s0);
                s1 = ((FloatVector) q1.and(0xF).sub(8).castShape(F, 0)).fma(xl, s1);
                s1 = ((FloatVector) q1.lanewise(VectorOperators.ASHR, 4).and(0xF).sub(8).castShape(F, 0)).fma(xh, s1);
            }
            acc0 = s0.fma(FloatVector.broadcast(F, Float.float16ToFloat(w.get(LE_SHORT, b0 + o))), acc0);
            acc1 = s1.fma(FloatVector.broadcast(F, Float.float16ToFloat(w.get(LE_SHORT, b1 + o))), acc1);
        }
        out[o0] = acc0.reduceLanes(VectorOperators.ADD);
        out[o1] = acc1.reduceLanes(VectorOperators.ADD);
    }

    @Override void decodeBlock(long b, float[] dst, int off) {
        int L = F.length();
        var d = FloatVector.broadcast(F, half(b));
        var bytes = ByteVector.fromMemorySegment(ByteVector.SPECIES_128, segment, b + 2, LE);
        var lo = bytes.and((byte) 0xF).sub((byte) 8);
        var hi = bytes.lanewise(VectorOperators.LSHR, 4).sub((byte) 8);
        for (int p = 0; p < 16 / L; p++) {
            ((FloatVector) lo.castShape(F, p)).mul(d).intoArray(dst, off + p * L);
            ((FloatVector) hi.castShape(F, p)).mul(d).intoArray(dst, off + 16 + p * L);
        }
    }

    @Override protected BlockTensor make(MemorySegment s, long n) { return new Q4_0Tensor(s, n); }

    @Override public String typeName() { return "Q4_0"; }
}
