package glassbox.model.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register kernel of the blocked matmul: a tile of weight rows, already unpacked to floats (so every
 * storage type shares it), against every token: six (or four) weight rows × two vectors of tokens (over the
 * activations transposed once per matmul) per pass, twelve (eight) accumulators in AVX2's sixteen registers; dot
 * form for the last rows and for prompts under MIN_BROADCAST_TOKENS. The six- and four-row kernels are unrolled
 * copies on purpose: accumulators in an array would leave the registers.
 */
final class Gemm {
    private Gemm() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    /** Floats of token rows kept hot in L2 while the row groups of one tile pass over them. */
    private static final int TOKEN_BLOCK_FLOATS = 32 * 1024;

    /** Below this many tokens the dot form wins (a vector of tokens would be mostly padding). */
    static final int MIN_BROADCAST_TOKENS = 4;

    /** Tokens per block of the transposed activations: two vectors. */
    private static final int TB = 2 * S.length();

    /** Tokens padded to whole blocks. */
    static int paddedTokens(int tokens) { return (tokens + TB - 1) / TB * TB; }

    /**
     * The activations transposed in blocks of TB tokens, xt[(b·cols + c)·TB + j] = x[(b·TB + j)·cols + c] (zero past the
     * last token): once per matmul, shared by every tile; each block is one sequential stream for the kernel. The
     * array is the calling thread's scratch, valid until its next transpose.
     */
    static float[] transpose(float[] x, int tokens, int cols) {
        int padded = paddedTokens(tokens);
        float[] xt = Scratch.floats(Scratch.TRANSPOSED, cols * padded);   // this thread's, reused by its next product
        for (int t = 0; t < padded; t++) {
            int base = t / TB * cols * TB + t % TB;
            if (t < tokens) for (int c = 0; c < cols; c++) xt[base + c * TB] = x[t * cols + c];
            else for (int c = 0; c < cols; c++) xt[base + c * TB] = 0;
        }
        return xt;
    }

    /** out[t·outStride + r0 + i] = Σ_c w[i·cols + c] · x[t·cols + c] for i &lt; nr, t &lt; tokens; xt is x transposed, or null. */
    static void tile(float[] w, int nr, float[] x, float[] xt, int tokens, int cols, float[] out, int outStride, int r0) {
        int blocked = xt != null ? nr & ~3 : 0;
        if (blocked > 0) broadcastWeights(w, blocked, xt, tokens, cols, out, outStride, r0);
        dotRows(w, blocked, nr, x, tokens, cols, out, outStride, r0);
    }

    /**
     * Rows [0, nr) (a multiple of 4) in outer-product form over the transposed activations: four rows' weights
     * w[r][c] are broadcast, two vectors of tokens' x[c] are loaded, so 2 loads + 4 broadcasts feed 8 FMAs with no
     * horizontal sum and no repacking of the weights. Token blocks outside, rows inside: a block stays in L1.
     */
    private static void broadcastWeights(float[] w, int nr, float[] xt, int tokens, int cols, float[] out, int outStride, int r0) {
        final int L = S.length();
        float[] lanes = new float[TB];
        for (int t = 0; t < tokens; t += TB) {
            int xb = t / TB * cols * TB;
            int i = 0, six = nr / 12 * 12; // an even number of six-row groups leaves a multiple of 4 rows
            for (; i < six; i += 6) rows6(w, i, xt, xb, t, tokens, cols, out, outStride, r0, lanes);
            for (; i < nr; i += 4) {
                int w0 = i * cols, w1 = w0 + cols, w2 = w1 + cols, w3 = w2 + cols;
                FloatVector a0 = FloatVector.zero(S), b0 = a0, a1 = a0, b1 = a0, a2 = a0, b2 = a0, a3 = a0, b3 = a0;
                for (int c = 0, xc = xb; c < cols; c++, xc += TB) {
                    FloatVector lo = FloatVector.fromArray(S, xt, xc), hi = FloatVector.fromArray(S, xt, xc + L);
                    FloatVector v = FloatVector.broadcast(S, w[w0 + c]);
                    a0 = lo.fma(v, a0); b0 = hi.fma(v, b0);
                    v = FloatVector.broadcast(S, w[w1 + c]);
                    a1 = lo.fma(v, a1); b1 = hi.fma(v, b1);
                    v = FloatVector.broadcast(S, w[w2 + c]);
                    a2 = lo.fma(v, a2); b2 = hi.fma(v, b2);
                    v = FloatVector.broadcast(S, w[w3 + c]);
                    a3 = lo.fma(v, a3); b3 = hi.fma(v, b3);
                }
                scatter(a0, b0, lanes, t, tokens, out, outStride, r0 + i);
                scatter(a1, b1, lanes, t, tokens, out, outStride, r0 + i + 1);
                scatter(a2, b2, lanes, t, tokens, out, outStride, r0 + i + 2);
                scatter(a3, b3, lanes, t, tokens, out, outStride, r0 + i + 3);
            }
        }
    }

    /** Six rows × TB tokens: 2 loads + 6 broadcasts feed 12 FMAs; twelve accumulators hide the FMA latency. */
    private static void rows6(float[] w, int i, float[] xt, int xb, int t, int tokens, int cols, float[] out, int outStride, int r0, float[] lanes) {
        final int L = S.length();
        int w0 = i * cols, w1 = w0 + cols, w2 = w1 + cols, w3 = w2 + cols, w4 = w3 + cols, w5 = w4 + cols;
        FloatVector a0 = FloatVector.zero(S), b0 = a0, a1 = a0, b1 = a0, a2 = a0, b2 = a0, a3 = a0, b3 = a0, a4 = a0, b4 = a0, a5 = a0, b5 = a0;
        for (int c = 0, xc = xb; c < cols; c++, xc += TB) {
            FloatVector lo = FloatVector.fromArray(S, xt, xc), hi = FloatVector.fromArray(S, xt, xc + L);
            FloatVector v = FloatVector.broadcast(S, w[w0 + c]);
            a0 = lo.fma(v, a0); b0 = hi.fma(v, b0);
            v = FloatVector.broadcast(S, w[w1 + c]);
            a1 = lo.fma(v, a1); b1 = hi.fma(v, b1);
            v = FloatVector.broadcast(S, w[w2 + c]);
            a2 = lo.fma(v, a2); b2 = hi.fma(v, b2);
            v = FloatVector.broadcast(S, w[w3 + c]);
            a3 = lo.fma(v, a3); b3 = hi.fma(v, b3);
            v = FloatVector.broadcast(S, w[w4 + c]);
            a4 = lo.fma(v, a4); b4 = hi.fma(v, b4);
            v = FloatVector.broadcast(S, w[w5 + c]);
            a5 = lo.fma(v, a5); b5 = hi.fma(v, b5);
        }
        scatter(a0, b0, lanes, t, tokens, out, outStride, r0 + i);
        scatter(a1, b1, lanes, t, tokens, out, outStride, r0 + i + 1);
        scatter(a2, b2, lanes, t, tokens, out, outStride, r0 + i + 2);
        scatter(a3, b3, lanes, t, tokens, out, outStride, r0 + i + 3);
        scatter(a4, b4, lanes, t, tokens, out, outStride, r0 + i + 4);
        scatter(a5, b5, lanes, t, tokens, out, outStride, r0 + i + 5);
    }

    /** One output row's values for tokens t … t+2L (those below tokens) into out's token-major layout. */
    private static void scatter(FloatVector lo, FloatVector hi, float[] lanes, int t, int tokens, float[] out, int outStride, int col) {
        final int L = S.length();
        lo.intoArray(lanes, 0);
        hi.intoArray(lanes, L);
        int n = Math.min(TB, tokens - t);
        for (int j = 0, q = t * outStride + col; j < n; j++, q += outStride) out[q] = lanes[j];
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
