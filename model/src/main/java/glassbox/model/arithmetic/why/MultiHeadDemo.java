package glassbox.model.arithmetic.why;

import java.util.Random;

/**
 * Why multi-head: splitting d into h heads costs the same parameters (4·d²) and FLOPs, but each
 * query gets h different attention distributions instead of one average.
 */
public final class MultiHeadDemo {
    private MultiHeadDemo() {}

    /**
     * @param patterns          [head][query][key] attention weights
     * @param meanPairwiseTv    mean total-variation distance between two heads' rows (0 = identical heads)
     * @param entropies         mean row entropy per head
     */
    public record Result(int d, int heads, long paramsOneHead, long paramsMultiHead, double[][][] patterns,
                         double meanPairwiseTv, double[] entropies) {}

    public static Result run(long seed) { return run(seed, 10, 64, 4); }

    public static Result run(long seed, int n, int d, int h) {
        var rng = new Random(seed);
        var x = Lin.gaussian(rng, n, d, 1);
        int dk = d / h;
        var patterns = new double[h][][];
        var entropies = new double[h];
        for (int head = 0; head < h; head++) {
            var q = Lin.mul(x, Lin.gaussian(rng, d, dk, 1 / Math.sqrt(d)));
            var k = Lin.mul(x, Lin.gaussian(rng, d, dk, 1 / Math.sqrt(d)));
            patterns[head] = Lin.softmaxRows(Lin.scale(Lin.mul(q, Lin.transpose(k)), 2 / Math.sqrt(dk)), true);
            double e = 0;
            for (var row : patterns[head]) e += Lin.entropy(row);
            entropies[head] = e / n;
        }
        double tv = 0;
        int pairs = 0;
        for (int a = 0; a < h; a++) for (int b = a + 1; b < h; b++) for (int i = 1; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) s += Math.abs(patterns[a][i][j] - patterns[b][i][j]);
            tv += s / 2; pairs++;
        }
        long dd = (long) d * d;
        // one head of width d: W_Q, W_K, W_V d×d and W_O d×d; h heads of width d/h: h·3·d·(d/h) + d·d — the same
        return new Result(d, h, 4 * dd, (long) h * 3 * d * dk + dd, patterns, pairs == 0 ? 0 : tv / pairs, entropies);
    }
}
