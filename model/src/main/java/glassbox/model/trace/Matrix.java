package glassbox.model.trace;

import java.util.Arrays;

/**
 * A rows × cols block of floats, row-major, never mutated after construction: the unit every view draws.
 * It may be a window into a larger array (a trace keeps all its matrices in a few large ones, see {@link #view});
 * readers go through {@link #get}, {@link #at}, {@link #row} or {@link #toArray}, never the storage itself.
 */
public final class Matrix {
    private final int rows, cols, offset;
    private final float[] data;

    /** A matrix over a whole array, which the caller hands over and never touches again (nothing is copied). */
    public Matrix(int rows, int cols, float[] data) {
        this(rows, cols, data, 0);
        if (data.length != (long) rows * cols) {
            throw new IllegalArgumentException("matrix " + rows + "x" + cols + " with " + data.length + " values");
        }
    }

    private Matrix(int rows, int cols, float[] data, int offset) {
        if (rows < 0 || cols < 0 || offset < 0 || offset + (long) rows * cols > data.length) {
            throw new IllegalArgumentException("matrix " + rows + "x" + cols + " at " + offset + " in " + data.length + " values");
        }
        this.rows = rows;
        this.cols = cols;
        this.data = data;
        this.offset = offset;
    }

    /** A matrix over rows·cols floats of storage from offset on; the caller never writes them again. */
    public static Matrix view(float[] storage, int offset, int rows, int cols) { return new Matrix(rows, cols, storage, offset); }

    public int rows() { return rows; }

    public int cols() { return cols; }

    /** rows · cols. */
    public int size() { return rows * cols; }

    public float get(int r, int c) { return data[offset + r * cols + c]; }

    /** The i-th value in row-major order. */
    public float at(int i) { return data[offset + i]; }

    /** A copy of row r. */
    public float[] row(int r) { return Arrays.copyOfRange(data, offset + r * cols, offset + (r + 1) * cols); }

    /** sums[c] += this[r][c] for every column c: a plain loop over the storage, which the JIT vectorises. */
    public void addRowTo(int r, float[] sums) {
        if (sums.length < cols || r < 0 || r >= rows) throw new IndexOutOfBoundsException("row " + r + " into " + sums.length + " sums");
        for (int c = 0, base = offset + r * cols; c < cols; c++) sums[c] += data[base + c];
    }

    /** A copy of all values, row-major. */
    public float[] toArray() { return Arrays.copyOfRange(data, offset, offset + rows * cols); }

    /** Copies the given row arrays (all of one length) into a new matrix. */
    public static Matrix ofRows(float[][] rows) {
        int r = rows.length, c = r == 0 ? 0 : rows[0].length;
        float[] d = new float[r * c];
        for (int i = 0; i < r; i++) System.arraycopy(rows[i], 0, d, i * c, c);
        return new Matrix(r, c, d);
    }

    /** The smallest value (NaNs skipped). */
    public float min() { float m = Float.POSITIVE_INFINITY; for (int i = 0; i < size(); i++) if (at(i) < m) m = at(i); return m; }

    /** The largest value (NaNs skipped). */
    public float max() { float m = Float.NEGATIVE_INFINITY; for (int i = 0; i < size(); i++) if (at(i) > m) m = at(i); return m; }

    public String shape() { return rows + "×" + cols; }

    @Override public boolean equals(Object o) {
        return o instanceof Matrix m && m.rows == rows && m.cols == cols
                && Arrays.equals(m.data, m.offset, m.offset + m.size(), data, offset, offset + size());
    }

    @Override public int hashCode() {
        int h = 31 * rows + cols;
        for (int i = 0; i < size(); i++) h = 31 * h + Float.floatToIntBits(at(i));
        return h;
    }

    @Override public String toString() { return "Matrix[" + shape() + "]"; }
}
