package glassbox.model.arithmetic.why;

import java.util.Random;

/**
 * LayerNorm vs BatchNorm, and pre-norm vs post-norm.
 * <ul>
 *   <li>LayerNorm normalises each token over its features, so a token's output does not depend
 *       on the other sequences in the batch; BatchNorm normalises each feature over the batch,
 *       so it does — and with a batch of one token it outputs all zeros.</li>
 *   <li>Pre-norm (x + F(LN(x))) keeps an identity path from input to output: the residual stream
 *       grows with depth and the gradient to the first layer stays ≥ about 1; post-norm
 *       (LN(x + F(x))) renormalises after every block, so the stream stays at √d and the
 *       gradient passes through every norm.</li>
 * </ul>
 */
public final class NormDemo {
    private NormDemo() {}

    /**
     * @param layerNormChange   max change of token 0's LayerNorm output when the rest of the batch changes (0)
     * @param batchNormChange   the same for BatchNorm (> 0)
     * @param batchNormSingle   max |output| of BatchNorm on a batch of one (0: everything erased)
     * @param depths            stack depths tried
     * @param preNormStream     ‖output‖ of a pre-norm stack at each depth
     * @param postNormStream    ‖output‖ of a post-norm stack at each depth
     * @param preNormGradient   ‖∂out/∂x · v‖ for a unit v, pre-norm
     * @param postNormGradient  the same, post-norm
     */
    public record Result(double layerNormChange, double batchNormChange, double batchNormSingle, int[] depths,
                         double[] preNormStream, double[] postNormStream, double[] preNormGradient, double[] postNormGradient) {}

    public static Result run(long seed) { return run(seed, 16, new int[] {1, 4, 16, 64}); }

    public static Result run(long seed, int d, int[] depths) {
        var rng = new Random(seed);
        var batch = Lin.gaussian(rng, 8, d, 1);
        var other = Lin.gaussian(rng, 8, d, 3);
        other[0] = batch[0].clone();
        double ln = maxDiff(layerNorm(batch[0]), layerNorm(other[0]));
        double bn = maxDiff(batchNorm(batch)[0], batchNorm(other)[0]);
        double single = 0;
        for (double v : batchNorm(new double[][] {batch[0]})[0]) single = Math.max(single, Math.abs(v));

        int maxDepth = depths[depths.length - 1];
        var w1 = new double[maxDepth][][];
        var w2 = new double[maxDepth][][];
        for (int l = 0; l < maxDepth; l++) { w1[l] = Lin.gaussian(rng, d, 4 * d, Math.sqrt(2.0 / d)); w2[l] = Lin.gaussian(rng, 4 * d, d, 1 / Math.sqrt(4.0 * d)); }
        var x = new double[d];
        var v = new double[d];
        for (int i = 0; i < d; i++) { x[i] = rng.nextGaussian(); v[i] = rng.nextGaussian(); }
        double vn = Math.sqrt(Lin.dot(v, v));
        for (int i = 0; i < d; i++) v[i] /= vn;
        int n = depths.length;
        double[] preS = new double[n], postS = new double[n], preG = new double[n], postG = new double[n];
        double eps = 1e-6;
        for (int a = 0; a < n; a++) {
            int depth = depths[a];
            var xe = x.clone();
            for (int i = 0; i < d; i++) xe[i] += eps * v[i];
            var pre = stack(x, w1, w2, depth, true);
            var post = stack(x, w1, w2, depth, false);
            preS[a] = norm(pre);
            postS[a] = norm(post);
            preG[a] = norm(sub(stack(xe, w1, w2, depth, true), pre)) / eps;
            postG[a] = norm(sub(stack(xe, w1, w2, depth, false), post)) / eps;
        }
        return new Result(ln, bn, single, depths.clone(), preS, postS, preG, postG);
    }

    static double[] layerNorm(double[] x) {
        double mean = 0, var = 0;
        for (double v : x) mean += v;
        mean /= x.length;
        for (double v : x) var += (v - mean) * (v - mean);
        var /= x.length;
        var out = new double[x.length];
        for (int i = 0; i < x.length; i++) out[i] = (x[i] - mean) / Math.sqrt(var + 1e-5);
        return out;
    }

    static double[][] batchNorm(double[][] b) {
        int n = b.length, d = b[0].length;
        var out = new double[n][d];
        for (int j = 0; j < d; j++) {
            double mean = 0, var = 0;
            for (double[] row : b) mean += row[j];
            mean /= n;
            for (double[] row : b) var += (row[j] - mean) * (row[j] - mean);
            var /= n;
            for (int i = 0; i < n; i++) out[i][j] = (b[i][j] - mean) / Math.sqrt(var + 1e-5);
        }
        return out;
    }

    private static double[] stack(double[] x, double[][][] w1, double[][][] w2, int depth, boolean pre) {
        var h = x.clone();
        for (int l = 0; l < depth; l++) {
            var f = mlp(pre ? layerNorm(h) : h, w1[l], w2[l]);
            for (int i = 0; i < h.length; i++) h[i] += f[i];
            if (!pre) h = layerNorm(h);
        }
        return h;
    }

    private static double[] mlp(double[] x, double[][] w1, double[][] w2) {
        var hidden = Lin.mul(new double[][] {x}, w1)[0];
        for (int i = 0; i < hidden.length; i++) hidden[i] = Math.max(0, hidden[i]);
        return Lin.mul(new double[][] {hidden}, w2)[0];
    }

    private static double norm(double[] v) { return Math.sqrt(Lin.dot(v, v)); }

    private static double[] sub(double[] a, double[] b) { var c = a.clone(); for (int i = 0; i < c.length; i++) c[i] -= b[i]; return c; }

    private static double maxDiff(double[] a, double[] b) { double m = 0; for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i])); return m; }
}
