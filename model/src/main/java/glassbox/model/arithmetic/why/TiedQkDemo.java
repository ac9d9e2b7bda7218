package glassbox.model.arithmetic.why;

import java.util.Random;

/**
 * Why W_Q ≠ W_K: with one shared matrix W the scores S = (XW)(XW)ᵀ are symmetric (i→j equals
 * j→i) and S_ii = ‖x_i W‖² is each row's largest-ish entry, so tokens mostly attend to themselves.
 */
public final class TiedQkDemo {
    private TiedQkDemo() {}

    /**
     * @param asymmetryTied   ‖S − Sᵀ‖ / ‖S‖ for tied weights (0: symmetric)
     * @param diagonalWeightTied mean softmax weight a token puts on itself
     * @param diagonalArgmaxTied share of rows whose largest weight is on the diagonal
     */
    public record Result(int tokens, double asymmetryTied, double asymmetryUntied, double diagonalWeightTied,
                         double diagonalWeightUntied, double diagonalArgmaxTied, double diagonalArgmaxUntied,
                         double[][] attentionTied, double[][] attentionUntied) {}

    public static Result run(long seed) { return run(seed, 12, 64, 16); }

    public static Result run(long seed, int n, int d, int dk) {
        var rng = new Random(seed);
        var x = Lin.gaussian(rng, n, d, 1);
        var wq = Lin.gaussian(rng, d, dk, 1 / Math.sqrt(d));
        var wk = Lin.gaussian(rng, d, dk, 1 / Math.sqrt(d));
        double scale = 1 / Math.sqrt(dk);
        var q = Lin.mul(x, wq);
        var sTied = Lin.scale(Lin.mul(q, Lin.transpose(q)), scale);
        var sUntied = Lin.scale(Lin.mul(q, Lin.transpose(Lin.mul(x, wk))), scale);
        var aTied = Lin.softmaxRows(sTied, false);
        var aUntied = Lin.softmaxRows(sUntied, false);
        return new Result(n, asymmetry(sTied), asymmetry(sUntied), diag(aTied), diag(aUntied), argmaxDiag(aTied), argmaxDiag(aUntied), aTied, aUntied);
    }

    static double asymmetry(double[][] s) {
        double diff = 0;
        for (int i = 0; i < s.length; i++) for (int j = 0; j < s.length; j++) diff += Math.pow(s[i][j] - s[j][i], 2);
        return Math.sqrt(diff) / Lin.frobenius(s);
    }

    private static double diag(double[][] a) { double s = 0; for (int i = 0; i < a.length; i++) s += a[i][i]; return s / a.length; }

    private static double argmaxDiag(double[][] a) {
        int hits = 0;
        for (int i = 0; i < a.length; i++) {
            int best = 0;
            for (int j = 1; j < a[i].length; j++) if (a[i][j] > a[i][best]) best = j;
            if (best == i) hits++;
        }
        return hits / (double) a.length;
    }
}
