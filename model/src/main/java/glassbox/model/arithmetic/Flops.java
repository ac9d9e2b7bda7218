package glassbox.model.arithmetic;

import static glassbox.model.arithmetic.Steps.n;

/**
 * Forward FLOPs. Convention (stated in every derivation and in the CLI):
 * <ul>
 *   <li>a matmul (m×k)·(k×n) costs 2·m·n·k FLOPs (one multiply and one add per MAC);</li>
 *   <li>per token per layer: Q projection 2·d·d, K and V projections 2·2·d·d_kv (GQA shrinks d_kv),
 *       scores QKᵀ 2·s·d and the weighted sum ·V 2·s·d over the FULL context s (no causal
 *       halving), output projection 2·d·d, FFN 2·m·d·ffn (m = 2 or 3 matrices), and for SwiGLU the
 *       element-wise gate product SiLU(xW₁)⊙(xW₃) at 1 FLOP per element (ffn FLOPs);</li>
 *   <li>the LM head 2·d·V once per token (after the last layer);</li>
 *   <li>NOT counted: biases, norms, the SiLU/GELU itself, softmax, scaling, residual adds, embedding lookup.</li>
 * </ul>
 * With these conventions the worked interview example (d=4096, ffn=13,696 SwiGLU, 32 heads,
 * 2 KV heads, 28 layers, V=65,024, s=8,192) gives exactly 128,714,721,460,224 forward FLOPs for
 * the whole sequence.
 */
public final class Flops {
    private Flops() {}

    public static final String CONVENTION = "A matmul (m×k)(k×n) costs 2mnk. Per token per layer: Q 2·d·d, K,V 2·2·d·d_kv, "
            + "QKᵀ 2·s·d and ·V 2·s·d over the full context s (not causal-halved), W_O 2·d·d, FFN 2·m·d·ffn, "
            + "SwiGLU gate product 1 FLOP per element; LM head 2·d·V per token. Not counted: biases, norms, activations, softmax, residual adds.";

    public static long perToken(ArchSpec s) { return forward(s).valueOf("flops.per_token"); }

    public static long sequence(ArchSpec s) { return forward(s).value(); }

    public static Derivation forward(ArchSpec s) {
        var st = new Steps("flops");
        long d = s.dModel(), f = s.ffn(), kvd = s.kvDim(), L = s.layers(), V = s.vocab(), ctx = s.seq();
        st.add("rule", "A matmul (m×k)·(k×n)", "2 · m · n · k", "multiply + add per MAC", 2, Unit.COUNT);
        long q = st.add("q", "Q projection per token per layer", "2 · d · d", "2 · " + n(d) + " · " + n(d), 2 * d * d, Unit.FLOPS);
        long kv = st.add("kv", "K and V projections per token per layer" + (s.kvHeads() < s.heads() ? " (GQA: d_kv = " + n(kvd) + ")" : ""),
                "2 · 2 · d · d_kv", "2 · 2 · " + n(d) + " · " + n(kvd), 4 * d * kvd, Unit.FLOPS);
        if (s.kvHeads() < s.heads()) {
            st.add("kv_mha", "(for comparison) K and V without GQA", "2 · 2 · d · d", "2 · 2 · " + n(d) + " · " + n(d), 4 * d * d, Unit.FLOPS);
        }
        long qk = st.add("qk", "Scores QKᵀ over the context, per token per layer", "2 · s · d", "2 · " + n(ctx) + " · " + n(d), 2 * ctx * d, Unit.FLOPS);
        long av = st.add("av", "Weighted sum A·V, per token per layer", "2 · s · d", "2 · " + n(ctx) + " · " + n(d), 2 * ctx * d, Unit.FLOPS);
        long o = st.add("o", "Output projection W_O per token per layer", "2 · d · d", "2 · " + n(d) + " · " + n(d), 2 * d * d, Unit.FLOPS);
        int m = s.ffnType().matrices();
        long ffn = st.add("ffn", "FFN matmuls per token per layer (" + m + " matrices)", "2 · " + m + " · d · ffn",
                "2 · " + m + " · " + n(d) + " · " + n(f), 2 * m * d * f, Unit.FLOPS);
        long gate = s.ffnType().gated()
                ? st.add("gate", "SwiGLU gate product (1 FLOP per element)", "ffn", n(f), f, Unit.FLOPS)
                : 0;
        long layer = st.add("layer", "One layer, per token", "Q + KV + QKᵀ + AV + O + FFN" + (gate > 0 ? " + gate" : ""),
                String.join(" + ", n(q), n(kv), n(qk), n(av), n(o), n(ffn)) + (gate > 0 ? " + " + n(gate) : ""),
                q + kv + qk + av + o + ffn + gate, Unit.FLOPS);
        long layers = st.add("layers", "All layers, per token", "L · layer", n(L) + " · " + n(layer), L * layer, Unit.FLOPS);
        long head = st.add("head", "LM head per token", "2 · d · V", "2 · " + n(d) + " · " + n(V), 2 * d * V, Unit.FLOPS);
        long tok = st.add("per_token", "Forward FLOPs per token", "L · layer + head", n(layers) + " + " + n(head), layers + head, Unit.FLOPS);
        st.add("sequence", "Forward FLOPs for the whole sequence", "s · per token", n(ctx) + " · " + n(tok), Math.multiplyExact(ctx, tok), Unit.FLOPS);
        return st.build("Forward FLOPs of " + s.name() + " at s = " + n(ctx), CONVENTION);
    }

    /** The causal-halved sequence figure and the 6·N·D training rule. */
    public static Derivation variants(ArchSpec s) {
        var st = new Steps("flops_more");
        var fw = forward(s);
        long d = s.dModel(), L = s.layers(), ctx = s.seq();
        long attnFull = fw.valueOf("flops.qk") + fw.valueOf("flops.av");
        long full = fw.value();
        long noAttn = st.add("no_attn", "Sequence FLOPs without the QKᵀ and AV terms", "sequence − s · L · (QKᵀ + AV)",
                n(full) + " − " + n(ctx) + " · " + n(L) + " · " + n(attnFull), full - ctx * L * attnFull, Unit.FLOPS);
        // token i (1-based) attends to i positions: Σ_i 2·2·i·d = 2·d·s·(s+1)
        long causal = st.add("causal_attn", "Causal QKᵀ and AV: token i sees i positions", "L · Σᵢ 4·i·d = L · 2·d·s·(s+1)",
                n(L) + " · 2 · " + n(d) + " · " + n(ctx) + " · " + n(ctx + 1), L * 2 * d * ctx * (ctx + 1), Unit.FLOPS);
        st.add("causal", "Forward FLOPs, causal-halved attention", "rest + causal attention", n(noAttn) + " + " + n(causal),
                noAttn + causal, Unit.FLOPS);
        long N = ParameterCount.total(s);
        st.add("train_token", "Training FLOPs per token (forward + backward)", "6 · N", "6 · " + n(N), 6 * N, Unit.FLOPS);
        st.add("train", "Training FLOPs for one sequence of D = s tokens", "6 · N · D", "6 · " + n(N) + " · " + n(ctx),
                Math.multiplyExact(6 * N, ctx), Unit.FLOPS);
        return st.build("Causal variant and training FLOPs of " + s.name(),
                "Causal: query i attends to i keys, summing to s(s+1)/2 pairs instead of s². Training ≈ 6·N·D (Kaplan et al. 2020): "
                        + "2·N per token forward, 4·N backward, attention terms ignored.");
    }
}
