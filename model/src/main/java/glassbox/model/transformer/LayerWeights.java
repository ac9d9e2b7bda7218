package glassbox.model.transformer;

import glassbox.model.tensor.FloatTensor;

/**
 * One block's parameters. Matrices are row-major [out][in]; biases and the gate are null when the
 * architecture has none (Llama: no biases; GPT-2: no gate).
 *
 * @param attnNorm  dim, the pre-attention RMSNorm/LayerNorm weight (γ)
 * @param wq        dim×dim (heads·headDim rows)
 * @param wk        kvDim×dim
 * @param wv        kvDim×dim
 * @param wo        dim×dim
 * @param mlpNorm   dim, the pre-MLP norm weight
 * @param wGate     hidden×dim, the SwiGLU gate (llama2.c's w1), null for a plain MLP
 * @param wUp       hidden×dim (llama2.c's w3, GPT-2's c_fc)
 * @param wDown     dim×hidden (llama2.c's w2, GPT-2's c_proj)
 */
public record LayerWeights(FloatTensor attnNorm, FloatTensor attnNormBias,
                           FloatTensor wq, FloatTensor bq, FloatTensor wk, FloatTensor bk,
                           FloatTensor wv, FloatTensor bv, FloatTensor wo, FloatTensor bo,
                           FloatTensor mlpNorm, FloatTensor mlpNormBias,
                           FloatTensor wGate, FloatTensor wUp, FloatTensor bUp,
                           FloatTensor wDown, FloatTensor bDown) {

    /** A Llama block: RMSNorm weights, no biases, gated MLP. */
    public static LayerWeights llama(FloatTensor attnNorm, FloatTensor wq, FloatTensor wk, FloatTensor wv, FloatTensor wo,
                                     FloatTensor mlpNorm, FloatTensor wGate, FloatTensor wUp, FloatTensor wDown) {
        return new LayerWeights(attnNorm, null, wq, null, wk, null, wv, null, wo, null, mlpNorm, null,
                wGate, wUp, null, wDown, null);
    }

    /** Every tensor of the block that is present, in declaration order. */
    java.util.List<FloatTensor> tensors() {
        return java.util.stream.Stream.of(attnNorm, attnNormBias, wq, bq, wk, bk, wv, bv, wo, bo, mlpNorm, mlpNormBias,
                wGate, wUp, bUp, wDown, bDown).filter(java.util.Objects::nonNull).toList();
    }

    /** The block with every present tensor replaced by f(tensor) (absent ones stay null). */
    LayerWeights map(java.util.function.UnaryOperator<FloatTensor> f) {
        java.util.function.UnaryOperator<FloatTensor> g = t -> t == null ? null : f.apply(t);
        return new LayerWeights(g.apply(attnNorm), g.apply(attnNormBias), g.apply(wq), g.apply(bq), g.apply(wk), g.apply(bk),
                g.apply(wv), g.apply(bv), g.apply(wo), g.apply(bo), g.apply(mlpNorm), g.apply(mlpNormBias), g.apply(wGate),
                g.apply(wUp), g.apply(bUp), g.apply(wDown), g.apply(bDown));
    }

    long parameterCount() {
        long n = 0;
        for (FloatTensor t : tensors()) n += t.size();
        return n;
    }

}
