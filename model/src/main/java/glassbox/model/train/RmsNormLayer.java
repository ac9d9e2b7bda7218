package glassbox.model.train;

/** RMSNorm (Llama): y = x/sqrt(mean(x²) + eps)·γ, per row of width d. */
final class RmsNormLayer {
    static final float EPS = 1e-5f;

    private RmsNormLayer() {}

    static void forward(float[] y, float[] rstd, float[] x, float[] p, int gOff, int T, int d) {
        for (int t = 0; t < T; t++) {
            int r = t * d;
            double ss = 0;
            for (int i = 0; i < d; i++) ss += (double) x[r + i] * x[r + i];
            float s = (float) (1.0 / Math.sqrt(ss / d + EPS));
            for (int i = 0; i < d; i++) y[r + i] = x[r + i] * s * p[gOff + i];
            rstd[t] = s;
        }
    }

    /** dx accumulates; dγ accumulates into g. */
    static void backward(float[] dx, float[] g, float[] dy, float[] x, float[] rstd, float[] p, int gOff, int T, int d) {
        for (int t = 0; t < T; t++) {
            int r = t * d;
            float s = rstd[t];
            double dot = 0;
            for (int i = 0; i < d; i++) dot += (double) dy[r + i] * p[gOff + i] * x[r + i];
            float c = (float) (dot / d) * s * s;
            for (int i = 0; i < d; i++) {
                g[gOff + i] += dy[r + i] * x[r + i] * s;
                dx[r + i] += s * (dy[r + i] * p[gOff + i] - x[r + i] * c);
            }
        }
    }
}
