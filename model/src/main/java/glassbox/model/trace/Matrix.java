package glassbox.model.trace;

import java.util.Arrays;

/**
 * A rows × cols block of floats, row-major, never mutated after construction: the unit every view draws.
 * The constructor copies nothing; builders hand over arrays they no longer touch.
 */
public record Matrix(int rows, int cols, float[] data) {

    public Matrix {
        if (rows < 0 || cols < 0 || (long) rows * cols != data.length) {
            throw new IllegalArgumentException("matrix " + rows + "x" + cols + " with " + data.length + " values");
        }
    }

    public float get(int r, int c) { return data[r * cols + c]; }

    /** A copy of row r. */
    public float[] row(int r) { return Arrays.copyOfRange(data, r * cols, (r + 1) * cols); }

    /** Copies the given row arrays (all of one length) into a new matrix. */
    public static Matrix ofRows(float[][] rows) {
        int r = rows.length, c = r == 0 ? 0 : rows[0].length;
        float[] d = new float[r * c];
        for (int i = 0; i < r; i++) System.arraycopy(rows[i], 0, d, i * c, c);
        return new Matrix(r, c, d);
    }

    public float min() { float m = Float.POSITIVE_INFINITY; for (float v : data) if (v < m) m = v; return m; }

    public float max() { float m = Float.NEGATIVE_INFINITY; for (float v : data) if (v > m) m = v; return m; }

    public String shape() { return rows + "×" + cols; }

    @Override public boolean equals(Object o) {
        return o instanceof Matrix m && m.rows == rows && m.cols == cols && Arrays.equals(m.data, data);
    }

    @Override public int hashCode() { return 31 * (31 * rows + cols) + Arrays.hashCode(data); }

    @Override public String toString() { return "Matrix[" + shape() + "]"; }
}
