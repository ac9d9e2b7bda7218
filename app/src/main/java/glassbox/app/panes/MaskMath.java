package glassbox.app.panes;

import glassbox.model.trace.Matrix;

/** The small matrix sums the mask view shows beside the trace (S + M, the difference, row sums). */
final class MaskMath {
    private MaskMath() {}

    /** q·kᵀ for every (query, key) pair, future keys included (the trace may keep only the causal half). */
    static Matrix scores(Matrix q, Matrix k) {
        int t = q.rows(), n = k.rows(), d = q.cols();
        float[] out = new float[t * n], qd = q.toArray(), kd = k.toArray();
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < n; j++) {
                float s = 0;
                for (int e = 0; e < d; e++) s += qd[i * d + e] * kd[j * d + e];
                out[i * n + j] = s;
            }
        }
        return new Matrix(t, n, out);
    }

    static Matrix plus(Matrix a, Matrix b) {
        float[] d = a.toArray();
        for (int i = 0; i < d.length; i++) d[i] += b.at(i);
        return new Matrix(a.rows(), a.cols(), d);
    }

    static Matrix minus(Matrix a, Matrix b) {
        float[] d = a.toArray();
        for (int i = 0; i < d.length; i++) d[i] -= b.at(i);
        return new Matrix(a.rows(), a.cols(), d);
    }

    static Matrix rowSums(Matrix m) {
        float[] s = new float[m.rows()];
        for (int r = 0; r < m.rows(); r++) { double acc = 0; for (int c = 0; c < m.cols(); c++) acc += m.get(r, c); s[r] = (float) acc; }
        return new Matrix(m.rows(), 1, s);
    }
}
