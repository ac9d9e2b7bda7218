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
     * Per sub-block s: the sum of (d*sc*q - dmin*m)*x = d*sc*sum(q*x) - dmin*m*sum(x), so the inner loop is one FMA
     * and one add per vector and the scales are applied once per 32 weights.
     */
    @Override float blocksDot(long b, int blocks, float[] x, int xo) {
        int L = F.length();
        var acc = FloatVector.zero(F);
        int[] sm = new int[8];
        for (int k = 0; k < blocks; k++, b += BLOCK_BYTES, xo += BLOCK) {
            float d = half(b), dmin = half(b + 2);
            long packed = segment.get(LE_LONG, b + 4);
            int high = segment.get(LE_INT, b + 12);
            // all eight (scale, min) pairs unpacked in straight-line code (a call per sub-block was not inlined)
            int lo4 = (int) packed, hi4 = (int) (packed >>> 32);
            for (int j = 0; j < 4; j++) {
                int sj = lo4 >>> 8 * j & 0xFF, sj4 = hi4 >>> 8 * j & 0xFF, sj8 = high >>> 8 * j & 0xFF;
                sm[j] = (sj & 63) | (sj4 & 63) << 8;
                sm[j + 4] = ((sj8 & 0xF) | (sj >>> 6) << 4) | ((sj8 >>> 4) | (sj4 >>> 6) << 4) << 8;
            }
            for (int chunk = 0; chunk < 4; chunk++) {
                var q0 = FloatVector.zero(F);
                var q1 = FloatVector.zero(F);
                var x0 = FloatVector.zero(F);
                var x1 = FloatVector.zero(F);
                int base = xo + chunk * 64;
                for (int p = 0; p < 32; p += L) {
                    // loaded here, not through a helper: C2 refused to inline one ("callee uses too much stack") and boxed its vector
                    var ints = (IntVector) ByteVector.fromMemorySegment(B, segment, b + 16 + chunk * 32L + p, LE).castShape(I, 0);
                    var lo = (FloatVector) ints.and(0xF).castShape(F, 0);
                    var hi = (FloatVector) ints.lanewise(VectorOperators.ASHR, 4).and(0xF).castShape(F, 0);
                    var xl = FloatVector.fromArray(F, x, base + p);
                    var xh = FloatVector.fromArray(F, x, base + 32 + p);
                    q0 = lo.fma(xl, q0);
                    q1 = hi.fma(xh, q1);
                    x0 = x0.add(xl);
                    x1 = x1.add(xh);
                }
                int sm0 = sm[2 * chunk], sm1 = sm[2 * chunk + 1];
                acc = q0.fma(FloatVector.broadcast(F, d * (sm0 & 0xFF)), acc);
                acc = x0.fma(FloatVector.broadcast(F, -dmin * (sm0 >>> 8)), acc);
                acc = q1.fma(FloatVector.broadcast(F, d * (sm1 & 0xFF)), acc);
                acc = x1.fma(FloatVector.broadcast(F, -dmin * (sm1 >>> 8)), acc);
            }
        }
        return acc.reduceLanes(VectorOperators.ADD);
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
