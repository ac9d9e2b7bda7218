package glassbox.model.transformer;

import glassbox.model.trace.Matrix;

import java.util.Arrays;

/** The causal mask: a position may look at itself and earlier positions only. */
public final class CausalMask {
    private CausalMask() {}

    /** t×t: 0 on and below the diagonal, −∞ above (added to the scaled scores before softmax). */
    public static Matrix of(int t) {
        float[] m = new float[t * t];
        for (int r = 0; r < t; r++) Arrays.fill(m, r * t + r + 1, (r + 1) * t, Float.NEGATIVE_INFINITY);
        return new Matrix(t, t, m);
    }

    /** True when query position q may attend to key position k. */
    public static boolean allows(int q, int k) { return k <= q; }
}
