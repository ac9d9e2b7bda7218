package glassbox.model.train;

/** GELU, tanh form as GPT-2: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))). */
final class GeluLayer {
    private static final float K = (float) Math.sqrt(2.0 / Math.PI);

    private GeluLayer() {}

    static void forward(float[] y, float[] x, int n) {
        for (int i = 0; i < n; i++) {
            float v = x[i];
            y[i] = 0.5f * v * (1f + (float) Math.tanh(K * (v + 0.044715f * v * v * v)));
        }
    }

    /** dx is overwritten. */
    static void backward(float[] dx, float[] dy, float[] x, int n) {
        for (int i = 0; i < n; i++) {
            float v = x[i];
            float th = (float) Math.tanh(K * (v + 0.044715f * v * v * v));
            float sech2 = 1f - th * th;
            float d = 0.5f * (1f + th) + 0.5f * v * sech2 * K * (1f + 3f * 0.044715f * v * v);
            dx[i] = dy[i] * d;
        }
    }
}
