package glassbox.model.transformer;

import glassbox.model.trace.Matrix;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Softmax and the attention weights as the views recompute them. */
public final class AttentionMath {
    private AttentionMath() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

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

    /**
     * Softmax of x[off, off+n) in place, as llama2.c does it, a vector at a time (the attention of a small model spent
     * a third of its time in scalar exp). −∞ entries get probability 0.
     */
    public static void softmaxInPlace(float[] x, int off, int n) {
        if (n == 0) return;
        int end = off + n;
        var top = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        for (int i = off; i < end; i += S.length()) {
            var m = S.indexInRange(i, end);
            top = top.lanewise(VectorOperators.MAX, FloatVector.fromArray(S, x, i, m), m);
        }
        float max = top.reduceLanes(VectorOperators.MAX);
        if (max == Float.NEGATIVE_INFINITY) {     // everything masked: no information, spread evenly
            for (int i = off; i < end; i++) x[i] = 1f / n;
            return;
        }
        var sum = FloatVector.zero(S);
        for (int i = off; i < end; i += S.length()) {
            var m = S.indexInRange(i, end);
            var v = FloatVector.fromArray(S, x, i, m);
            var d = v.sub(max);   // below −87.3 the vector exp clamps (to 1e-38): flush those to 0, as −∞ must be
            var e = Activations.exp(d).blend(0f, d.lt(-87.3f));
            e.intoArray(x, i, m);
            sum = sum.add(e, m);
        }
        float inv = 1f / sum.reduceLanes(VectorOperators.ADD);
        for (int i = off; i < end; i += S.length()) {
            var m = S.indexInRange(i, end);
            FloatVector.fromArray(S, x, i, m).mul(inv).intoArray(x, i, m);
        }
    }

    /** Shannon entropy in bits of a probability vector (0·log 0 = 0). */
    public static double entropyBits(float[] p) {
        double h = 0;
        for (float v : p) if (v > 0) h -= v * (Math.log(v) / Math.log(2));
        return h;
    }
}
