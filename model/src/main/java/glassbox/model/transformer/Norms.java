package glassbox.model.transformer;

/** The two normalisations, row by row over a T×dim block (in-place allowed: out may be x). */
public final class Norms {
    private Norms() {}

    /** RMSNorm as llama2.c computes it: x / √(mean(x²) + eps) · γ (float accumulation, same order). */
    public static void rmsNorm(float[] x, int xo, float[] out, int oo, float[] weight, float eps, int n) {
        float ss = 0f;
        for (int j = 0; j < n; j++) ss += x[xo + j] * x[xo + j];
        ss /= n;
        ss += eps;
        ss = (float) (1.0 / Math.sqrt(ss));
        for (int j = 0; j < n; j++) out[oo + j] = weight[j] * (ss * x[xo + j]);
    }

    /** LayerNorm: (x − mean) / √(var + eps) · γ + β (β may be null). */
    public static void layerNorm(float[] x, int xo, float[] out, int oo, float[] weight, float[] bias, float eps, int n) {
        double mean = 0;
        for (int j = 0; j < n; j++) mean += x[xo + j];
        mean /= n;
        double var = 0;
        for (int j = 0; j < n; j++) { double d = x[xo + j] - mean; var += d * d; }
        var /= n;
        float inv = (float) (1.0 / Math.sqrt(var + eps));
        float m = (float) mean;
        for (int j = 0; j < n; j++) {
            float v = (x[xo + j] - m) * inv * weight[j];
            out[oo + j] = bias == null ? v : v + bias[j];
        }
    }
}
