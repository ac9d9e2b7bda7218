package glassbox.model.arithmetic;

import static glassbox.model.arithmetic.Steps.n;

/**
 * Parameters per part and in total. Convention: a d_in×d_out matrix holds d_in·d_out numbers; a
 * bias d_out; LayerNorm 2·d (gain, bias), RMSNorm d; every block has two norms and there is a
 * final norm; a tied head reuses the embedding and adds nothing. Reproduces GPT-2 small
 * (124,439,808) and LLaMA-7B (6,738,415,616).
 */
public final class ParameterCount {
    private ParameterCount() {}

    public static final String TOTAL = "params.total";

    public static long total(ArchSpec s) { return derive(s).value(); }

    /** Everything but the token embedding, position table and a separate head (Kaplan et al.'s N). */
    public static long nonEmbedding(ArchSpec s) {
        var d = derive(s);
        return d.valueOf("params.layers") + d.valueOf("params.final_norm");
    }

    public static Derivation derive(ArchSpec s) {
        var st = new Steps("params");
        long d = s.dModel(), f = s.ffn(), h = s.heads(), kv = s.kvHeads(), L = s.layers(), V = s.vocab();
        long hd = st.add("head_dim", "Head dimension", "d_head = d / h", d + " / " + h, d / h, Unit.COUNT);
        long kvd = st.add("kv_dim", "K/V width", "d_kv = h_kv · d_head", kv + " · " + hd, kv * hd, Unit.COUNT);
        long emb = st.add("embed", "Token embedding", "V · d", n(V) + " · " + n(d), V * d, Unit.PARAMS);
        long pos = s.positions() == Positions.LEARNED
                ? st.add("positions", "Learned position table", "n_ctx · d", n(s.context()) + " · " + n(d), (long) s.context() * d, Unit.PARAMS)
                : st.add("positions", "Position parameters (" + s.positions().name().toLowerCase() + ": none)", "0", "0", 0, Unit.PARAMS);
        long wq = st.add("attn.wq", "W_Q per layer", "d · d", n(d) + " · " + n(d), d * d, Unit.PARAMS);
        long wkv = st.add("attn.wkv", "W_K and W_V per layer", "2 · d · d_kv", "2 · " + n(d) + " · " + n(kvd), 2 * d * kvd, Unit.PARAMS);
        long wo = st.add("attn.wo", "W_O per layer", "d · d", n(d) + " · " + n(d), d * d, Unit.PARAMS);
        long ab = switch (s.biases()) {
            case NONE -> 0;
            case QKV -> st.add("attn.bias", "Q/K/V biases per layer", "d + 2 · d_kv", n(d) + " + 2 · " + n(kvd), d + 2 * kvd, Unit.PARAMS);
            case ALL -> st.add("attn.bias", "Q/K/V/O biases per layer", "2 · d + 2 · d_kv", "2 · " + n(d) + " + 2 · " + n(kvd), 2 * d + 2 * kvd, Unit.PARAMS);
        };
        long attn = st.add("attn", "Attention per layer", ab == 0 ? "W_Q + W_KV + W_O" : "W_Q + W_KV + W_O + biases",
                n(wq) + " + " + n(wkv) + " + " + n(wo) + (ab == 0 ? "" : " + " + n(ab)), wq + wkv + wo + ab, Unit.PARAMS);
        int m = s.ffnType().matrices();
        long fw = st.add("ffn.w", "FFN matrices per layer (" + s.ffnType().name().toLowerCase() + ", " + m + " matrices)",
                m + " · d · ffn", m + " · " + n(d) + " · " + n(f), m * d * f, Unit.PARAMS);
        long fb = s.biases() == Biases.ALL
                ? st.add("ffn.bias", "FFN biases per layer", (m - 1) + " · ffn + d", (m - 1) + " · " + n(f) + " + " + n(d), (m - 1) * f + d, Unit.PARAMS)
                : 0;
        long ffn = st.add("ffn", "FFN per layer", fb == 0 ? m + " · d · ffn" : "matrices + biases",
                fb == 0 ? n(fw) : n(fw) + " + " + n(fb), fw + fb, Unit.PARAMS);
        int nv = s.norm().vectors();
        String normSym = nv == 1 ? "2 · d" : "2 · 2 · d";
        long norms = st.add("norms", "Two " + normName(s) + "s per layer", normSym,
                (nv == 1 ? "2 · " : "2 · 2 · ") + n(d), 2L * nv * d, Unit.PARAMS);
        long layer = st.add("layer", "One block", "attention + FFN + norms", n(attn) + " + " + n(ffn) + " + " + n(norms),
                attn + ffn + norms, Unit.PARAMS);
        long layers = st.add("layers", "All blocks", "L · block", n(L) + " · " + n(layer), L * layer, Unit.PARAMS);
        long fin = st.add("final_norm", "Final " + normName(s), nv == 1 ? "d" : "2 · d", (nv == 1 ? "" : "2 · ") + n(d), nv * d, Unit.PARAMS);
        long head = s.tiedHead()
                ? st.add("head", "LM head (tied to the embedding)", "0", "0", 0, Unit.PARAMS)
                : st.add("head", "LM head", "d · V", n(d) + " · " + n(V), d * V, Unit.PARAMS);
        st.add("total", "Total parameters", "embedding + positions + blocks + final norm + head",
                n(emb) + " + " + n(pos) + " + " + n(layers) + " + " + n(fin) + " + " + n(head),
                emb + pos + layers + fin + head, Unit.PARAMS);
        return st.build("Parameters of " + s.name(),
                "A d_in×d_out matrix has d_in·d_out parameters; LayerNorm has gain and bias (2·d), RMSNorm only a gain (d); "
                        + "two norms per block plus a final one; a tied LM head reuses the embedding.");
    }

    private static String normName(ArchSpec s) { return s.norm() == Norm.LAYER_NORM ? "LayerNorm" : "RMSNorm"; }
}
