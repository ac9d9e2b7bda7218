package glassbox.model.transformer;

import glassbox.model.config.ModelConfig;
import glassbox.model.tensor.FloatTensor;
import glassbox.model.trace.Matrix;

/**
 * One attention head's share of W_Q, W_K or W_V, as the head multiplies by it: d × d_head, so the head's
 * pre-RoPE Q (K, V) is the normed stream X (T × d) times this matrix, plus the bias slice. Weights are stored
 * [out][in], so the slice is the head's d_head rows, transposed; a GQA head reads its group's K/V rows.
 */
public final class HeadWeights {
    /** Which projection of the head. */
    public enum Projection { QUERY, KEY, VALUE }

    private HeadWeights() {}

    /** The d × d_head matrix of {@code head} in layer {@code w} (a fresh copy, decoded from any storage type). */
    public static Matrix of(ModelConfig c, LayerWeights w, int head, Projection p) {
        if (head < 0 || head >= c.heads()) throw new IllegalArgumentException("head " + head + " of " + c.heads());
        int d = c.dim(), dh = c.headDim();
        int firstRow = (p == Projection.QUERY ? head : head / c.groupSize()) * dh;
        FloatTensor t = switch (p) {
            case QUERY -> w.wq();
            case KEY -> w.wk();
            case VALUE -> w.wv();
        };
        float[] rows = new float[dh * d];
        for (int j = 0; j < dh; j++) t.copyTo((long) (firstRow + j) * d, rows, j * d, d);   // decodes whole blocks
        float[] out = new float[d * dh];
        for (int j = 0; j < dh; j++) for (int i = 0; i < d; i++) out[i * dh + j] = rows[j * d + i];
        return new Matrix(d, dh, out);
    }

    /** The head's slice of the projection's bias (d_head values), or null when the model has none. */
    public static float[] bias(ModelConfig c, LayerWeights w, int head, Projection p) {
        FloatTensor b = switch (p) {
            case QUERY -> w.bq();
            case KEY -> w.bk();
            case VALUE -> w.bv();
        };
        if (b == null) return null;
        int dh = c.headDim(), first = (p == Projection.QUERY ? head : head / c.groupSize()) * dh;
        float[] out = new float[dh];
        b.copyTo(first, out, 0, dh);
        return out;
    }
}
