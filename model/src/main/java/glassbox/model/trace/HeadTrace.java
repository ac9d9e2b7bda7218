package glassbox.model.trace;

/**
 * One attention head of one layer over the T prompt positions.
 *
 * @param kvHead     the K/V head this query head reads (GQA: several query heads share one)
 * @param qBeforeRope T×d_head queries before the rotation (equal to {@code q} without RoPE)
 * @param kBeforeRope T×d_head keys before the rotation
 * @param q          T×d_head queries as used in the scores
 * @param k          T×d_head keys as used in the scores
 * @param v          T×d_head values
 * @param rawScores  T×T q·k before scaling and masking
 * @param scale      1/√d_k
 * @param weights    T×T softmax of the scaled, masked scores (rows sum to 1, zero above the diagonal)
 * @param output     T×d_head weights·V
 */
public record HeadTrace(int head, int kvHead, Matrix qBeforeRope, Matrix kBeforeRope, Matrix q, Matrix k,
                        Matrix v, Matrix rawScores, float scale, Matrix weights, Matrix output) {
}
