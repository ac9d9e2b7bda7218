package glassbox.model.transformer;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** The MLP non-linearities: one value at a time, and vectorised over ranges of an array (the forward pass's path). */
public final class Activations {
    private Activations() {}

    private static final float SQRT_2_OVER_PI = (float) Math.sqrt(2.0 / Math.PI);
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

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

    /** up[i] = silu(gate[i])·up[i] for i in [from, to): SwiGLU, a vector at a time (the JIT's vector exp). */
    public static void swiglu(float[] gate, float[] up, int from, int to) {
        int i = from;
        for (int upper = from + S.loopBound(to - from); i < upper; i += S.length()) {
            var g = FloatVector.fromArray(S, gate, i);
            g.div(g.neg().lanewise(VectorOperators.EXP).add(1f)).mul(FloatVector.fromArray(S, up, i)).intoArray(up, i);
        }
        for (; i < to; i++) up[i] = silu(gate[i]) * up[i];
    }

    /** h[i] = silu(h[i]) for i in [from, to), vectorised. */
    public static void siluInPlace(float[] h, int from, int to) {
        int i = from;
        for (int upper = from + S.loopBound(to - from); i < upper; i += S.length()) {
            var x = FloatVector.fromArray(S, h, i);
            x.div(x.neg().lanewise(VectorOperators.EXP).add(1f)).intoArray(h, i);
        }
        for (; i < to; i++) h[i] = silu(h[i]);
    }

    /**
     * h[i] = gelu(h[i]) for i in [from, to), vectorised as x·σ(2u) (= ½x(1 + tanh u) exactly, and without the
     * cancellation 1 + tanh u suffers for negative x).
     */
    public static void geluInPlace(float[] h, int from, int to) {
        int i = from;
        for (int upper = from + S.loopBound(to - from); i < upper; i += S.length()) {
            var x = FloatVector.fromArray(S, h, i);
            var u2 = x.mul(x).mul(x).mul(0.044715f).add(x).mul(-2f * SQRT_2_OVER_PI);
            x.div(u2.lanewise(VectorOperators.EXP).add(1f)).intoArray(h, i);
        }
        for (; i < to; i++) h[i] = gelu(h[i]);
    }

    /** h[i] = max(h[i], 0) for i in [from, to). */
    public static void reluInPlace(float[] h, int from, int to) {
        for (int i = from; i < to; i++) h[i] = relu(h[i]);
    }
}
