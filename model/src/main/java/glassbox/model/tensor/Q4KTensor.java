package glassbox.model.tensor;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

import java.lang.foreign.MemorySegment;

/**
 * ggml Q4_K ("k-quant", what Q4_K_M files mostly hold): super-blocks of 256 weights = f16 d, f16 dmin,
 * 12 bytes packing eight 6-bit scales and eight 6-bit mins, then 128 bytes of 4-bit q. Sub-block s
 * (32 weights) has weight = d·scale[s]·q − dmin·min[s]; each 32 bytes of q serve two sub-blocks
 * (low nibbles the first, high nibbles the second).
 */
public final class Q4KTensor extends BlockTensor {
    public static final int BLOCK = 256, BLOCK_BYTES = 144;

    public Q4KTensor(MemorySegment segment, long size) { super(segment, size, BLOCK, BLOCK_BYTES); }

    /** ggml's get_scale_min_k4: the 6-bit scale (low 8 bits of the result) and min (bits 8–15) of sub-block j. */
    int scaleMin(long b, int j) {
        long s = b + 4;
        int sc, m;
        if (j < 4) {
            sc = u8(s + j) & 63;
            m = u8(s + j + 4) & 63;
        } else {
            sc = (u8(s + j + 4) & 0xF) | ((u8(s + j - 4) >>> 6) << 4);
            m = (u8(s + j + 4) >>> 4) | ((u8(s + j) >>> 6) << 4);
        }
        return sc | m << 8;
    }

    @Override public float getFloat(long index) {
        long b = index / BLOCK * BLOCK_BYTES;
        int j = (int) (index % BLOCK);
        int chunk = j / 64, within = j % 64, sub = chunk * 2 + within / 32;
        int packed = u8(b + 16 + chunk * 32 + within % 32);
        int q = within < 32 ? packed & 0xF : packed >>> 4;
        int sm = scaleMin(b, sub);
        return half(b) * (sm & 0xFF) * q - half(b + 2) * (sm >>> 8);
    }

    /**
     * Per sub-block s: the sum of (d*sc*q - dmin*m)*x = d*sc*sum(q*x) - dmin*m*sum(x). The sums of x per sub-block do
     * not depend on the row, so a matvec computes them once ({@link #matvecRows}) and the inner loop is one
     * widen-convert and one FMA per 8 weights; the mins become one scalar term per sub-block.
     */
    @Override float blocksDot(long b, int blocks, float[] x, int xo) {
        return blocksDot(b, blocks, x, xo, subBlockSums(x, xo, blocks * 8), 0);
    }

    /** Rows of a matvec, with x's sub-block sums computed once for all of them. */
    @Override public void matvecRows(float[] x, int xOffset, float[] out, int outOffset, int start, int end, int cols) {
        if (!VECTOR || cols % BLOCK != 0) { super.matvecRows(x, xOffset, out, outOffset, start, end, cols); return; }
        int blocks = cols / BLOCK;
        float[] sums = subBlockSums(x, xOffset, blocks * 8);
        for (int r = start; r < end; r++) out[outOffset + r] = blocksDot((long) r * blocks * BLOCK_BYTES, blocks, x, xOffset, sums, 0);
    }

    private float blocksDot(long b, int blocks, float[] x, int xo, float[] sums, int so) {
        int L = F.length();
        var acc0 = FloatVector.zero(F);
        var acc1 = FloatVector.zero(F);
        float minTerm = 0f;
        for (int k = 0; k < blocks; k++, b += BLOCK_BYTES, xo += BLOCK, so += 8) {
            float d = half(b), dmin = half(b + 2);
            long packed = segment.get(LE_LONG, b + 4);
            int high = segment.get(LE_INT, b + 12);
            int lo4 = (int) packed, hi4 = (int) (packed >>> 32);
            float mins = 0f;
            for (int chunk = 0; chunk < 4; chunk++) {
                // the (scale, min) pairs of sub-blocks 2·chunk and 2·chunk+1, unpacked in straight-line code (ggml's get_scale_min_k4)
                int j = 2 * chunk, sc0, m0, sc1, m1;
                if (chunk < 2) {
                    sc0 = lo4 >>> 8 * j & 63; m0 = hi4 >>> 8 * j & 63;
                    sc1 = lo4 >>> 8 * (j + 1) & 63; m1 = hi4 >>> 8 * (j + 1) & 63;
                } else {
                    int a = j - 4;
                    int sj = lo4 >>> 8 * a & 0xFF, sj4 = hi4 >>> 8 * a & 0xFF, sj8 = high >>> 8 * a & 0xFF;
                    sc0 = (sj8 & 0xF) | (sj >>> 6) << 4; m0 = (sj8 >>> 4) | (sj4 >>> 6) << 4;
                    sj = lo4 >>> 8 * (a + 1) & 0xFF; sj4 = hi4 >>> 8 * (a + 1) & 0xFF; sj8 = high >>> 8 * (a + 1) & 0xFF;
                    sc1 = (sj8 & 0xF) | (sj >>> 6) << 4; m1 = (sj8 >>> 4) | (sj4 >>> 6) << 4;
                }
                mins += m0 * sums[so + j] + m1 * sums[so + j + 1];
                var q0 = FloatVector.zero(F);
                var q1 = FloatVector.zero(F);
                int base = xo + chunk * 64;
                long qb = b + 16 + chunk * 32L;
                for (int p = 0; p < 32; p += L) {
                    // loaded here, not through a helper: C2 refused to inline one ("callee uses too much stack") and boxed its vector
                    var ints = (IntVector) ByteVector.fromMemorySegment(B, segment, qb + p, LE).castShape(I, 0);
                    var lo = (FloatVector) ints.and(0xF).castShape(F, 0);
                    var hi = (FloatVector) ints.lanewise(VectorOperators.ASHR, 4).and(0xF).castShape(F, 0);
                    q0 = lo.fma(FloatVector.fromArray(F, x, base + p), q0);
                    q1 = hi.fma(FloatVector.fromArray(F, x, base + 32 + p), q1);
                }
                acc0 = q0.fma(FloatVector.broadcast(F, d * sc0), acc0);
                acc1 = q1.fma(FloatVector.broadcast(F, d * sc1), acc1);
            }
            minTerm += dmin * mins;
        }
        return acc0.add(acc1).reduceLanes(VectorOperators.ADD) - minTerm;
    }

    @Override void decodeBlock(long b, float[] dst, int off) {
        int L = F.length();
        float d = half(b), dmin = half(b + 2);
        for (int chunk = 0; chunk < 4; chunk++) {
            var bytes = ByteVector.fromMemorySegment(ByteVector.SPECIES_256, segment, b + 16 + chunk * 32L, LE);
            for (int half = 0; half < 2; half++) {
                var q = half == 0 ? bytes.and((byte) 0xF) : bytes.lanewise(VectorOperators.LSHR, 4);
                int sm = scaleMin(b, chunk * 2 + half);
                var scale = FloatVector.broadcast(F, d * (sm & 0xFF));
                var min = FloatVector.broadcast(F, -dmin * (sm >>> 8));
                int base = off + chunk * 64 + half * 32;
                for (int p = 0; p < 32 / L; p++) ((FloatVector) q.castShape(F, p)).fma(scale, min).intoArray(dst, base + p * L);
            }
        }
    }

    @Override protected BlockTensor make(MemorySegment s, long n) { return new Q4KTensor(s, n); }

    @Override public String typeName() { return "Q4_K"; }
}
