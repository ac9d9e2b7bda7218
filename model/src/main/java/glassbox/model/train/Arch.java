package glassbox.model.train;

/** The two families the trainer knows: GPT-2 exactly, and Llama. */
public enum Arch {
    /** Learned positions, LayerNorm with bias, GELU, fused QKV with bias, biases everywhere, tied head. */
    GPT2("gpt2"),
    /** RoPE, RMSNorm, SwiGLU, grouped-query attention, no biases, tied head. */
    LLAMA("llama");

    public final String ggufName;

    Arch(String ggufName) { this.ggufName = ggufName; }

    public static Arch parse(String s) {
        for (Arch a : values()) if (a.ggufName.equalsIgnoreCase(s)) return a;
        throw new IllegalArgumentException("unknown architecture '" + s + "' (gpt2 or llama)");
    }
}
