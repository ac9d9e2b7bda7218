package glassbox.app.flow;

import glassbox.model.trace.Matrix;

/** The original Transformer's fixed position table: PE(pos, 2i) = sin(pos/10000^(2i/d)), PE(pos, 2i+1) = cos(…). */
public final class SinusoidalTable {
    private SinusoidalTable() {}

    public static Matrix of(int length, int d) {
        if (length < 0 || d <= 0) throw new IllegalArgumentException("length " + length + ", d " + d);
        float[] data = new float[length * d];
        for (int pos = 0; pos < length; pos++) {
            for (int j = 0; j < d; j++) {
                int pair = j / 2;
                double angle = pos / Math.pow(10000, 2.0 * pair / d);
                data[pos * d + j] = (float) (j % 2 == 0 ? Math.sin(angle) : Math.cos(angle));
            }
        }
        return new Matrix(length, d, data);
    }
}
