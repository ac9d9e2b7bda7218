package glassbox.model.train;

/**
 * Rotary positions, llama.cpp "normal" mode: within each head, pairs (0,1), (2,3)… rotate by
 * pos·θ^(−2i/headDim). Backward is the inverse rotation of the gradient.
 */
final class RopeLayer {
    static final double THETA = 10000.0;

    private RopeLayer() {}

    /** cos/sin tables [T][headDim/2]. */
    static float[][] tables(int T, int headDim) {
        int half = headDim / 2;
        float[] c = new float[T * half], s = new float[T * half];
        for (int t = 0; t < T; t++)
            for (int i = 0; i < half; i++) {
                double a = t * Math.pow(THETA, -2.0 * i / headDim);
                c[t * half + i] = (float) Math.cos(a);
                s[t * half + i] = (float) Math.sin(a);
            }
        return new float[][]{c, s};
    }

    /** Rotates x [T][heads·headDim] in place; sign = +1 forward, −1 for the gradient. */
    static void rotate(float[] x, float[][] cs, int T, int heads, int headDim, float sign) {
        int half = headDim / 2, w = heads * headDim;
        float[] c = cs[0], s = cs[1];
        for (int t = 0; t < T; t++)
            for (int h = 0; h < heads; h++) {
                int b = t * w + h * headDim;
                for (int i = 0; i < half; i++) {
                    float co = c[t * half + i], si = sign * s[t * half + i];
                    float x0 = x[b + 2 * i], x1 = x[b + 2 * i + 1];
                    x[b + 2 * i] = x0 * co - x1 * si;
                    x[b + 2 * i + 1] = x0 * si + x1 * co;
                }
            }
    }
}
