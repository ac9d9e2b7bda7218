package glassbox.model.arithmetic.why;

import java.util.Random;

/**
 * Why decoder-only: a causal attention matrix is lower-triangular with a positive diagonal, so
 * its determinant is the product of the diagonal and it has full rank n. A bidirectional
 * softmax of low-rank scores QKᵀ (d_head ≪ n) is numerically low-rank. Same scores, two masks.
 */
public final class RankDemo {
    private RankDemo() {}

    public record Result(int n, int headDim, double tolerance, int scoreRank, int bidirectionalRank, int causalRank,
                         double[] singularBidirectional, double[] singularCausal, double[][] bidirectional, double[][] causal) {}

    public static Result run(long seed) { return run(seed, 16, 2, 1e-6); }

    public static Result run(long seed, int n, int headDim, double tol) {
        var rng = new Random(seed);
        var q = Lin.gaussian(rng, n, headDim, 0.5);
        var k = Lin.gaussian(rng, n, headDim, 0.5);
        var s = Lin.scale(Lin.mul(q, Lin.transpose(k)), 1 / Math.sqrt(headDim));
        var bi = Lin.softmaxRows(s, false);
        var causal = Lin.softmaxRows(s, true);
        var svS = Lin.singularValues(s);
        var svB = Lin.singularValues(bi);
        var svC = Lin.singularValues(causal);
        return new Result(n, headDim, tol, Lin.rank(svS, tol), Lin.rank(svB, tol), Lin.rank(svC, tol), svB, svC, bi, causal);
    }

    /** Rank of any attention matrix (e.g. a real head from a trace), with the same tolerance rule. */
    public static int rank(double[][] attention, double tol) { return Lin.rank(Lin.singularValues(attention), tol); }
}
