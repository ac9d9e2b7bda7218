package glassbox.model.config;

/**
 * Everything the forward pass needs to know about a model's shape, so GPT-2-style and
 * Llama-style models share one forward pass.
 *
 * @param ropeDims how many leading dimensions of each head RoPE rotates (= headDim for Llama)
 */
public record ModelConfig(
        String name,
        Family family,
        int dim,
        int hiddenDim,
        int layers,
        int heads,
        int kvHeads,
        int vocabSize,
        int contextLength,
        NormKind norm,
        float normEps,
        PositionScheme positions,
        RopePairing ropePairing,
        float ropeTheta,
        int ropeDims,
        Activation activation,
        boolean tiedHead,
        boolean attentionBias,
        boolean mlpBias) {

    public ModelConfig {
        if (dim <= 0 || hiddenDim <= 0 || layers <= 0 || heads <= 0 || kvHeads <= 0
                || vocabSize <= 0 || contextLength <= 0) {
            throw new IllegalArgumentException("model dimensions must be positive: dim=" + dim
                    + " hidden=" + hiddenDim + " layers=" + layers + " heads=" + heads
                    + " kvHeads=" + kvHeads + " vocab=" + vocabSize + " context=" + contextLength);
        }
        if (dim % heads != 0) throw new IllegalArgumentException("dim " + dim + " is not a multiple of heads " + heads);
        if (heads % kvHeads != 0) throw new IllegalArgumentException("heads " + heads + " is not a multiple of KV heads " + kvHeads);
    }

    public int headDim() { return dim / heads; }

    public int kvDim() { return kvHeads * headDim(); }

    /** How many query heads read the same K/V head (1 = plain multi-head attention). */
    public int groupSize() { return heads / kvHeads; }

    public ModelConfig withName(String newName) {
        return new ModelConfig(newName, family, dim, hiddenDim, layers, heads, kvHeads, vocabSize,
                contextLength, norm, normEps, positions, ropePairing, ropeTheta, ropeDims, activation,
                tiedHead, attentionBias, mlpBias);
    }

    /** A Llama-family description as llama2.c checkpoints imply it. */
    public static ModelConfig llama(String name, int dim, int hiddenDim, int layers, int heads, int kvHeads,
                                    int vocab, int context, boolean tiedHead) {
        return new ModelConfig(name, Family.LLAMA, dim, hiddenDim, layers, heads, kvHeads, vocab, context,
                NormKind.RMS_NORM, 1e-5f, PositionScheme.ROPE, RopePairing.INTERLEAVED, 10000f,
                dim / heads, Activation.SWIGLU, tiedHead, false, false);
    }

    /** A GPT-2 description: LayerNorm with bias, learned positions, GELU, biases, tied head. */
    public static ModelConfig gpt2(String name, int dim, int hiddenDim, int layers, int heads, int vocab, int context) {
        return new ModelConfig(name, Family.GPT2, dim, hiddenDim, layers, heads, heads, vocab, context,
                NormKind.LAYER_NORM, 1e-5f, PositionScheme.LEARNED, RopePairing.INTERLEAVED, 10000f,
                0, Activation.GELU, true, true, true);
    }
}
