package glassbox.model.tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Float32 → ggml storage encodings, following ggml's reference quantizers (quantize_row_q8_0_ref,
 * quantize_row_q4_0_ref) so files we write read back in llama.cpp the same way. Output is little-endian bytes.
 */
public final class Quantize {
    private Quantize() {}

    public static byte[] f32(float[] x) {
        ByteBuffer b = ByteBuffer.allocate(x.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(x);
        return b.array();
    }

    public static byte[] f16(float[] x) {
        byte[] out = new byte[x.length * 2];
        for (int i = 0; i < x.length; i++) putShort(out, 2 * i, Float.floatToFloat16(x[i]));
        return out;
    }

    /** Round to nearest even, as ggml_compute_fp32_to_bf16 (NaNs stay quiet NaNs). */
    public static short bf16(float v) {
        int u = Float.floatToRawIntBits(v);
        if ((u & 0x7FFFFFFF) > 0x7F800000) return (short) ((u >>> 16) | 64);
        return (short) ((u + (0x7FFF + ((u >>> 16) & 1))) >>> 16);
    }

    public static byte[] bf16(float[] x) {
        byte[] out = new byte[x.length * 2];
        for (int i = 0; i < x.length; i++) putShort(out, 2 * i, bf16(x[i]));
        return out;
    }

    /** Q8_0: per 32 weights, d = max|x|/127 and q = round(x/d). */
    public static byte[] q8_0(float[] x) {
        requireBlocks(x.length, 32, "Q8_0");
        byte[] out = new byte[x.length / 32 * 34];
        for (int blk = 0; blk < x.length / 32; blk++) {
            int xo = blk * 32, o = blk * 34;
            float amax = 0;
            for (int j = 0; j < 32; j++) amax = Math.max(amax, Math.abs(x[xo + j]));
            float d = amax / 127f;
            float id = d != 0 ? 1f / d : 0f;
            putShort(out, o, Float.floatToFloat16(d));
            for (int j = 0; j < 32; j++) out[o + 2 + j] = (byte) roundf(x[xo + j] * id);
        }
        return out;
    }

    /** Q4_0: per 32 weights, d = (the value of largest magnitude)/−8 and q = min(15, (int)(x/d + 8.5)). */
    public static byte[] q4_0(float[] x) {
        requireBlocks(x.length, 32, "Q4_0");
        byte[] out = new byte[x.length / 32 * 18];
        for (int blk = 0; blk < x.length / 32; blk++) {
            int xo = blk * 32, o = blk * 18;
            float amax = 0, max = 0;
            for (int j = 0; j < 32; j++) {
                float v = x[xo + j];
                if (amax < Math.abs(v)) { amax = Math.abs(v); max = v; }
            }
            float d = max / -8f;
            float id = d != 0 ? 1f / d : 0f;
            putShort(out, o, Float.floatToFloat16(d));
            for (int j = 0; j < 16; j++) {
                int lo = Math.min(15, (byte) (x[xo + j] * id + 8.5f));
                int hi = Math.min(15, (byte) (x[xo + 16 + j] * id + 8.5f));
                out[o + 2 + j] = (byte) (lo | hi << 4);
            }
        }
        return out;
    }

    /** C's roundf: halves away from zero. */
    static int roundf(float v) { return (int) Math.copySign(Math.floor(Math.abs(v) + 0.5f), v); }

    private static void requireBlocks(int n, int block, String type) {
        if (n % block != 0) throw new IllegalArgumentException(type + " needs a multiple of " + block + " values, got " + n);
    }

    private static void putShort(byte[] b, int at, short v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >> 8);
    }
}
