package glassbox.model.trace;

import java.util.List;

/**
 * One transformer block over the T prompt positions (pre-norm: x + Attn(Norm(x)), then + MLP(Norm(·))).
 *
 * @param input             T×d residual stream entering the block
 * @param attnNormed        T×d normed input to attention
 * @param heads             one trace per query head
 * @param concat            T×d all heads' outputs side by side
 * @param attnOutput        T×d concat·W_O (+ bias)
 * @param residualAfterAttn T×d input + attnOutput
 * @param mlpNormed         T×d normed input to the MLP
 * @param mlpHidden         T×hidden activations after the non-linearity (gate·up for SwiGLU)
 * @param mlpOutput         T×d hidden·W_down (+ bias)
 * @param output            T×d residualAfterAttn + mlpOutput, entering the next block
 */
public record LayerTrace(int layer, Matrix input, Matrix attnNormed, List<HeadTrace> heads, Matrix concat,
                         Matrix attnOutput, Matrix residualAfterAttn, Matrix mlpNormed, Matrix mlpHidden,
                         Matrix mlpOutput, Matrix output) {
    public LayerTrace { heads = List.copyOf(heads); }
}
