package glassbox.model.transformer;

import glassbox.model.config.RopePairing;

/**
 * Rotary position embedding: pairs of dimensions of every head are rotated by pos·θ_i, with
 * θ_i = theta^(−2i/ropeDims). Which dimensions pair up is the {@link RopePairing}.
 */
public final class Rope {
    private final int headDim, ropeDims;
    private final RopePairing pairing;
    private final double[] freq;

    public Rope(int headDim, int ropeDims, float theta, RopePairing pairing) {
        if (ropeDims < 0 || ropeDims > headDim || ropeDims % 2 != 0) {
            throw new IllegalArgumentException("RoPE dims " + ropeDims + " must be even and at most the head size " + headDim);
        }
        this.headDim = headDim;
        this.ropeDims = ropeDims;
        this.pairing = pairing;
        this.freq = new double[ropeDims / 2];
        // llama2.c: 1 / powf(10000, head_dim_index / head_size) with head_dim_index = 2i
        for (int i = 0; i < freq.length; i++) freq[i] = 1.0 / Math.pow(theta, (2.0 * i) / ropeDims);
    }

    /** cos and sin of pos·θ_i for every pair i (computed once per position, shared by all heads and layers). */
    public float[] angles(int pos) {
        float[] cs = new float[freq.length * 2];
        for (int i = 0; i < freq.length; i++) {
            double a = pos * (float) freq[i];
            cs[2 * i] = (float) Math.cos(a);
            cs[2 * i + 1] = (float) Math.sin(a);
        }
        return cs;
    }

    /** Rotates {@code heads} consecutive heads of v starting at offset, with the angles of one position. */
    public void rotate(float[] v, int offset, int heads, float[] cs) {
        int half = ropeDims / 2;
        for (int h = 0; h < heads; h++) {
            int base = offset + h * headDim;
            for (int i = 0; i < half; i++) {
                int a, b;
                if (pairing == RopePairing.INTERLEAVED) { a = base + 2 * i; b = a + 1; }
                else { a = base + i; b = base + i + half; }
                float c = cs[2 * i], s = cs[2 * i + 1];
                float v0 = v[a], v1 = v[b];
                v[a] = v0 * c - v1 * s;
                v[b] = v0 * s + v1 * c;
            }
        }
    }
}
