package glassbox.model.config;

/** How a model tells positions apart. */
public enum PositionScheme {
    /** Rotary: q and k rotated by pos·θ_i inside attention (Llama, Qwen). */
    ROPE,
    /** A trained position-embedding matrix added to the token embedding (GPT-2). */
    LEARNED,
    /** Fixed sin/cos table added to the token embedding (the original Transformer). */
    SINUSOIDAL
}
