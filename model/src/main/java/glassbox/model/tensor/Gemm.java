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

    /** Rows per block of the broadcast kernel: two vectors of output rows. */
    private static final int BLOCK_ROWS = 2 * S.length();

    /** The transposed weight blocks of the broadcast kernel, one buffer per thread: matmul's tiles of 16+ rows fit TILE_FLOATS. */
    private static final ThreadLocal<float[]> PACKED = ThreadLocal.withInitial(() -> new float[Kernels.TILE_FLOATS]);

    /** out[t·outStride + r0 + i] = Σ_c w[i·cols + c] · x[t·cols + c] for i &lt; nr, t &lt; tokens. */
    static void tile(float[] w, int nr, float[] x, int tokens, int cols, float[] out, int outStride, int r0) {
        int blocked = tokens >= 4 ? nr / BLOCK_ROWS * BLOCK_ROWS : 0;
        float[] packed = PACKED.get();
        if (blocked > 0 && blocked * cols <= packed.length) broadcastRows(packed, w, blocked, x, tokens, cols, out, outStride, r0);
        else blocked = 0;
        dotRows(w, blocked, nr, x, tokens, cols, out, outStride, r0);
    }

    /**
     * Rows [0, nr) (a multiple of BLOCK_ROWS) in outer-product form: the block's weights are transposed so that
     * one column c of 16 rows is two vector loads, each token's x[c] is broadcast, and the 16 outputs of a token
     * are two vector stores — no horizontal sums, which dominate the dot form when rows are short (d = 128).
     */
    private static void broadcastRows(float[] p, float[] w, int nr, float[] x, int tokens, int cols, float[] out, int outStride, int r0) {
        final int L = S.length(), R = BLOCK_ROWS;
        for (int b = 0; b < nr / R; b++) { // p[(b·cols + c)·R + j] = w[(b·R + j)·cols + c]
            int pb = b * cols * R, wb = b * R * cols;
            for (int j = 0; j < R; j++) {
                int wr = wb + j * cols;
                for (int c = 0; c < cols; c++) p[pb + c * R + j] = w[wr + c];
            }
        }
        for (int b = 0; b < nr / R; b++) {
            int pb = b * cols * R, o = r0 + b * R;
            int t = 0;
            for (; t + 4 <= tokens; t += 4) {
                FloatVector a0 = FloatVector.zero(S), b0 = a0, a1 = a0, b1 = a0, a2 = a0, b2 = a0, a3 = a0, b3 = a0;
                int x0 = t * cols, x1 = x0 + cols, x2 = x1 + cols, x3 = x2 + cols;
                for (int c = 0; c < cols; c++) {
                    FloatVector lo = FloatVector.fromArray(S, p, pb + c * R), hi = FloatVector.fromArray(S, p, pb + c * R + L);
                    FloatVector v = FloatVector.broadcast(S, x[x0 + c]);
                    a0 = lo.fma(v, a0); b0 = hi.fma(v, b0);
                    v = FloatVector.broadcast(S, x[x1 + c]);
                    a1 = lo.fma(v, a1); b1 = hi.fma(v, b1);
                    v = FloatVector.broadcast(S, x[x2 + c]);
                    a2 = lo.fma(v, a2); b2 = hi.fma(v, b2);
                    v = FloatVector.broadcast(S, x[x3 + c]);
                    a3 = lo.fma(v, a3); b3 = hi.fma(v, b3);
                }
                int q = t * outStride + o;
                a0.intoArray(out, q); b0.intoArray(out, q + L); q += outStride;
                a1.intoArray(out, q); b1.intoArray(out, q + L); q += outStride;
                a2.intoArray(out, q); b2.intoArray(out, q + L); q += outStride;
                a3.intoArray(out, q); b3.intoArray(out, q + L);
            }
            for (; t < tokens; t++) {
                FloatVector a0 = FloatVector.zero(S), b0 = a0;
                int x0 = t * cols;
                for (int c = 0; c < cols; c++) {
                    FloatVector v = FloatVector.broadcast(S, x[x0 + c]);
                    a0 = FloatVector.fromArray(S, p, pb + c * R).fma(v, a0);
                    b0 = FloatVector.fromArray(S, p, pb + c * R + L).fma(v, b0);
                }
                a0.intoArray(out, t * outStride + o);
                b0.intoArray(out, t * outStride + o + L);
            }
        }
    }

    /** Rows [from, nr) in dot form: four rows × two tokens per pass. */
    private static void dotRows(float[] w, int from, int nr, float[] x, int tokens, int cols, float[] out, int outStride, int r0) {
        if (from >= nr) return;
        int block = Math.max(2, Math.min(tokens, TOKEN_BLOCK_FLOATS / Math.max(1, cols)) & ~1);
        for (int tb = 0; tb < tokens; tb += block) {
            int te = Math.min(tokens, tb + block);
            int i = from;
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
