package glassbox.model.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register kernel of the blocked matmul: a tile of weight rows, already unpacked to floats (so every
 * storage type shares it), against every token. Four rows × two tokens per pass: six loads feed eight FMAs,
 * eight accumulators fit AVX2's sixteen registers.
 */
final class Gemm {
    private Gemm() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    /** Floats of token rows kept hot in L2 while the row groups of one tile pass over them. */
    private static final int TOKEN_BLOCK_FLOATS = 32 * 1024;

    /** out[t·outStride + r0 + i] = Σ_c w[i·cols + c] · x[t·cols + c] for i &lt; nr, t &lt; tokens. */
    static void tile(float[] w, int nr, float[] x, int tokens, int cols, float[] out, int outStride, int r0) {
        int block = Math.max(2, Math.min(tokens, TOKEN_BLOCK_FLOATS / Math.max(1, cols)) & ~1);
        for (int tb = 0; tb < tokens; tb += block) {
            int te = Math.min(tokens, tb + block);
            int i = 0;
            for (; i + 4 <= nr; i += 4) {
                int t = tb;
                for (; t + 2 <= te; t += 2) rows4tokens2(w, i, x, t, cols, out, outStride, r0);
                for (; t < te; t++) {
                    for (int k = 0; k < 4; k++) out[t * outStride + r0 + i + k] = Kernels.dot(w, (i + k) * cols, x, t * cols, cols);
                }
            }
            for (; i < nr; i++) {
                for (int t = tb; t < te; t++) out[t * outStride + r0 + i] = Kernels.dot(w, i * cols, x, t * cols, cols);
            }
        }
    }

    private static void rows4tokens2(float[] w, int i, float[] x, int t, int cols, float[] out, int outStride, int r0) {
        int w0 = i * cols, w1 = w0 + cols, w2 = w1 + cols, w3 = w2 + cols, x0 = t * cols, x1 = x0 + cols;
        FloatVector s00 = FloatVector.zero(S), s10 = s00, s20 = s00, s30 = s00, s01 = s00, s11 = s00, s21 = s00, s31 = s00;
        int step = S.length(), upper = S.loopBound(cols), c = 0;
        for (; c < upper; c += step) {
            FloatVector xa = FloatVector.fromArray(S, x, x0 + c), xb = FloatVector.fromArray(S, x, x1 + c);
            FloatVector v = FloatVector.fromArray(S, w, w0 + c);
            s00 = v.fma(xa, s00); s01 = v.fma(xb, s01);
            v = FloatVector.fromArray(S, w, w1 + c);
            s10 = v.fma(xa, s10); s11 = v.fma(xb, s11);
            v = FloatVector.fromArray(S, w, w2 + c);
            s20 = v.fma(xa, s20); s21 = v.fma(xb, s21);
            v = FloatVector.fromArray(S, w, w3 + c);
            s30 = v.fma(xa, s30); s31 = v.fma(xb, s31);
        }
        float r00 = s00.reduceLanes(VectorOperators.ADD), r01 = s01.reduceLanes(VectorOperators.ADD);
        float r10 = s10.reduceLanes(VectorOperators.ADD), r11 = s11.reduceLanes(VectorOperators.ADD);
        float r20 = s20.reduceLanes(VectorOperators.ADD), r21 = s21.reduceLanes(VectorOperators.ADD);
        float r30 = s30.reduceLanes(VectorOperators.ADD), r31 = s31.reduceLanes(VectorOperators.ADD);
        for (; c < cols; c++) {
            float xa = x[x0 + c], xb = x[x1 + c];
            r00 += w[w0 + c] * xa; r01 += w[w0 + c] * xb;
            r10 += w[w1 + c] * xa; r11 += w[w1 + c] * xb;
            r20 += w[w2 + c] * xa; r21 += w[w2 + c] * xb;
            r30 += w[w3 + c] * xa; r31 += w[w3 + c] * xb;
        }
        int o0 = t * outStride + r0 + i, o1 = o0 + outStride;
        out[o0] = r00; out[o0 + 1] = r10; out[o0 + 2] = r20; out[o0 + 3] = r30;
        out[o1] = r01; out[o1 + 1] = r11; out[o1 + 2] = r21; out[o1 + 3] = r31;
    }
}
