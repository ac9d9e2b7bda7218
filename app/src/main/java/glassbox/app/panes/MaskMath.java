package glassbox.app.panes;

import glassbox.model.trace.Matrix;

/** The small matrix sums the mask view shows beside the trace (mask, S + M, row sums, the unmasked what-if). */
final class MaskMath {
    private MaskMath() {}

    /** 0 on and below the diagonal, −∞ above: token i may look at tokens 0..i only. */
    static Matrix causalMask(int t) {
        float[] d = new float[t * t];
        for (int i = 0; i < t; i++) for (int j = i + 1; j < t; j++) d[i * t + j] = Float.NEGATIVE_INFINITY;
        return new Matrix(t, t, d);
    }

    static Matrix plus(Matrix a, Matrix b) {
        float[] d = a.data().clone();
        for (int i = 0; i < d.length; i++) d[i] += b.data()[i];
        return new Matrix(a.rows(), a.cols(), d);
    }

    static Matrix minus(Matrix a, Matrix b) {
        float[] d = a.data().clone();
        for (int i = 0; i < d.length; i++) d[i] -= b.data()[i];
        return new Matrix(a.rows(), a.cols(), d);
    }

    static Matrix rowSums(Matrix m) {
        float[] s = new float[m.rows()];
        for (int r = 0; r < m.rows(); r++) { double acc = 0; for (int c = 0; c < m.cols(); c++) acc += m.get(r, c); s[r] = (float) acc; }
        return new Matrix(m.rows(), 1, s);
    }

    /** softmax(scale·raw (+ mask)) row by row, max-subtracted for stability. */
    static Matrix weights(Matrix raw, float scale, boolean causal) {
        int t = raw.rows(), n = raw.cols();
        float[] out = new float[t * n];
        for (int i = 0; i < t; i++) {
            int last = causal ? Math.min(i, n - 1) : n - 1;
            double max = Double.NEGATIVE_INFINITY, sum = 0;
            for (int j = 0; j <= last; j++) max = Math.max(max, raw.get(i, j) * scale);
            for (int j = 0; j <= last; j++) sum += Math.exp(raw.get(i, j) * scale - max);
            for (int j = 0; j <= last; j++) out[i * n + j] = (float) (Math.exp(raw.get(i, j) * scale - max) / sum);
        }
        return new Matrix(t, n, out);
    }
}
