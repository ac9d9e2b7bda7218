package glassbox.model.transformer;

/** The MLP non-linearities. */
public final class Activations {
    private Activations() {}

    private static final float SQRT_2_OVER_PI = (float) Math.sqrt(2.0 / Math.PI);

    /** SiLU(x) = x·σ(x), as llama2.c writes it. */
    public static float silu(float x) { return x * (1.0f / (1.0f + (float) Math.exp(-x))); }

    /** GELU, tanh form (GPT-2): ½x(1 + tanh(√(2/π)(x + 0.044715x³))). */
    public static float gelu(float x) {
        return 0.5f * x * (1f + tanh(SQRT_2_OVER_PI * (x + 0.044715f * x * x * x)));
    }

    /** tanh through exp, which the JIT turns into one fast intrinsic (Math.tanh is a slow library call). */
    static float tanh(float u) {
        if (u > 20f) return 1f;
        if (u < -20f) return -1f;
        double e = Math.exp(2.0 * u);
        return (float) ((e - 1) / (e + 1));
    }

    public static float relu(float x) { return x > 0 ? x : 0f; }
}
