package glassbox.model.arithmetic.why;

import java.util.Arrays;
import java.util.Random;

/** The little linear algebra the demonstrations need, in plain loops (double precision). */
final class Lin {
    private Lin() {}

    static double[][] gaussian(Random r, int rows, int cols, double std) {
        var m = new double[rows][cols];
        for (var row : m) for (int j = 0; j < cols; j++) row[j] = r.nextGaussian() * std;
        return m;
    }

    static double[][] mul(double[][] a, double[][] b) {
        int n = a.length, k = b.length, m = b[0].length;
        var c = new double[n][m];
        for (int i = 0; i < n; i++) for (int p = 0; p < k; p++) { double v = a[i][p]; for (int j = 0; j < m; j++) c[i][j] += v * b[p][j]; }
        return c;
    }

    static double[][] transpose(double[][] a) {
        var t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) for (int j = 0; j < a[0].length; j++) t[j][i] = a[i][j];
        return t;
    }

    static double[][] scale(double[][] a, double s) {
        var c = new double[a.length][];
        for (int i = 0; i < a.length; i++) { c[i] = a[i].clone(); for (int j = 0; j < c[i].length; j++) c[i][j] *= s; }
        return c;
    }

    static double dot(double[] a, double[] b) { double s = 0; for (int i = 0; i < a.length; i++) s += a[i] * b[i]; return s; }

    /** Row-wise softmax; with causal=true row i only sees columns 0..i (the rest become exactly 0). */
    static double[][] softmaxRows(double[][] s, boolean causal) {
        var p = new double[s.length][];
        for (int i = 0; i < s.length; i++) {
            int last = causal ? i : s[i].length - 1;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j <= last; j++) max = Math.max(max, s[i][j]);
            p[i] = new double[s[i].length];
            double sum = 0;
            for (int j = 0; j <= last; j++) { p[i][j] = Math.exp(s[i][j] - max); sum += p[i][j]; }
            for (int j = 0; j <= last; j++) p[i][j] /= sum;
        }
        return p;
    }

    /** Entropy in nats of a probability row. */
    static double entropy(double[] p) {
        double h = 0;
        for (double v : p) if (v > 0) h -= v * Math.log(v);
        return h;
    }

    static double frobenius(double[][] a) { double s = 0; for (var r : a) for (double v : r) s += v * v; return Math.sqrt(s); }

    /** Singular values, largest first, by one-sided Jacobi (accurate for small ones too). */
    static double[] singularValues(double[][] a) {
        var u = transpose(a); // columns of a as rows of u
        int n = u.length;
        for (int sweep = 0; sweep < 60; sweep++) {
            double off = 0;
            for (int p = 0; p < n - 1; p++) for (int q = p + 1; q < n; q++) {
                double alpha = dot(u[p], u[p]), beta = dot(u[q], u[q]), gamma = dot(u[p], u[q]);
                if (gamma == 0 || Math.abs(gamma) <= 1e-15 * Math.sqrt(alpha * beta)) continue;
                off = Math.max(off, Math.abs(gamma) / Math.sqrt(alpha * beta));
                double zeta = (beta - alpha) / (2 * gamma);
                double t = Math.signum(zeta == 0 ? 1 : zeta) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
                double c = 1 / Math.sqrt(1 + t * t), s = c * t;
                for (int k = 0; k < u[p].length; k++) { double x = u[p][k], y = u[q][k]; u[p][k] = c * x - s * y; u[q][k] = s * x + c * y; }
            }
            if (off < 1e-15) break;
        }
        var sv = new double[n];
        for (int i = 0; i < n; i++) sv[i] = Math.sqrt(dot(u[i], u[i]));
        Arrays.sort(sv);
        for (int i = 0; i < n / 2; i++) { double t = sv[i]; sv[i] = sv[n - 1 - i]; sv[n - 1 - i] = t; }
        return sv;
    }

    /** Numerical rank: singular values above tol · σ_max. */
    static int rank(double[] singularValues, double tol) {
        int r = 0;
        for (double s : singularValues) if (s > tol * singularValues[0]) r++;
        return r;
    }
}
