package glassbox.model.transformer;

import glassbox.model.trace.Matrix;

/** Softmax and the attention weights as the views recompute them. */
public final class AttentionMath {
    private AttentionMath() {}

    /** softmax(scale·scores + mask) row by row; causal=false gives the bidirectional what-if. */
    public static Matrix weights(Matrix rawScores, float scale, boolean causal) {
        int t = rawScores.rows(), c = rawScores.cols();
        float[] out = new float[t * c];
        for (int r = 0; r < t; r++) {
            int len = causal ? Math.min(c, r + 1) : c;
            for (int j = 0; j < len; j++) out[r * c + j] = rawScores.get(r, j) * scale;
            softmaxInPlace(out, r * c, len);
        }
        return new Matrix(t, c, out);
    }

    /** A new array with the numerically stable softmax of x (max subtracted first; huge logits are fine). */
    public static float[] softmax(float[] x) {
        float[] p = x.clone();
        softmaxInPlace(p, 0, p.length);
        return p;
    }

    /** Softmax of x[off, off+n) in place, as llama2.c does it. −∞ entries get probability 0. */
    public static void softmaxInPlace(float[] x, int off, int n) {
        if (n == 0) return;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) if (x[off + i] > max) max = x[off + i];
        if (max == Float.NEGATIVE_INFINITY) {     // everything masked: no information, spread evenly
            for (int i = 0; i < n; i++) x[off + i] = 1f / n;
            return;
        }
        float sum = 0f;
        for (int i = 0; i < n; i++) {
            float e = (float) Math.exp(x[off + i] - max);
            x[off + i] = e;
            sum += e;
        }
        float inv = 1f / sum;
        for (int i = 0; i < n; i++) x[off + i] *= inv;
    }

    /** Shannon entropy in bits of a probability vector (0·log 0 = 0). */
    public static double entropyBits(float[] p) {
        double h = 0;
        for (float v : p) if (v > 0) h -= v * (Math.log(v) / Math.log(2));
        return h;
    }
}
