package glassbox.app.flow;

import glassbox.model.config.ModelConfig;
import glassbox.model.trace.ForwardTrace;
import glassbox.model.trace.Matrix;
import glassbox.model.transformer.Ablation;
import glassbox.model.transformer.HeadWeights;

/**
 * The few engine calls the flow panes make beyond reading a trace (logit lens, ablation, a second
 * prompt, incremental decoding); the app adapts its loaded model to it. Calls may be slow: the panes
 * make them off the JavaFX thread.
 */
public interface FlowModel {
    ModelConfig config();

    /** A token as labels write it (spaces as ␣, byte-level pieces decoded). */
    String piece(int id);

    /** The text a token adds after {@code previous}, for generated output. */
    String decode(int previous, int id);

    /** The text of a whole sequence (control tokens such as BOS print nothing). */
    default String decode(int[] ids) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ids.length; i++) sb.append(decode(i == 0 ? -1 : ids[i - 1], ids[i]));
        return sb.toString();
    }

    /** The ids the model is fed for a prompt (BOS first when the model uses one). */
    int[] encodePrompt(String text);

    /** End-of-sequence id, or -1. */
    int eos();

    ForwardTrace trace(int[] tokens, Ablation ablation);

    /** Final norm + output head applied to any residual row. */
    float[] logitLens(float[] residual);

    /**
     * One head's d × d_head slice of W_Q, W_K or W_V as the head multiplies by it (see {@link HeadWeights}), or null
     * when the weights are not at hand. A fresh copy; may page in part of a mapped file, so call it off the FX thread.
     */
    default Matrix headWeights(int layer, int head, HeadWeights.Projection p) { return null; }

    /** The layer's W_O (d × d) as the concatenated heads multiply by it, or null; as {@link #headWeights}. */
    default Matrix outputWeights(int layer) { return null; }

    /** A fresh incremental decoder with an empty KV cache. */
    Decoder newDecoder();

    /** One generation: feeds tokens one at a time and keeps the KV cache. Not thread-safe. */
    interface Decoder {
        /** Appends the token at {@link #position()} and returns the next-token logits. */
        float[] step(int token);

        int position();

        int layers();

        /** Copies of the cached rows (length × kvDim). */
        Matrix keys(int layer);

        Matrix values(int layer);

        /** Bytes of the filled rows, all layers, K and V. */
        long bytes();
    }
}
