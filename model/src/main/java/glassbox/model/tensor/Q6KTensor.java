package glassbox.model.tensor;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * ggml Q6_K: super-blocks of 256 weights = 128 bytes of low 4 bits (ql), 64 bytes of high 2 bits (qh),
 * 16 signed 8-bit scales (one per 16 weights), then an f16 d; weight = d·scale·(q − 32), q in [0, 63].
 * Each 128-weight half uses 64 ql bytes and 32 qh bytes: byte l feeds weights l, l+32, l+64, l+96.
 */
public final class Q6KTensor extends BlockTensor {
    public static final int BLOCK = 256, BLOCK_BYTES = 210;

    public Q6KTensor(MemorySegment segment, long size) { super(segment, size, BLOCK, BLOCK_BYTES); }

    private int scale(long b, int k) { return segment.get(ValueLayout.JAVA_BYTE, b + 192 + k); }

    @Override public float getFloat(long index) {
        long b = index / BLOCK * BLOCK_BYTES;
        int j = (int) (index % BLOCK);
        int n = j / 128, quarter = (j % 128) / 32, l = j % 32;
        int low = u8(b + n * 64 + (quarter & 1) * 32 + l);
        low = quarter < 2 ? low & 0xF : low >>> 4;
        int high = (u8(b + 128 + n * 32 + l) >>> (2 * quarter)) & 3;
        int q = (low | high << 4) - 32;
        return half(b + 208) * scale(b, n * 8 + 2 * quarter + l / 16) * q;
    }

    /**
     * The 6-bit values are assembled 32 at a time in byte lanes (ql byte l and qh byte l feed four weights each),
     * staged in a small array in weight order, then widened 8 at a time like Q8_0; products are summed per 16
     * weights (one scale) and scaled once.
     */
    @Override float blocksDot(long b, int blocks, float[] x, int xo) {
        int L = F.length();
        byte[] q = new byte[128];
        var acc = FloatVector.zero(F);
        for (int k = 0; k < blocks; k++, b += BLOCK_BYTES, xo += BLOCK) {
            float d = half(b + 208);
            for (int n = 0; n < 2; n++) {
                long scales = segment.get(LE_LONG, b + 192 + n * 8L);   // this half's eight signed scales, read at once
                var a = ByteVector.fromMemorySegment(ByteVector.SPECIES_256, segment, b + n * 64L, LE);
                var c = ByteVector.fromMemorySegment(ByteVector.SPECIES_256, segment, b + n * 64L + 32, LE);
                var h = ByteVector.fromMemorySegment(ByteVector.SPECIES_256, segment, b + 128 + n * 32L, LE);
                a.and((byte) 0xF).or(h.and((byte) 3).lanewise(VectorOperators.LSHL, 4)).sub((byte) 32).intoArray(q, 0);
                c.and((byte) 0xF).or(h.and((byte) 12).lanewise(VectorOperators.LSHL, 2)).sub((byte) 32).intoArray(q, 32);
                a.lanewise(VectorOperators.LSHR, 4).or(h.and((byte) 48)).sub((byte) 32).intoArray(q, 64);
                c.lanewise(VectorOperators.LSHR, 4).or(h.lanewise(VectorOperators.LSHR, 2).and((byte) 48)).sub((byte) 32).intoArray(q, 96);
                int xb = xo + n * 128;
                for (int g = 0; g < 128; g += 32) {        // 16 weights per scale, two scales per 32
                    var s0 = FloatVector.zero(F);
                    var s1 = FloatVector.zero(F);
                    for (int l = 0; l < 16; l += L) {
                        s0 = w(q, g + l).fma(FloatVector.fromArray(F, x, xb + g + l), s0);
                        s1 = w(q, g + 16 + l).fma(FloatVector.fromArray(F, x, xb + g + 16 + l), s1);
                    }
                    int shift = 8 * (g / 16);
                    acc = s0.fma(FloatVector.broadcast(F, d * (byte) (scales >>> shift)), acc);
                    acc = s1.fma(FloatVector.broadcast(F, d * (byte) (scales >>> shift + 8)), acc);
                }
            }
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    private static FloatVector w(byte[] q, int at) { return (FloatVector) ByteVector.fromArray(B, q, at).castShape(F, 0); }

    @Override void decodeBlock(long b, float[] dst, int off) {
        int L = F.length();
        float d = half(b + 208);
        for (int n = 0; n < 2; n++) {
            var ql0 = ByteVector.fromMemorySegment(ByteVector.SPECIES_256, segment, b + n * 64L, LE);
            var ql1 = ByteVector.fromMemorySegment(ByteVector.SPECIES_256, segment, b + n * 64L + 32, LE);
            var qh = ByteVector.fromMemorySegment(ByteVector.SPECIES_256, segment, b + 128 + n * 32L, LE);
            for (int quarter = 0; quarter < 4; quarter++) {
                var low = switch (quarter) {
                    case 0 -> ql0.and((byte) 0xF);
                    case 1 -> ql1.and((byte) 0xF);
                    case 2 -> ql0.lanewise(VectorOperators.LSHR, 4);
                    default -> ql1.lanewise(VectorOperators.LSHR, 4);
                };
                var q = low.or(qh.lanewise(VectorOperators.LSHR, 2 * quarter).and((byte) 3).lanewise(VectorOperators.LSHL, 4)).sub((byte) 32);
                int base = off + n * 128 + quarter * 32;
                for (int p = 0; p < 32 / L; p++) {
                    var s = FloatVector.broadcast(F, d * scale(b, n * 8 + 2 * quarter + p * L / 16));
                    ((FloatVector) q.castShape(F, p)).mul(s).intoArray(dst, base + p * L);
                }
            }
        }
    }

    @Override protected BlockTensor make(MemorySegment s, long n) { return new Q6KTensor(s, n); }

    @Override public String typeName() { return "Q6_K"; }
}
