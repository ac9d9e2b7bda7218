package glassbox.model.arithmetic;

import glassbox.model.config.ModelConfig;
import glassbox.model.config.NormKind;

/**
 * The shape of a decoder-only transformer, as much as the arithmetic needs.
 *
 * @param dModel     width of the residual stream d
 * @param ffn        hidden width of the feed-forward block
 * @param heads      query heads h
 * @param kvHeads    key/value heads (= h for MHA, 1 for MQA, in between for GQA)
 * @param vocab      vocabulary size V
 * @param seq        sequence length s the FLOP and memory figures are computed for
 * @param context    rows of the learned position table (the trained context length)
 * @param dtypeBytes bytes per number for "weights at the chosen dtype" and the KV cache
 */
public record ArchSpec(
        String name,
        int dModel,
        int ffn,
        int heads,
        int kvHeads,
        int layers,
        int vocab,
        int seq,
        int context,
        FfnType ffnType,
        Biases biases,
        boolean tiedHead,
        Positions positions,
        Norm norm,
        int dtypeBytes) {

    public ArchSpec {
        if (name == null || ffnType == null || biases == null || positions == null || norm == null) {
            throw new IllegalArgumentException("architecture fields must not be null");
        }
        if (dModel <= 0 || ffn <= 0 || heads <= 0 || kvHeads <= 0 || layers <= 0 || vocab <= 0 || seq <= 0 || context <= 0) {
            throw new IllegalArgumentException("all sizes must be positive: d=" + dModel + " ffn=" + ffn + " heads=" + heads
                    + " kv-heads=" + kvHeads + " layers=" + layers + " vocab=" + vocab + " seq=" + seq + " context=" + context);
        }
        if (dModel % heads != 0) throw new IllegalArgumentException("d_model " + dModel + " is not a multiple of heads " + heads);
        if (heads % kvHeads != 0) throw new IllegalArgumentException("heads " + heads + " is not a multiple of kv-heads " + kvHeads);
        if (dtypeBytes <= 0 || dtypeBytes > 8) throw new IllegalArgumentException("dtype bytes must be 1..8, got " + dtypeBytes);
        // every figure is an exact long; refuse shapes whose largest figures could overflow 64 bits
        double d = dModel, s = seq, L = layers;
        double params = L * (4 * d * d + 3 * d * ffn + 4 * d) + 2 * d * vocab + (double) context * d;
        double largest = Math.max(Math.max(16 * params, 6 * params * s),
                Math.max(s * (L * (4 * d * d + 4 * s * d + 6 * d * ffn) + 2 * d * vocab), L * (34 * s * d + 5.0 * heads * s * s)));
        if (largest > 4e18) throw new IllegalArgumentException("this shape is too large to count exactly (figures beyond 4·10¹⁸)");
    }

    public int headDim() { return dModel / heads; }

    public int kvDim() { return kvHeads * headDim(); }

    public ArchSpec withSeq(int newSeq) {
        return new ArchSpec(name, dModel, ffn, heads, kvHeads, layers, vocab, newSeq, context, ffnType, biases, tiedHead, positions, norm, dtypeBytes);
    }

    public ArchSpec withKvHeads(int newKvHeads) {
        return new ArchSpec(name, dModel, ffn, heads, newKvHeads, layers, vocab, seq, context, ffnType, biases, tiedHead, positions, norm, dtypeBytes);
    }

    public ArchSpec withName(String newName) {
        return new ArchSpec(newName, dModel, ffn, heads, kvHeads, layers, vocab, seq, context, ffnType, biases, tiedHead, positions, norm, dtypeBytes);
    }

    public ArchSpec withDtypeBytes(int bytes) {
        return new ArchSpec(name, dModel, ffn, heads, kvHeads, layers, vocab, seq, context, ffnType, biases, tiedHead, positions, norm, bytes);
    }

    /** The loaded model's shape; s is its context length, numbers at fp16. */
    public static ArchSpec from(ModelConfig c) {
        FfnType ffn = switch (c.activation()) {
            case SWIGLU -> FfnType.SWIGLU;
            case GELU -> FfnType.GELU;
            case RELU -> FfnType.RELU;
        };
        Biases b = c.mlpBias() ? Biases.ALL : c.attentionBias() ? Biases.QKV : Biases.NONE;
        Positions p = switch (c.positions()) {
            case ROPE -> Positions.ROPE;
            case LEARNED -> Positions.LEARNED;
            case SINUSOIDAL -> Positions.SINUSOIDAL;
        };
        Norm n = c.norm() == NormKind.LAYER_NORM ? Norm.LAYER_NORM : Norm.RMS_NORM;
        return new ArchSpec(c.name(), c.dim(), c.hiddenDim(), c.heads(), c.kvHeads(), c.layers(), c.vocabSize(),
                c.contextLength(), c.contextLength(), ffn, b, c.tiedHead(), p, n, 2);
    }

}
