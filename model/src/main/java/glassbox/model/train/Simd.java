package glassbox.model.train;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** The trainer's inner loops: dot products and axpy over contiguous float rows, with FMA lanes. */
final class Simd {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();

    private Simd() {}

    static float dot(float[] a, int ao, float[] b, int bo, int n) {
        int i = 0;
        var acc = FloatVector.zero(S);
        for (int bound = S.loopBound(n); i < bound; i += L)
            acc = FloatVector.fromArray(S, a, ao + i).fma(FloatVector.fromArray(S, b, bo + i), acc);
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) s += a[ao + i] * b[bo + i];
        return s;
    }

    /** y[yo..] += alpha * x[xo..] */
    static void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        var va = FloatVector.broadcast(S, alpha);
        for (int bound = S.loopBound(n); i < bound; i += L)
            FloatVector.fromArray(S, x, xo + i).fma(va, FloatVector.fromArray(S, y, yo + i)).intoArray(y, yo + i);
        for (; i < n; i++) y[yo + i] += alpha * x[xo + i];
    }

    /** Four dots of one row w against four rows x0..x3 (shares the loads of w). */
    static void dot4(float[] w, int wo, float[] x, int x0, int x1, int x2, int x3, int n, float[] out) {
        int i = 0;
        var a0 = FloatVector.zero(S); var a1 = a0; var a2 = a0; var a3 = a0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            var vw = FloatVector.fromArray(S, w, wo + i);
            a0 = vw.fma(FloatVector.fromArray(S, x, x0 + i), a0);
            a1 = vw.fma(FloatVector.fromArray(S, x, x1 + i), a1);
            a2 = vw.fma(FloatVector.fromArray(S, x, x2 + i), a2);
            a3 = vw.fma(FloatVector.fromArray(S, x, x3 + i), a3);
        }
        float s0 = a0.reduceLanes(VectorOperators.ADD), s1 = a1.reduceLanes(VectorOperators.ADD);
        float s2 = a2.reduceLanes(VectorOperators.ADD), s3 = a3.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            float v = w[wo + i];
            s0 += v * x[x0 + i]; s1 += v * x[x1 + i]; s2 += v * x[x2 + i]; s3 += v * x[x3 + i];
        }
        out[0] = s0; out[1] = s1; out[2] = s2; out[3] = s3;
    }

    /** y += a0*x[x0..] + a1*x[x1..] + a2*x[x2..] + a3*x[x3..] */
    static void axpy4(float a0, float a1, float a2, float a3, float[] x, int x0, int x1, int x2, int x3,
                      float[] y, int yo, int n) {
        int i = 0;
        var v0 = FloatVector.broadcast(S, a0); var v1 = FloatVector.broadcast(S, a1);
        var v2 = FloatVector.broadcast(S, a2); var v3 = FloatVector.broadcast(S, a3);
        for (int bound = S.loopBound(n); i < bound; i += L) {
            var acc = FloatVector.fromArray(S, y, yo + i);
            acc = FloatVector.fromArray(S, x, x0 + i).fma(v0, acc);
            acc = FloatVector.fromArray(S, x, x1 + i).fma(v1, acc);
            acc = FloatVector.fromArray(S, x, x2 + i).fma(v2, acc);
            acc = FloatVector.fromArray(S, x, x3 + i).fma(v3, acc);
            acc.intoArray(y, yo + i);
        }
        for (; i < n; i++) y[yo + i] += a0 * x[x0 + i] + a1 * x[x1 + i] + a2 * x[x2 + i] + a3 * x[x3 + i];
    }
}
