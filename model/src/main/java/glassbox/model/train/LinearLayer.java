package glassbox.model.train;

import java.util.Arrays;

/**
 * y = x·Wᵀ + b for T rows, W row-major [out][in]. Forward and backward side by side; every inner loop
 * is a dot or axpy over a contiguous row, four tokens at a time so each weight row is loaded once per four.
 */
final class LinearLayer {
    private LinearLayer() {}

    /** bOff < 0 means no bias. */
    static void forward(float[] y, int yo, float[] x, int xo, float[] p, int wOff, int bOff, int T, int in, int out) {
        float[] d4 = new float[4];
        int t = 0;
        for (; t + 4 <= T; t += 4) {
            int x0 = xo + t * in;
            for (int o = 0; o < out; o++) {
                Simd.dot4(p, wOff + o * in, x, x0, x0 + in, x0 + 2 * in, x0 + 3 * in, in, d4);
                float b = bOff >= 0 ? p[bOff + o] : 0f;
                for (int k = 0; k < 4; k++) y[yo + (t + k) * out + o] = d4[k] + b;
            }
        }
        for (; t < T; t++)
            for (int o = 0; o < out; o++)
                y[yo + t * out + o] = Simd.dot(p, wOff + o * in, x, xo + t * in, in) + (bOff >= 0 ? p[bOff + o] : 0f);
    }

    /** dx is overwritten (skipped when dx == null); dW and db accumulate into g. */
    static void backward(float[] dx, int dxo, float[] g, float[] dy, int dyo, float[] x, int xo, float[] p,
                         int wOff, int bOff, int T, int in, int out) {
        if (dx != null) {
            Arrays.fill(dx, dxo, dxo + T * in, 0f);
            for (int t = 0; t < T; t++) {
                int r = dyo + t * out, o = 0;
                for (; o + 4 <= out; o += 4) {
                    int w = wOff + o * in;
                    Simd.axpy4(dy[r + o], dy[r + o + 1], dy[r + o + 2], dy[r + o + 3], p, w, w + in, w + 2 * in, w + 3 * in,
                            dx, dxo + t * in, in);
                }
                for (; o < out; o++) Simd.axpy(dy[r + o], p, wOff + o * in, dx, dxo + t * in, in);
            }
        }
        for (int o = 0; o < out; o++) {
            int gw = wOff + o * in, t = 0;
            for (; t + 4 <= T; t += 4) {
                int x0 = xo + t * in;
                Simd.axpy4(dy[dyo + t * out + o], dy[dyo + (t + 1) * out + o], dy[dyo + (t + 2) * out + o], dy[dyo + (t + 3) * out + o],
                        x, x0, x0 + in, x0 + 2 * in, x0 + 3 * in, g, gw, in);
            }
            for (; t < T; t++) Simd.axpy(dy[dyo + t * out + o], x, xo + t * in, g, gw, in);
            if (bOff >= 0) {
                float s = 0;
                for (int u = 0; u < T; u++) s += dy[dyo + u * out + o];
                g[bOff + o] += s;
            }
        }
    }
}
