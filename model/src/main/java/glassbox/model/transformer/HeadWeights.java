package glassbox.model.transformer;

import glassbox.model.config.ModelConfig;
import glassbox.model.tensor.FloatTensor;
import glassbox.model.trace.Matrix;

/**
 * One attention head's share of W_Q, W_K or W_V (and the layer's W_O), as the head multiplies by it: d × d_head, so the head's
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
        return transposedRows(t, firstRow, dh, d);
    }

    /**
     * The layer's W_O as the concatenated heads multiply by it: d × d, so concat (T × d) times this matrix, plus
     * {@link #outputBias}, is the attention output. Head h's share is rows h·d_head … (h+1)·d_head − 1.
     */
    public static Matrix output(ModelConfig c, LayerWeights w) { return transposedRows(w.wo(), 0, c.dim(), c.dim()); }

    /** W_O's bias (d values), or null when the model has none. */
    public static float[] outputBias(ModelConfig c, LayerWeights w) {
        if (w.bo() == null) return null;
        float[] out = new float[c.dim()];
        w.bo().copyTo(0, out, 0, out.length);
        return out;
    }

    /** Rows [first, first + n) of a [out][in] tensor with {@code in} columns, as an in × n matrix (a fresh copy). */
    private static Matrix transposedRows(FloatTensor t, int first, int n, int in) {
        float[] rows = new float[n * in];
        for (int j = 0; j < n; j++) t.copyTo((long) (first + j) * in, rows, j * in, in);   // decodes whole blocks
        float[] out = new float[in * n];
        for (int j = 0; j < n; j++) for (int i = 0; i < in; i++) out[i * n + j] = rows[j * in + i];
        return new Matrix(in, n, out);
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
