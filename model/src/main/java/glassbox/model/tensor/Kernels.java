package glassbox.model.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Vectorised float[] kernels the forward pass uses outside the weight matrices (attention, norms). */
public final class Kernels {
    private Kernels() {}

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Floats that comfortably fit in a per-core L2 slice, for blocking. */
    static final int L2_FLOATS = 64 * 1024;
    /** Floats of one unpacked weight tile in the blocked matmul (64 KB: stays in L2 beside the tokens). */
    static final int TILE_FLOATS = 16 * 1024;

    /** Σ a[ao+i]·b[bo+i], i &lt; n. */
    public static float dot(float[] a, int ao, float[] b, int bo, int n) {
        int i = 0;
        float sum = 0f;
        if (n >= S.length()) {
            var acc = FloatVector.zero(S);
            int upper = S.loopBound(n);
            for (; i < upper; i += S.length()) {
                acc = FloatVector.fromArray(S, a, ao + i).fma(FloatVector.fromArray(S, b, bo + i), acc);
            }
            sum = acc.reduceLanes(VectorOperators.ADD);
        }
        for (; i < n; i++) sum += a[ao + i] * b[bo + i];
        return sum;
    }

    /** y[yo+i] += alpha·x[xo+i], i &lt; n. */
    public static void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        int upper = S.loopBound(n);
        var va = FloatVector.broadcast(S, alpha);
        for (; i < upper; i += S.length()) {
            FloatVector.fromArray(S, x, xo + i).fma(va, FloatVector.fromArray(S, y, yo + i)).intoArray(y, yo + i);
        }
        for (; i < n; i++) y[yo + i] += alpha * x[xo + i];
    }

    /** y[yo+i] += x[xo+i], i &lt; n. */
    public static void add(float[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        int upper = S.loopBound(n);
        for (; i < upper; i += S.length()) {
            FloatVector.fromArray(S, x, xo + i).add(FloatVector.fromArray(S, y, yo + i)).intoArray(y, yo + i);
        }
        for (; i < n; i++) y[yo + i] += x[xo + i];
    }
}
