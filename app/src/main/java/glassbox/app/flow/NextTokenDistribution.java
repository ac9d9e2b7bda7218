package glassbox.app.flow;

import java.util.Arrays;
import java.util.Random;

/** Logits to the probabilities the sampler draws from: temperature, then top-k, then top-p, renormalised. */
public final class NextTokenDistribution {
    private NextTokenDistribution() {}

    /** temperature 0 puts all mass on the arg-max; topK ≤ 0 and topP ≥ 1 switch those filters off. */
    public static float[] of(float[] logits, float temperature, int topK, float topP) {
        int n = logits.length;
        float[] p = new float[n];
        if (temperature <= 0) {
            p[argMax(logits)] = 1;
            return p;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) max = Math.max(max, l);
        double sum = 0;
        double[] e = new double[n];
        for (int i = 0; i < n; i++) { e[i] = Math.exp((logits[i] - max) / temperature); sum += e[i]; }
        Integer[] order = order(e);
        int keep = topK > 0 ? Math.min(topK, n) : n;
        if (topP < 1) { // smallest prefix whose mass reaches topP
            double acc = 0;
            for (int i = 0; i < keep; i++) {
                acc += e[order[i]] / sum;
                if (acc >= topP) { keep = i + 1; break; }
            }
        }
        double kept = 0;
        for (int i = 0; i < keep; i++) kept += e[order[i]];
        for (int i = 0; i < keep; i++) p[order[i]] = (float) (e[order[i]] / kept);
        return p;
    }

    /** Shannon entropy in bits. */
    public static double entropyBits(float[] p) {
        double h = 0;
        for (float x : p) if (x > 0) h -= x * (Math.log(x) / Math.log(2));
        return h;
    }

    /** Indices of the k largest values, largest first. */
    public static int[] top(float[] values, int k) {
        double[] v = new double[values.length];
        for (int i = 0; i < v.length; i++) v[i] = values[i];
        Integer[] o = order(v);
        int[] out = new int[Math.min(k, o.length)];
        for (int i = 0; i < out.length; i++) out[i] = o[i];
        return out;
    }

    /** Draws an index with probability p[i]. */
    public static int sample(float[] p, Random random) {
        double u = random.nextDouble(), acc = 0;
        int last = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] <= 0) continue;
            acc += p[i];
            last = i;
            if (u < acc) return i;
        }
        return last;
    }

    static int argMax(float[] x) {
        int best = 0;
        for (int i = 1; i < x.length; i++) if (x[i] > x[best]) best = i;
        return best;
    }

    private static Integer[] order(double[] v) {
        Integer[] o = new Integer[v.length];
        for (int i = 0; i < o.length; i++) o[i] = i;
        Arrays.sort(o, (a, b) -> Double.compare(v[b], v[a]));
        return o;
    }
}
