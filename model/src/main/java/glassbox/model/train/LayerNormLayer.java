package glassbox.model.train;

/** LayerNorm with gain and bias (GPT-2): y = (x − mean)/sqrt(var + eps)·γ + β, per row of width d. */
final class LayerNormLayer {
    static final float EPS = 1e-5f;

    private LayerNormLayer() {}

    static void forward(float[] y, float[] mean, float[] rstd, float[] x, float[] p, int gOff, int bOff, int T, int d) {
        for (int t = 0; t < T; t++) {
            int r = t * d;
            double m = 0;
            for (int i = 0; i < d; i++) m += x[r + i];
            m /= d;
            double v = 0;
            for (int i = 0; i < d; i++) { double c = x[r + i] - m; v += c * c; }
            v /= d;
            float s = (float) (1.0 / Math.sqrt(v + EPS));
            for (int i = 0; i < d; i++) y[r + i] = (float) ((x[r + i] - m) * s) * p[gOff + i] + p[bOff + i];
            mean[t] = (float) m;
            rstd[t] = s;
        }
    }

    /** dx accumulates; dγ, dβ accumulate into g. */
    static void backward(float[] dx, float[] g, float[] dy, float[] x, float[] mean, float[] rstd, float[] p,
                         int gOff, int bOff, int T, int d) {
        for (int t = 0; t < T; t++) {
            int r = t * d;
            float m = mean[t], s = rstd[t];
            double sumDn = 0, sumDnN = 0;
            for (int i = 0; i < d; i++) {
                float n = (x[r + i] - m) * s, dn = dy[r + i] * p[gOff + i];
                sumDn += dn; sumDnN += dn * n;
            }
            float a = (float) (sumDn / d), b = (float) (sumDnN / d);
            for (int i = 0; i < d; i++) {
                float n = (x[r + i] - m) * s, dn = dy[r + i] * p[gOff + i];
                g[gOff + i] += dy[r + i] * n;
                g[bOff + i] += dy[r + i];
                dx[r + i] += s * (dn - a - n * b);
            }
        }
    }
}
