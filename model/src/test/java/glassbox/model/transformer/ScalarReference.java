package glassbox.model.transformer;

import glassbox.model.config.Activation;
import glassbox.model.config.ModelConfig;
import glassbox.model.config.NormKind;
import glassbox.model.config.PositionScheme;
import glassbox.model.config.RopePairing;
import glassbox.model.tensor.FloatTensor;

/**
 * A plain double-precision forward pass written from the equations, sharing no code with the engine:
 * full-sequence attention with an explicit mask, no cache, no vectors, no blocking.
 */
final class ScalarReference {
    private ScalarReference() {}

    /** T×vocab logits. */
    static double[][] logits(ModelConfig c, ModelWeights w, int[] tokens) {
        int T = tokens.length, d = c.dim(), hd = c.headDim(), kvDim = c.kvDim();
        double[][] x = new double[T][d];
        for (int t = 0; t < T; t++) {
            for (int i = 0; i < d; i++) {
                x[t][i] = w.tokenEmbedding().getFloat((long) tokens[t] * d + i);
                if (c.positions() == PositionScheme.LEARNED) x[t][i] += w.positionEmbedding().getFloat((long) t * d + i);
                if (c.positions() == PositionScheme.SINUSOIDAL) {
                    int pair = i - i % 2;
                    double angle = t / Math.pow(10000, (double) pair / d);
                    x[t][i] += i % 2 == 0 ? Math.sin(angle) : Math.cos(angle);
                }
            }
        }
        for (LayerWeights l : w.layers()) {
            double[][] xn = norm(c, x, l.attnNorm(), l.attnNormBias());
            double[][] q = linear(xn, l.wq(), l.bq(), d), k = linear(xn, l.wk(), l.bk(), kvDim), v = linear(xn, l.wv(), l.bv(), kvDim);
            if (c.positions() == PositionScheme.ROPE) {
                for (int t = 0; t < T; t++) {
                    for (int h = 0; h < c.heads(); h++) rope(c, q[t], h * hd, t);
                    for (int h = 0; h < c.kvHeads(); h++) rope(c, k[t], h * hd, t);
                }
            }
            double[][] concat = new double[T][d];
            for (int h = 0; h < c.heads(); h++) {
                int g = h / (c.heads() / c.kvHeads());      // GQA: query head h reads K/V head h / groupSize
                for (int t = 0; t < T; t++) {
                    double[] s = new double[T];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int u = 0; u < T; u++) {
                        if (u > t) { s[u] = Double.NEGATIVE_INFINITY; continue; }
                        double dot = 0;
                        for (int i = 0; i < hd; i++) dot += q[t][h * hd + i] * k[u][g * hd + i];
                        s[u] = dot / Math.sqrt(hd);
                        max = Math.max(max, s[u]);
                    }
                    double sum = 0;
                    for (int u = 0; u < T; u++) { s[u] = Math.exp(s[u] - max); sum += s[u]; }
                    for (int u = 0; u < T; u++) for (int i = 0; i < hd; i++) concat[t][h * hd + i] += s[u] / sum * v[u][g * hd + i];
                }
            }
            add(x, linear(concat, l.wo(), l.bo(), d));
            xn = norm(c, x, l.mlpNorm(), l.mlpNormBias());
            double[][] up = linear(xn, l.wUp(), l.bUp(), c.hiddenDim());
            if (l.wGate() != null) {
                double[][] gate = linear(xn, l.wGate(), null, c.hiddenDim());
                for (int t = 0; t < T; t++) for (int i = 0; i < up[t].length; i++) up[t][i] *= gate[t][i] / (1 + Math.exp(-gate[t][i]));
            } else {
                for (double[] row : up) for (int i = 0; i < row.length; i++) {
                    double z = row[i];
                    row[i] = c.activation() == Activation.GELU ? 0.5 * z * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (z + 0.044715 * z * z * z))) : Math.max(0, z);
                }
            }
            add(x, linear(up, l.wDown(), l.bDown(), d));
        }
        return linear(norm(c, x, w.finalNorm(), w.finalNormBias()), w.output(), null, c.vocabSize());
    }

    private static void rope(ModelConfig c, double[] v, int off, int pos) {
        int n = c.ropeDims(), half = n / 2;
        for (int i = 0; i < half; i++) {
            double theta = Math.pow(c.ropeTheta(), -2.0 * i / n), a = pos * theta;
            int p = c.ropePairing() == RopePairing.INTERLEAVED ? off + 2 * i : off + i;
            int r = c.ropePairing() == RopePairing.INTERLEAVED ? p + 1 : p + half;
            double x0 = v[p], x1 = v[r];
            v[p] = x0 * Math.cos(a) - x1 * Math.sin(a);
            v[r] = x0 * Math.sin(a) + x1 * Math.cos(a);
        }
    }

    private static double[][] norm(ModelConfig c, double[][] x, FloatTensor g, FloatTensor b) {
        double[][] out = new double[x.length][];
        for (int t = 0; t < x.length; t++) {
            int n = x[t].length;
            double mean = 0, ms = 0;
            for (double v : x[t]) { mean += v / n; ms += v * v / n; }
            out[t] = new double[n];
            for (int i = 0; i < n; i++) {
                double y = c.norm() == NormKind.RMS_NORM ? x[t][i] / Math.sqrt(ms + c.normEps())
                        : (x[t][i] - mean) / Math.sqrt(ms - mean * mean + c.normEps());
                out[t][i] = y * g.getFloat(i) + (b == null ? 0 : b.getFloat(i));
            }
        }
        return out;
    }

    private static double[][] linear(double[][] x, FloatTensor w, FloatTensor b, int rows) {
        int cols = x[0].length;
        double[][] out = new double[x.length][rows];
        for (int t = 0; t < x.length; t++) {
            for (int r = 0; r < rows; r++) {
                double s = b == null ? 0 : b.getFloat(r);
                for (int i = 0; i < cols; i++) s += w.getFloat((long) r * cols + i) * x[t][i];
                out[t][r] = s;
            }
        }
        return out;
    }

    private static void add(double[][] x, double[][] y) {
        for (int t = 0; t < x.length; t++) for (int i = 0; i < x[t].length; i++) x[t][i] += y[t][i];
    }
}
