package glassbox.model.tensor;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
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

    @Override float blockDot(long b, float[] x, int xo) {
        int L = F.length();
        float d = half(b), dmin = half(b + 2);
        var acc = FloatVector.zero(F);
        for (int chunk = 0; chunk < 4; chunk++) {
            var bytes = ByteVector.fromMemorySegment(ByteVector.SPECIES_256, segment, b + 16 + chunk * 32L, LE);
            for (int half = 0; half < 2; half++) {
                var q = half == 0 ? bytes.and((byte) 0xF) : bytes.lanewise(VectorOperators.LSHR, 4);
                int sm = scaleMin(b, chunk * 2 + half);
                var scale = FloatVector.broadcast(F, d * (sm & 0xFF));
                var min = FloatVector.broadcast(F, -dmin * (sm >>> 8));
                int base = xo + chunk * 64 + half * 32;
                for (int p = 0; p < 32 / L; p++) {
                    var w = ((FloatVector) q.castShape(F, p)).fma(scale, min);
                    acc = w.fma(FloatVector.fromArray(F, x, base + p * L), acc);
                }
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
