package glassbox.model.train;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each layer's backward against central finite differences of L = Σ r·y (r fixed and random), plus
 * each forward against a plain scalar reference where the layer does more than elementwise math.
 */
class LayerGradientTest {
    final Random rnd = new Random(7);

    float[] randn(int n, double std) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) (rnd.nextGaussian() * std);
        return a;
    }

    static double weighted(float[] y, float[] r) {
        double s = 0;
        for (int i = 0; i < r.length; i++) s += (double) y[i] * r[i];
        return s;
    }

    /** Checks analytic[i] against (L(x+h) − L(x−h))/2h for every element of x. */
    static void compare(String what, float[] x, float[] analytic, Supplier<Double> loss) {
        float h = 1e-2f;
        for (int i = 0; i < x.length; i++) {
            float keep = x[i];
            x[i] = keep + h; double up = loss.get();
            x[i] = keep - h; double down = loss.get();
            x[i] = keep;
            double numeric = (up - down) / (2 * h);
            assertEquals(numeric, analytic[i], 2e-3 + 1e-2 * Math.abs(numeric), what + "[" + i + "]");
        }
    }

    @Test void linearMatchesScalarReferenceAndFiniteDifferences() {
        int T = 5, in = 7, out = 6;  // odd sizes exercise the 4-row blocks and their tails
        float[] x = randn(T * in, 1), p = randn(out * in + out, 1), r = randn(T * out, 1);
        int b = out * in;
        float[] y = new float[T * out];
        LinearLayer.forward(y, 0, x, 0, p, 0, b, T, in, out);
        for (int t = 0; t < T; t++)
            for (int o = 0; o < out; o++) {
                double s = p[b + o];
                for (int i = 0; i < in; i++) s += (double) p[o * in + i] * x[t * in + i];
                assertEquals(s, y[t * out + o], 1e-4);
            }
        float[] dx = new float[T * in], g = new float[p.length];
        LinearLayer.backward(dx, 0, g, r, 0, x, 0, p, 0, b, T, in, out);
        Supplier<Double> L = () -> { float[] z = new float[T * out]; LinearLayer.forward(z, 0, x, 0, p, 0, b, T, in, out); return weighted(z, r); };
        compare("dx", x, dx, L);
        compare("dW,db", p, g, L);
    }

    @Test void layerNormGradients() {
        int T = 3, d = 6;
        float[] x = randn(T * d, 1), p = randn(2 * d, 1), r = randn(T * d, 1);
        float[] y = new float[T * d], mean = new float[T], rstd = new float[T];
        LayerNormLayer.forward(y, mean, rstd, x, p, 0, d, T, d);
        // reference: row 0 normalised by hand
        double m = 0, v = 0;
        for (int i = 0; i < d; i++) m += x[i];
        m /= d;
        for (int i = 0; i < d; i++) v += (x[i] - m) * (x[i] - m);
        v /= d;
        assertEquals((x[2] - m) / Math.sqrt(v + 1e-5) * p[2] + p[d + 2], y[2], 1e-5);
        float[] dx = new float[T * d], g = new float[2 * d];
        LayerNormLayer.backward(dx, g, r, x, mean, rstd, p, 0, d, T, d);
        Supplier<Double> L = () -> { float[] z = new float[T * d]; LayerNormLayer.forward(z, new float[T], new float[T], x, p, 0, d, T, d); return weighted(z, r); };
        compare("dx", x, dx, L);
        compare("dγ,dβ", p, g, L);
    }

    @Test void rmsNormGradients() {
        int T = 3, d = 6;
        float[] x = randn(T * d, 1), p = randn(d, 1), r = randn(T * d, 1);
        float[] y = new float[T * d], rstd = new float[T];
        RmsNormLayer.forward(y, rstd, x, p, 0, T, d);
        double ss = 0;
        for (int i = 0; i < d; i++) ss += x[i] * x[i];
        assertEquals(x[1] / Math.sqrt(ss / d + 1e-5) * p[1], y[1], 1e-5);
        float[] dx = new float[T * d], g = new float[d];
        RmsNormLayer.backward(dx, g, r, x, rstd, p, 0, T, d);
        Supplier<Double> L = () -> { float[] z = new float[T * d]; RmsNormLayer.forward(z, new float[T], x, p, 0, T, d); return weighted(z, r); };
        compare("dx", x, dx, L);
        compare("dγ", p, g, L);
    }

    @Test void geluAndSwiGluGradients() {
        int n = 20;
        float[] x = randn(n, 2), r = randn(n, 1), y = new float[n], dx = new float[n];
        GeluLayer.forward(y, x, n);
        assertEquals(0.8411920f, geluAt(1f), 1e-5); // GELU-tanh(1) = 0.841192
        GeluLayer.backward(dx, r, x, n);
        compare("gelu", x, dx, () -> { float[] z = new float[n]; GeluLayer.forward(z, x, n); return weighted(z, r); });

        float[] gate = randn(n, 2), up = randn(n, 1), dg = new float[n], du = new float[n];
        SwiGluLayer.backward(dg, du, r, gate, up, n);
        Supplier<Double> L = () -> { float[] z = new float[n]; SwiGluLayer.forward(z, gate, up, n); return weighted(z, r); };
        compare("gate", gate, dg, L);
        compare("up", up, du, L);
    }

    static float geluAt(float v) { float[] y = new float[1]; GeluLayer.forward(y, new float[]{v}, 1); return y[0]; }

    @Test void ropeRotatesInterleavedPairsAndItsGradientIsTheInverse() {
        int T = 4, heads = 2, hd = 4;
        float[][] cs = RopeLayer.tables(T, hd);
        float[] x = randn(T * heads * hd, 1), orig = x.clone();
        RopeLayer.rotate(x, cs, T, heads, hd, 1f);
        // position 3, head 1, pair 1 (elements 2,3): angle 3·10000^(−2/4)
        double a = 3 * Math.pow(10000, -0.5);
        int b = 3 * heads * hd + hd + 2;
        assertEquals(orig[b] * Math.cos(a) - orig[b + 1] * Math.sin(a), x[b], 1e-5);
        assertEquals(orig[b] * Math.sin(a) + orig[b + 1] * Math.cos(a), x[b + 1], 1e-5);
        float[] r = randn(x.length, 1), dx = r.clone();
        RopeLayer.rotate(dx, cs, T, heads, hd, -1f);
        compare("rope", orig, dx, () -> { float[] z = orig.clone(); RopeLayer.rotate(z, cs, T, heads, hd, 1f); return weighted(z, r); });
    }

    @Test void groupedQueryAttentionMatchesReferenceAndGradients() {
        int T = 5, H = 4, KV = 2, hd = 3, w = H * hd, kvw = KV * hd;
        float[] q = randn(T * w, 1), k = randn(T * kvw, 1), v = randn(T * kvw, 1), r = randn(T * w, 1);
        float[] out = new float[T * w], att = new float[H * T * T];
        AttentionLayer.forward(out, att, q, 0, w, k, 0, kvw, v, 0, kvw, T, H, KV, hd);
        // reference for head 3 (kv head 1) at position 2
        int h = 3, g = 1, t = 2;
        double[] s = new double[t + 1];
        double max = -1e30, sum = 0;
        for (int j = 0; j <= t; j++) {
            for (int i = 0; i < hd; i++) s[j] += q[t * w + h * hd + i] * k[j * kvw + g * hd + i];
            s[j] /= Math.sqrt(hd);
            max = Math.max(max, s[j]);
        }
        for (int j = 0; j <= t; j++) { s[j] = Math.exp(s[j] - max); sum += s[j]; }
        for (int i = 0; i < hd; i++) {
            double o = 0;
            for (int j = 0; j <= t; j++) o += s[j] / sum * v[j * kvw + g * hd + i];
            assertEquals(o, out[t * w + h * hd + i], 1e-5);
        }
        assertEquals(0f, att[(h * T + t) * T + t + 1]); // causal: nothing on the future
        float[] dq = new float[q.length], dk = new float[k.length], dv = new float[v.length];
        AttentionLayer.backward(dq, dk, dv, r, att, q, 0, w, k, 0, kvw, v, 0, kvw, T, H, KV, hd, new float[T]);
        Supplier<Double> L = () -> {
            float[] z = new float[T * w];
            AttentionLayer.forward(z, new float[H * T * T], q, 0, w, k, 0, kvw, v, 0, kvw, T, H, KV, hd);
            return weighted(z, r);
        };
        compare("dq", q, dq, L);
        compare("dk", k, dk, L);
        compare("dv", v, dv, L);
    }

    @Test void crossEntropyGradient() {
        int T = 3, V = 5;
        float[] logits = randn(T * V, 2);
        int[] targets = {9, 1, 4, 0}; // offset 1: targets 1, 4, 0
        double byHand = 0;
        for (int t = 0; t < T; t++) {
            double z = 0;
            for (int i = 0; i < V; i++) z += Math.exp(logits[t * V + i]);
            byHand += Math.log(z) - logits[t * V + targets[t + 1]];
        }
        float[] grad = logits.clone();
        assertEquals(byHand, CrossEntropyLayer.forwardBackward(grad, targets, 1, T, V, 1f), 1e-5);
        compare("logits", logits, grad, () -> CrossEntropyLayer.forwardBackward(logits.clone(), targets, 1, T, V, 0f));
        assertTrue(Math.abs(grad[0] + grad[1] + grad[2] + grad[3] + grad[4]) < 1e-5, "softmax gradient rows sum to zero");
    }
}
