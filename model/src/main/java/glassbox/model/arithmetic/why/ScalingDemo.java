package glassbox.model.arithmetic.why;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Why divide by √d_k: for q, k with independent unit-variance entries, Var(q·k) = d_k, so raw
 * scores grow like √d_k and the softmax saturates (entropy → 0); dividing by √d_k keeps Var = 1.
 */
public final class ScalingDemo {
    private ScalingDemo() {}

    /** One dimension: measured variance of q·k, mean softmax entropy over {@code keys} keys without and with scaling. */
    public record Row(int d, double variance, double entropyRaw, double entropyScaled, double maxWeightRaw, double maxWeightScaled) {}

    /** @param histogramRaw / histogramScaled counts of q·k (raw, /√d) for the largest d, in bins over [-range, range] */
    public record Result(List<Row> rows, int keys, double maxEntropy, double[] histogramRaw, double[] histogramScaled, double range) {}

    public static Result run(long seed) { return run(seed, new int[] {4, 16, 64, 256, 1024}, 32, 4000); }

    public static Result run(long seed, int[] dims, int keys, int samples) {
        var rng = new Random(seed);
        var rows = new ArrayList<Row>();
        int bins = 40;
        double range = 4 * Math.sqrt(dims[dims.length - 1]);
        var hRaw = new double[bins];
        var hScaled = new double[bins];
        for (int di = 0; di < dims.length; di++) {
            int d = dims[di];
            double sum = 0, sq = 0;
            for (int s = 0; s < samples; s++) {
                double x = dot(rng, d);
                sum += x; sq += x * x;
                if (di == dims.length - 1) {
                    bin(hRaw, x, range);
                    bin(hScaled, x / Math.sqrt(d), range);
                }
            }
            double mean = sum / samples, var = sq / samples - mean * mean;
            int queries = 200;
            double eRaw = 0, eScaled = 0, mRaw = 0, mScaled = 0;
            for (int q = 0; q < queries; q++) {
                double[] qv = gauss(rng, d);
                var raw = new double[1][keys];
                for (int k = 0; k < keys; k++) raw[0][k] = Lin.dot(qv, gauss(rng, d));
                double[] pr = Lin.softmaxRows(raw, false)[0];
                double[] ps = Lin.softmaxRows(Lin.scale(raw, 1 / Math.sqrt(d)), false)[0];
                eRaw += Lin.entropy(pr); eScaled += Lin.entropy(ps);
                mRaw += max(pr); mScaled += max(ps);
            }
            rows.add(new Row(d, var, eRaw / queries, eScaled / queries, mRaw / queries, mScaled / queries));
        }
        return new Result(List.copyOf(rows), keys, Math.log(keys), hRaw, hScaled, range);
    }

    private static double dot(Random r, int d) { double s = 0; for (int i = 0; i < d; i++) s += r.nextGaussian() * r.nextGaussian(); return s; }

    private static double[] gauss(Random r, int d) { var v = new double[d]; for (int i = 0; i < d; i++) v[i] = r.nextGaussian(); return v; }

    private static double max(double[] p) { double m = 0; for (double v : p) m = Math.max(m, v); return m; }

    private static void bin(double[] h, double x, double range) {
        int b = (int) Math.floor((x + range) / (2 * range) * h.length);
        if (b >= 0 && b < h.length) h[b]++;
    }
}
