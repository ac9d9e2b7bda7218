package glassbox.app.flow;

import glassbox.model.config.ModelConfig;
import glassbox.model.config.RopePairing;

/**
 * Rotary position embedding as the explainer redoes it: dimension pair i of a head vector is turned by
 * pos·θ_i with θ_i = base^(−2i/rotated), which makes q·k depend only on the offset between positions.
 */
public record RopeRotation(int headDim, int rotatedDims, float base, RopePairing pairing) {

    public static RopeRotation of(ModelConfig c) {
        return new RopeRotation(c.headDim(), c.ropeDims() > 0 ? c.ropeDims() : c.headDim(), c.ropeTheta(), c.ropePairing());
    }

    /** How many 2-D bands are rotated. */
    public int bands() { return rotatedDims / 2; }

    /** θ_i, the angle per position of band i. */
    public double theta(int band) { return Math.pow(base, -2.0 * band / rotatedDims); }

    /** The two dimensions that band i turns together. */
    public int[] pair(int band) {
        return pairing == RopePairing.INTERLEAVED ? new int[]{2 * band, 2 * band + 1}
                : new int[]{band, band + rotatedDims / 2};
    }

    /** A copy of v (one head's vector) rotated to position pos. */
    public float[] rotate(float[] v, int pos) {
        float[] out = v.clone();
        for (int b = 0; b < bands(); b++) {
            int[] p = pair(b);
            double a = pos * theta(b), cos = Math.cos(a), sin = Math.sin(a);
            out[p[0]] = (float) (v[p[0]] * cos - v[p[1]] * sin);
            out[p[1]] = (float) (v[p[0]] * sin + v[p[1]] * cos);
        }
        return out;
    }

    public static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (double) a[i] * b[i];
        return s;
    }

    /**
     * q·k with q placed at position start+offset and k at position start, for offsets 0..maxOffset:
     * curves for different starts coincide, which is the point of RoPE.
     */
    public double[] dotByOffset(float[] q, float[] k, int start, int maxOffset) {
        double[] out = new double[maxOffset + 1];
        float[] kr = rotate(k, start);
        for (int off = 0; off <= maxOffset; off++) out[off] = dot(rotate(q, start + off), kr);
        return out;
    }
}
