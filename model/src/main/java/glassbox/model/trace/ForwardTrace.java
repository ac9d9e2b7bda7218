package glassbox.model.trace;

import glassbox.model.config.ModelConfig;

import java.util.List;

/**
 * Every intermediate of one forward pass over a prompt, as immutable records the views draw.
 *
 * @param tokens             the T token ids fed to the model (BOS included when the model uses one)
 * @param tokenEmbeddings    T×d rows of the token-embedding table
 * @param positionEmbeddings T×d learned or sinusoidal rows added to them, or null for RoPE models
 * @param embedded           T×d what enters layer 0 (token + position)
 * @param layers             one trace per block
 * @param finalNormed        T×d the last residual stream after the final norm
 * @param logits             T×vocab scores for the next token at every position, or 1×vocab for the last position
 *                           only when the whole table would be large (see {@link #logitsAt})
 */
public record ForwardTrace(ModelConfig config, int[] tokens, Matrix tokenEmbeddings, Matrix positionEmbeddings,
                           Matrix embedded, List<LayerTrace> layers, Matrix finalNormed, Matrix logits) {
    public ForwardTrace {
        tokens = tokens.clone();
        layers = List.copyOf(layers);
    }

    @Override public int[] tokens() { return tokens.clone(); }

    public int length() { return tokens.length; }

    /** The logits for the token after the last prompt position. */
    public float[] lastLogits() { return logits.row(logits.rows() - 1); }

    /** Whether the logits of every position were kept (else only the last position's). */
    public boolean hasAllLogits() { return logits.rows() == tokens.length; }

    /**
     * The scores for the token after position p, or null when this trace kept only the last position's (the
     * rest are final-norm + classifier of the last layer's output row p, computed on demand by whoever needs them).
     */
    public float[] logitsAt(int p) {
        if (p < 0 || p >= tokens.length) throw new IndexOutOfBoundsException("position " + p + " of " + tokens.length);
        if (hasAllLogits()) return logits.row(p);
        return p == tokens.length - 1 ? lastLogits() : null;
    }
}
