package glassbox.model.arithmetic.why;

import java.util.Random;

/**
 * Sinusoidal vs learned vs RoPE. For a fixed offset Δ = m − n, RoPE's score ⟨R_m q, R_n k⟩ is the
 * same at every absolute position (it depends on Δ only); adding sinusoidal or learned position
 * vectors to q and k does not have that property. The spread is max − min over positions.
 */
public final class PositionsDemo {
    private PositionsDemo() {}

    /** @param ropeByOffset RoPE score of the same q, k at offsets 0..ropeByOffset.length−1 */
    public record Result(int d, int[] offsets, double[] ropeSpread, double[] sinusoidalSpread, double[] learnedSpread,
                         double[] sinusoidalTableSpread, double[] ropeByOffset) {}

    public static Result run(long seed) { return run(seed, 64, new int[] {0, 1, 4, 16}, 200); }

    public static Result run(long seed, int d, int[] offsets, int positions) {
        var rng = new Random(seed);
        double[] q = new double[d], k = new double[d];
        for (int i = 0; i < d; i++) { q[i] = rng.nextGaussian(); k[i] = rng.nextGaussian(); }
        int maxPos = positions + offsets[offsets.length - 1] + 1;
        var learned = Lin.gaussian(rng, maxPos, d, 1);
        int o = offsets.length;
        double[] rope = new double[o], sin = new double[o], lrn = new double[o], table = new double[o];
        for (int a = 0; a < o; a++) {
            double[] r = minMax(), s = minMax(), l = minMax(), t = minMax();
            for (int n = 0; n < positions; n++) {
                int m = n + offsets[a];
                acc(r, Lin.dot(rope(q, m), rope(k, n)));
                acc(s, Lin.dot(add(q, sinusoidal(m, d)), add(k, sinusoidal(n, d))));
                acc(l, Lin.dot(add(q, learned[m]), add(k, learned[n])));
                acc(t, Lin.dot(sinusoidal(m, d), sinusoidal(n, d)));
            }
            rope[a] = r[1] - r[0]; sin[a] = s[1] - s[0]; lrn[a] = l[1] - l[0]; table[a] = t[1] - t[0];
        }
        var curve = new double[33];
        for (int delta = 0; delta < curve.length; delta++) curve[delta] = Lin.dot(rope(q, delta), rope(k, 0));
        return new Result(d, offsets.clone(), rope, sin, lrn, table, curve);
    }

    /** Rotates pairs (2i, 2i+1) by pos · 10000^(−2i/d). */
    public static double[] rope(double[] v, int pos) {
        var out = new double[v.length];
        for (int i = 0; i + 1 < v.length; i += 2) {
            double theta = pos * Math.pow(10000, -(double) i / v.length);
            double c = Math.cos(theta), s = Math.sin(theta);
            out[i] = v[i] * c - v[i + 1] * s;
            out[i + 1] = v[i] * s + v[i + 1] * c;
        }
        return out;
    }

    /** The original Transformer's table: sin on even, cos on odd dimensions. */
    public static double[] sinusoidal(int pos, int d) {
        var p = new double[d];
        for (int i = 0; i + 1 < d; i += 2) {
            double w = pos * Math.pow(10000, -(double) i / d);
            p[i] = Math.sin(w);
            p[i + 1] = Math.cos(w);
        }
        return p;
    }

    private static double[] add(double[] a, double[] b) { var c = a.clone(); for (int i = 0; i < c.length; i++) c[i] += b[i]; return c; }

    private static double[] minMax() { return new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}; }

    private static void acc(double[] mm, double v) { mm[0] = Math.min(mm[0], v); mm[1] = Math.max(mm[1], v); }
}
