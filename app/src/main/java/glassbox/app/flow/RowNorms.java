package glassbox.app.flow;

import glassbox.model.trace.Matrix;

/** L2 norms of a matrix's rows: how big each token's vector is. */
public final class RowNorms {
    private RowNorms() {}

    public static double[] of(Matrix m) {
        double[] out = new double[m.rows()];
        for (int r = 0; r < m.rows(); r++) out[r] = norm(m.row(r));
        return out;
    }

    public static double norm(float[] v) {
        double s = 0;
        for (float x : v) s += (double) x * x;
        return Math.sqrt(s);
    }
}
