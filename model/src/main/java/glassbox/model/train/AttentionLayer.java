package glassbox.model.train;

import java.util.Arrays;

/**
 * Causal multi-head attention with grouped KV heads. q, k, v are read from rows with their own
 * stride and offset (so GPT-2's fused qkv needs no copy); probabilities are kept for backward and for
 * measuring heads.
 */
final class AttentionLayer {
    private AttentionLayer() {}

    /** att: [heads][T][T] softmax weights (upper triangle zero); out: [T][heads·hd]. */
    static void forward(float[] out, float[] att, float[] q, int qo, int qs, float[] k, int ko, int ks,
                        float[] v, int vo, int vs, int T, int heads, int kvHeads, int hd) {
        float scale = (float) (1.0 / Math.sqrt(hd));
        int group = heads / kvHeads, w = heads * hd;
        Arrays.fill(out, 0, T * w, 0f);
        for (int h = 0; h < heads; h++) {
            int g = h / group;
            for (int t = 0; t < T; t++) {
                int a = (h * T + t) * T, qr = qo + t * qs + h * hd;
                float max = Float.NEGATIVE_INFINITY;
                for (int j = 0; j <= t; j++) {
                    float s = Simd.dot(q, qr, k, ko + j * ks + g * hd, hd) * scale;
                    att[a + j] = s;
                    if (s > max) max = s;
                }
                float sum = 0;
                for (int j = 0; j <= t; j++) { float e = (float) Math.exp(att[a + j] - max); att[a + j] = e; sum += e; }
                float inv = 1f / sum;
                for (int j = 0; j <= t; j++) {
                    att[a + j] *= inv;
                    Simd.axpy(att[a + j], v, vo + j * vs + g * hd, out, t * w + h * hd, hd);
                }
                Arrays.fill(att, a + t + 1, a + T, 0f);
            }
        }
    }

    /** dq, dk, dv are accumulated (caller zeroes them); dAtt is scratch of length T. */
    static void backward(float[] dq, float[] dk, float[] dv, float[] dOut, float[] att,
                         float[] q, int qo, int qs, float[] k, int ko, int ks, float[] v, int vo, int vs,
                         int T, int heads, int kvHeads, int hd, float[] dAtt) {
        float scale = (float) (1.0 / Math.sqrt(hd));
        int group = heads / kvHeads, w = heads * hd;
        for (int h = 0; h < heads; h++) {
            int g = h / group;
            for (int t = 0; t < T; t++) {
                int a = (h * T + t) * T, dr = t * w + h * hd, qr = qo + t * qs + h * hd;
                float dot = 0;
                for (int j = 0; j <= t; j++) {
                    float dp = Simd.dot(dOut, dr, v, vo + j * vs + g * hd, hd);
                    dAtt[j] = dp;
                    dot += dp * att[a + j];
                    Simd.axpy(att[a + j], dOut, dr, dv, vo + j * vs + g * hd, hd);
                }
                for (int j = 0; j <= t; j++) {
                    float ds = att[a + j] * (dAtt[j] - dot) * scale;
                    if (ds == 0f) continue;
                    Simd.axpy(ds, k, ko + j * ks + g * hd, dq, qr, hd);
                    Simd.axpy(ds, q, qr, dk, ko + j * ks + g * hd, hd);
                }
            }
        }
    }
}
