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
    public enum Projection {
        QUERY, KEY, VALUE;

        FloatTensor weight(LayerWeights w) {
            return switch (this) {
                case QUERY -> w.wq();
                case KEY -> w.wk();
                case VALUE -> w.wv();
            };
        }

        FloatTensor bias(LayerWeights w) {
            return switch (this) {
                case QUERY -> w.bq();
                case KEY -> w.bk();
                case VALUE -> w.bv();
            };
        }
    }

    private HeadWeights() {}

    /** The d × d_head matrix of {@code head} in layer {@code w} (a fresh copy, decoded from any storage type). */
    public static Matrix of(ModelConfig c, LayerWeights w, int head, Projection p) {
        return transposedRows(p.weight(w), firstRow(c, head, p), c.headDim(), c.dim());
    }

    /** The head's slice of the projection's bias (d_head values), or null when the model has none. */
    public static float[] bias(ModelConfig c, LayerWeights w, int head, Projection p) {
        return values(p.bias(w), firstRow(c, head, p), c.headDim());
    }

    /**
     * The layer's W_O as the concatenated heads multiply by it: d × d, so concat (T × d) times this matrix, plus
     * {@link #outputBias}, is the attention output. Head h's share is rows h·d_head … (h+1)·d_head − 1.
     */
    public static Matrix output(ModelConfig c, LayerWeights w) { return transposedRows(w.wo(), 0, c.dim(), c.dim()); }

    /** W_O's bias (d values), or null when the model has none. */
    public static float[] outputBias(ModelConfig c, LayerWeights w) { return values(w.bo(), 0, c.dim()); }

    /** The first row of the head's share of the projection: a query head's own, a GQA K/V head's group's. */
    private static int firstRow(ModelConfig c, int head, Projection p) {
        if (head < 0 || head >= c.heads()) throw new IllegalArgumentException("head " + head + " of " + c.heads());
        return (p == Projection.QUERY ? head : head / c.groupSize()) * c.headDim();
    }

    /** Rows [first, first + n) of a [out][in] tensor with {@code in} columns, as an in × n matrix (a fresh copy). */
    private static Matrix transposedRows(FloatTensor t, int first, int n, int in) {
        float[] rows = values(t, (long) first * in, n * in);   // decodes whole blocks
        float[] out = new float[in * n];
        for (int j = 0; j < n; j++) for (int i = 0; i < in; i++) out[i * n + j] = rows[j * in + i];
        return new Matrix(in, n, out);
    }

    /** n values of a tensor from an offset (a copy), or null for an absent tensor. */
    private static float[] values(FloatTensor t, long from, int n) {
        if (t == null) return null;
        float[] out = new float[n];
        t.copyTo(from, out, 0, n);
        return out;
    }
}
