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
 * @param logits             T×vocab scores for the next token at every position
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
}
