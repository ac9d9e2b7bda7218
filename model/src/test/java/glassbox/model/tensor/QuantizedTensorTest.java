package glassbox.model.tensor;

import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each storage type against a dequantizer written here from ggml's reference C (ggml-quants.c
 * dequantize_row_*), its vector dot against the scalar loop, and the quantizers' error bounds.
 */
class QuantizedTensorTest {
    private final Random rnd = new Random(42);

    // ---- reference dequantizers, transcribed from ggml-quants.c ----

    static float fp16(byte[] b, int at) { return Float.float16ToFloat((short) ((b[at] & 0xFF) | (b[at + 1] << 8))); }

    static float[] refQ8_0(byte[] b, int n) {
        float[] y = new float[n];
        for (int i = 0; i < n / 32; i++) {
            float d = fp16(b, i * 34);
            for (int j = 0; j < 32; ++j) y[i * 32 + j] = b[i * 34 + 2 + j] * d;
        }
        return y;
    }

    static float[] refQ4_0(byte[] b, int n) {
        float[] y = new float[n];
        for (int i = 0; i < n / 32; i++) {
            float d = fp16(b, i * 18);
            for (int j = 0; j < 16; ++j) {
                int x0 = (b[i * 18 + 2 + j] & 0x0F) - 8;
                int x1 = ((b[i * 18 + 2 + j] & 0xFF) >> 4) - 8;
                y[i * 32 + j] = x0 * d;
                y[i * 32 + j + 16] = x1 * d;
            }
        }
        return y;
    }

    static int[] getScaleMinK4(int j, byte[] q, int qo) {
        if (j < 4) return new int[]{q[qo + j] & 63, q[qo + j + 4] & 63};
        return new int[]{(q[qo + j + 4] & 0xF) | (((q[qo + j - 4] & 0xFF) >> 6) << 4),
                ((q[qo + j + 4] & 0xFF) >> 4) | (((q[qo + j] & 0xFF) >> 6) << 4)};
    }

    static float[] refQ4K(byte[] b, int n) {
        float[] y = new float[n];
        int yi = 0;
        for (int i = 0; i < n / 256; i++) {
            int blk = i * 144;
            float d = fp16(b, blk), min = fp16(b, blk + 2);
            int q = blk + 16, is = 0;
            for (int j = 0; j < 256; j += 64) {
                int[] sm = getScaleMinK4(is, b, blk + 4);
                float d1 = d * sm[0], m1 = min * sm[1];
                sm = getScaleMinK4(is + 1, b, blk + 4);
                float d2 = d * sm[0], m2 = min * sm[1];
                for (int l = 0; l < 32; ++l) y[yi++] = d1 * (b[q + l] & 0xF) - m1;
                for (int l = 0; l < 32; ++l) y[yi++] = d2 * ((b[q + l] & 0xFF) >> 4) - m2;
                q += 32;
                is += 2;
            }
        }
        return y;
    }

    static float[] refQ6K(byte[] b, int n) {
        float[] y = new float[n];
        for (int i = 0; i < n / 256; i++) {
            int blk = i * 210;
            float d = fp16(b, blk + 208);
            int ql = blk, qh = blk + 128, sc = blk + 192, yo = i * 256;
            for (int m = 0; m < 256; m += 128) {
                for (int l = 0; l < 32; ++l) {
                    int is = l / 16;
                    int q1 = (((b[ql + l] & 0xF) | (((b[qh + l] >> 0) & 3) << 4))) - 32;
                    int q2 = (((b[ql + l + 32] & 0xF) | (((b[qh + l] >> 2) & 3) << 4))) - 32;
                    int q3 = ((((b[ql + l] & 0xFF) >> 4) | (((b[qh + l] >> 4) & 3) << 4))) - 32;
                    int q4 = ((((b[ql + l + 32] & 0xFF) >> 4) | (((b[qh + l] >> 6) & 3) << 4))) - 32;
                    y[yo + l] = d * b[sc + is] * q1;
                    y[yo + l + 32] = d * b[sc + is + 2] * q2;
                    y[yo + l + 64] = d * b[sc + is + 4] * q3;
                    y[yo + l + 96] = d * b[sc + is + 6] * q4;
                }
                yo += 128; ql += 64; qh += 32; sc += 8;
            }
        }
        return y;
    }

    // ---- random blocks: random bits everywhere, sane f16 scales ----

    byte[] randomBlocks(int blocks, int blockBytes, int... halfOffsets) {
        byte[] b = new byte[blocks * blockBytes];
        rnd.nextBytes(b);
        for (int k = 0; k < blocks; k++) {
            for (int h : halfOffsets) {
                short s = Float.floatToFloat16((float) (rnd.nextGaussian() * 0.01));
                b[k * blockBytes + h] = (byte) s;
                b[k * blockBytes + h + 1] = (byte) (s >> 8);
            }
        }
        return b;
    }

    float[] gaussian(int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) rnd.nextGaussian();
        return x;
    }

    private void checkAgainst(FloatTensor t, float[] ref) {
        for (int i = 0; i < ref.length; i++) assertEquals(ref[i], t.getFloat(i), 0f, t.typeName() + " element " + i);
        float[] x = gaussian(ref.length);
        // rows of 512 and the whole run, vector dot vs the plain double sum of the reference values
        for (int row = 0; row * 512 < ref.length; row++) {
            double expected = 0, mag = 0;
            for (int i = 0; i < 512; i++) { expected += (double) ref[row * 512 + i] * x[i]; mag += Math.abs(ref[row * 512 + i] * x[i]); }
            float got = t.dot(row * 512L, x, 0, 512);
            assertEquals(expected, got, 1e-5 * mag + 1e-6, t.typeName() + " dot row " + row);
        }
        // the vectorised unpacking used by the blocked matmul: whole run, and a block-aligned middle part
        float[] copy = new float[ref.length + 3];
        t.copyTo(0, copy, 3, ref.length);
        assertArrayEquals(ref, java.util.Arrays.copyOfRange(copy, 3, ref.length + 3), t.typeName() + " copyTo");
        int blk = ref.length / 8;
        float[] part = new float[blk * 2];
        t.copyTo(blk, part, 0, blk * 2);
        assertArrayEquals(java.util.Arrays.copyOfRange(ref, blk, blk * 3), part, t.typeName() + " copyTo part");
        // matvec (a type may prepare x once per call, e.g. Q4_K's sub-block sums), serial and split over two threads
        for (Parallel pool : new Parallel[]{Parallel.SERIAL, Parallel.of(2)}) {
            int mc = 256, mr = ref.length / mc;
            float[] mx = gaussian(mc + 7), my = new float[mr + 2];
            t.matvec(mx, 7, my, 2, mr, mc, pool);
            float[] share = new float[mr + 2];
            t.matvecRows(mx, 7, share, 2, mr / 2, mr, mc);   // a later range alone, as one worker's share
            assertArrayEquals(java.util.Arrays.copyOfRange(my, 2 + mr / 2, mr + 2), java.util.Arrays.copyOfRange(share, 2 + mr / 2, mr + 2), t.typeName() + " matvecRows");
            for (int r = 0; r < mr; r++) {
                double e = 0, mag = 0;
                for (int c = 0; c < mc; c++) { e += (double) ref[r * mc + c] * mx[7 + c]; mag += Math.abs(ref[r * mc + c] * mx[7 + c]); }
                assertEquals(e, my[2 + r], 1e-5 * mag + 1e-6, t.typeName() + " matvec row " + r + " on " + pool.threads() + " threads");
            }
            for (int n : new int[]{mr - 1, 3, 1}) {   // odd row counts: the multi-row kernels' last row goes alone
                float[] odd = new float[n];
                t.matvec(mx, 7, odd, 0, n, mc, pool);
                for (int r = 0; r < n; r++) {
                    double e = 0, mag = 0;
                    for (int c = 0; c < mc; c++) { e += (double) ref[r * mc + c] * mx[7 + c]; mag += Math.abs(ref[r * mc + c] * mx[7 + c]); }
                    assertEquals(e, odd[r], 1e-5 * mag + 1e-6, t.typeName() + " " + n + " rows, row " + r);
                }
            }
        }
        // matmul (tiles unpacked by copyTo) against the plain sums, 3 tokens × rows of 256
        int cols = 256, rows = ref.length / cols, tokens = 3;
        float[] xs = gaussian(cols * tokens), out = new float[rows * tokens];
        t.matmul(xs, tokens, out, rows, cols, Parallel.SERIAL);
        for (int tk = 0; tk < tokens; tk++) for (int r = 0; r < rows; r++) {
            double e = 0, mag = 0;
            for (int c = 0; c < cols; c++) { e += (double) ref[r * cols + c] * xs[tk * cols + c]; mag += Math.abs(ref[r * cols + c] * xs[tk * cols + c]); }
            assertEquals(e, out[tk * rows + r], 1e-5 * mag + 1e-6, t.typeName() + " matmul");
        }
    }

    @Test void q8_0MatchesGgml() {
        byte[] b = randomBlocks(64, 34, 0);
        checkAgainst(new Q8_0Tensor(MemorySegment.ofArray(b), 64 * 32), refQ8_0(b, 64 * 32));
    }

    @Test void q4_0MatchesGgml() {
        byte[] b = randomBlocks(64, 18, 0);
        checkAgainst(new Q4_0Tensor(MemorySegment.ofArray(b), 64 * 32), refQ4_0(b, 64 * 32));
    }

    @Test void q4KMatchesGgml() {
        byte[] b = randomBlocks(8, 144, 0, 2);
        checkAgainst(new Q4KTensor(MemorySegment.ofArray(b), 8 * 256), refQ4K(b, 8 * 256));
    }

    @Test void q6KMatchesGgml() {
        byte[] b = randomBlocks(8, 210, 208);
        checkAgainst(new Q6KTensor(MemorySegment.ofArray(b), 8 * 256), refQ6K(b, 8 * 256));
    }

    @Test void f16EveryBitPatternWidensLikeTheJdk() {
        byte[] b = new byte[65536 * 2];
        for (int h = 0; h < 65536; h++) { b[2 * h] = (byte) h; b[2 * h + 1] = (byte) (h >> 8); }
        var t = new F16Tensor(MemorySegment.ofArray(b));
        // a one-hot x picks each element out through the vector path
        float[] x = new float[16];
        for (int h = 0; h < 65536; h += 16) {
            for (int k = 0; k < 16; k++) {
                float expected = Float.float16ToFloat((short) (h + k));
                assertEquals(expected, t.getFloat(h + k), 0f);
                // the dot path for one lane per group of 16 (copyTo below covers every pattern on the vector path)
                if (!Float.isFinite(expected) || k != (h / 16) % 16) continue; // inf·0 = NaN in the other lanes
                java.util.Arrays.fill(x, 0f);
                x[k] = 1f;
                // the other lanes contribute 0·finite (skip blocks holding inf/NaN)
                boolean allFinite = true;
                for (int m = 0; m < 16; m++) allFinite &= Float.isFinite(Float.float16ToFloat((short) (h + m)));
                int at = h + k;
                if (allFinite) assertEquals(expected, t.dot(h, x, 0, 16), 0f, () -> "half 0x" + Integer.toHexString(at));
            }
        }
        float[] all = new float[65536];
        t.copyTo(0, all, 0, 65536);
        for (int h = 0; h < 65536; h++) {
            assertEquals(Float.floatToIntBits(Float.float16ToFloat((short) h)), Float.floatToIntBits(all[h]), "copyTo half (NaN payloads aside)");
        }
        // infinities and NaN survive the vector widening
        byte[] special = new byte[32];
        short[] patterns = {0x7C00, (short) 0xFC00, 0x7E00, 0x3C00};
        for (int k = 0; k < 16; k++) { short s = patterns[k % 4]; special[2 * k] = (byte) s; special[2 * k + 1] = (byte) (s >> 8); }
        var st = new F16Tensor(MemorySegment.ofArray(special));
        float[] one = new float[16];
        one[0] = 1f;
        assertTrue(Float.isNaN(st.dot(0, one, 0, 16)), "NaN lane propagates");
        float[] onlyInf = new float[16];
        onlyInf[0] = 1f; onlyInf[4] = 1f; // +inf + inf
        assertEquals(Float.POSITIVE_INFINITY, new F16Tensor(MemorySegment.ofArray(new byte[]{0, 0x7C, 0, 0, 0, 0, 0, 0, 0, 0x7C, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})).dot(0, onlyInf, 0, 16));
    }

    @Test void halfDotsMatchScalar() {
        float[] v = gaussian(1000);
        for (FloatTensor t : new FloatTensor[]{new F16Tensor(MemorySegment.ofArray(Quantize.f16(v))),
                new BF16Tensor(MemorySegment.ofArray(Quantize.bf16(v)))}) {
            float[] x = gaussian(1000);
            for (int off : new int[]{0, 1, 7, 13}) {
                for (int n : new int[]{0, 5, 8, 31, 64, 987 - off}) {
                    double expected = 0;
                    for (int i = 0; i < n; i++) expected += (double) t.getFloat(off + i) * x[3 + i];
                    assertEquals(expected, t.dot(off, x, 3, n), 1e-4 * Math.sqrt(n + 1), t.typeName() + " off " + off + " n " + n);
                }
            }
            float[] widened = new float[987];
            t.copyTo(13, widened, 0, 987);
            for (int i = 0; i < 987; i++) assertEquals(t.getFloat(13 + i), widened[i], 0f, t.typeName() + " copyTo " + i);
            var s = t.slice(100, 50);
            assertEquals(t.getFloat(120), s.getFloat(20));
        }
    }

    @Test void bf16RoundsToNearestEven() {
        assertEquals(1f, new BF16Tensor(MemorySegment.ofArray(Quantize.bf16(new float[]{Float.intBitsToFloat(0x3F808000)}))).getFloat(0)); // tie → even
        assertEquals(Float.intBitsToFloat(0x3F810000), new BF16Tensor(MemorySegment.ofArray(Quantize.bf16(new float[]{Float.intBitsToFloat(0x3F808001)}))).getFloat(0));
        assertEquals(Float.intBitsToFloat(0x3F820000), new BF16Tensor(MemorySegment.ofArray(Quantize.bf16(new float[]{Float.intBitsToFloat(0x3F818000)}))).getFloat(0)); // tie → even up
    }

    @Test void quantizersStayWithinTheirStep() {
        float[] v = gaussian(4096);
        var q8 = new Q8_0Tensor(MemorySegment.ofArray(Quantize.q8_0(v)), v.length);
        var q4 = new Q4_0Tensor(MemorySegment.ofArray(Quantize.q4_0(v)), v.length);
        double e8 = 0, e4 = 0, ss = 0;
        for (int blk = 0; blk < v.length / 32; blk++) {
            float amax = 0;
            for (int j = 0; j < 32; j++) amax = Math.max(amax, Math.abs(v[blk * 32 + j]));
            for (int j = 0; j < 32; j++) {
                int i = blk * 32 + j;
                // half a step of the block's scale, plus the f16 rounding of the scale itself
                assertEquals(v[i], q8.getFloat(i), amax / 127f * 0.5f + amax * 1e-3f, "Q8_0 " + i);
                // Q4_0 is asymmetric: q in [-8, 7], so the end opposite the block's extreme clips by up to a whole step
                assertEquals(v[i], q4.getFloat(i), amax / 8f + amax * 4e-3f, "Q4_0 " + i);
                e8 += Math.pow(v[i] - q8.getFloat(i), 2);
                e4 += Math.pow(v[i] - q4.getFloat(i), 2);
                ss += v[i] * v[i];
            }
        }
        System.out.printf("quantize→dequantize relative RMS error on N(0,1): Q8_0 %.4f, Q4_0 %.4f%n", Math.sqrt(e8 / ss), Math.sqrt(e4 / ss));
        assertTrue(Math.sqrt(e8 / ss) < 0.01);
        assertTrue(Math.sqrt(e4 / ss) < 0.15);
        // the extreme value of each Q4_0 block is exact up to the f16 scale: it maps to q = -8
        assertEquals(0, Quantize.q8_0(new float[32])[0]);
    }

    @Test void quantizersMatchGgmlRounding() {
        float[] v = new float[32];
        v[0] = 127f; v[1] = 0.5f; v[2] = -0.5f; v[3] = 1.5f; v[4] = -63.5f;
        byte[] q = Quantize.q8_0(v);
        assertEquals(1f, fp16(q, 0));
        assertEquals(127, q[2]);
        assertEquals(1, q[3]);   // roundf(0.5) = 1
        assertEquals(-1, q[4]);  // roundf(-0.5) = -1 (away from zero)
        assertEquals(2, q[5]);
        assertEquals(-64, q[6]);
        float[] w = new float[32];
        w[0] = -8f; w[16] = 7f; w[1] = 3.2f;
        byte[] q4 = Quantize.q4_0(w);
        assertEquals(1f, fp16(q4, 0)); // d = max/-8 with max = -8
        assertEquals(0, q4[2] & 0xF);          // -8 → q = 0
        assertEquals(15, (q4[2] & 0xFF) >> 4); // 7 → min(15, (int)(7+8.5)) = 15
        assertEquals(11, q4[3] & 0xF);         // 3.2 → (int)(11.7) = 11
    }

    /** One block layout: bytes per block, elements per block, where its f16 scales sit, the tensor, the reference. */
    private record Layout(int block, int blockBytes, int[] halves,
                          java.util.function.BiFunction<MemorySegment, Long, FloatTensor> make,
                          java.util.function.BiFunction<byte[], Integer, float[]> ref) {}

    private static final java.util.List<Layout> LAYOUTS = java.util.List.of(
            new Layout(32, 34, new int[]{0}, Q8_0Tensor::new, QuantizedTensorTest::refQ8_0),
            new Layout(32, 18, new int[]{0}, Q4_0Tensor::new, QuantizedTensorTest::refQ4_0),
            new Layout(256, 144, new int[]{0, 2}, Q4KTensor::new, QuantizedTensorTest::refQ4K),
            new Layout(256, 210, new int[]{208}, Q6KTensor::new, QuantizedTensorTest::refQ6K));

    @Test void dotsOverOddBlockCountsAndBlockAlignedSlicesMatchTheReference() {
        for (Layout lay : LAYOUTS) {
            int blocks = 11;
            byte[] b = randomBlocks(blocks, lay.blockBytes(), lay.halves());
            // the extremes of every bit field: all-ones and all-zero payloads in two blocks (scales kept)
            for (int k : new int[]{2, 5}) {
                for (int i = 0; i < lay.blockBytes(); i++) {
                    boolean scale = false;
                    for (int h : lay.halves()) scale |= i == h || i == h + 1;
                    if (!scale) b[k * lay.blockBytes() + i] = (byte) (k == 2 ? 0xFF : 0x00);
                }
            }
            float[] ref = lay.ref().apply(b, blocks * lay.block());
            // native memory, as a mapped model file is
            try (var arena = java.lang.foreign.Arena.ofConfined()) {
                MemorySegment seg = arena.allocate(b.length, 64);
                MemorySegment.copy(MemorySegment.ofArray(b), 0, seg, 0, b.length);
                FloatTensor t = lay.make().apply(seg, (long) blocks * lay.block());
                float[] x = gaussian(ref.length + 5);
                for (int first = 0; first < blocks; first++) {
                    for (int count : new int[]{1, 2, 3, 7}) {
                        if (first + count > blocks) continue;
                        int off = first * lay.block(), n = count * lay.block();
                        double e = 0, mag = 0;
                        for (int i = 0; i < n; i++) { e += (double) ref[off + i] * x[5 + i]; mag += Math.abs(ref[off + i] * x[5 + i]); }
                        String what = t.typeName() + " blocks [" + first + ", +" + count + ")";
                        assertEquals(e, t.dot(off, x, 5, n), 1e-5 * mag + 1e-6, what);
                        FloatTensor slice = t.slice(off, n);
                        assertEquals(e, slice.dot(0, x, 5, n), 1e-5 * mag + 1e-6, what + " as a slice");
                        assertEquals(ref[off + n - 1], slice.getFloat(n - 1), 0f, what + " slice getFloat");
                    }
                }
            }
        }
    }

    @Test void unalignedSlicesAreRefused() {
        var t = new Q8_0Tensor(MemorySegment.ofArray(new byte[68]), 64);
        assertThrows(IllegalArgumentException.class, () -> t.slice(3, 32));
        assertEquals(32, t.slice(32, 32).size());
        assertThrows(IllegalArgumentException.class, () -> new Q4_0Tensor(MemorySegment.ofArray(new byte[17]), 32));
    }

    @Test void unalignedDotFallsBackToScalar() {
        byte[] b = randomBlocks(4, 34, 0);
        var t = new Q8_0Tensor(MemorySegment.ofArray(b), 128);
        float[] ref = refQ8_0(b, 128);
        float[] x = gaussian(128);
        double e = 0;
        for (int i = 5; i < 5 + 70; i++) e += ref[i] * x[i - 5];
        assertEquals(e, t.dot(5, x, 0, 70), 1e-5);
    }
}
