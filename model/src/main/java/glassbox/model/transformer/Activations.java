package glassbox.model.transformer;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
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

    // The ranges below run every element through the same vector code, the last partial vector under a mask: an
    // element's value must not depend on where a thread's share of the array happens to end.

    /** up[i] = silu(gate[i])·up[i] for i in [from, to): SwiGLU, a vector at a time (the JIT's vector exp). */
    public static void swiglu(float[] gate, float[] up, int from, int to) {
        for (int i = from; i < to; i += S.length()) {
            var m = S.indexInRange(i, to);
            var g = FloatVector.fromArray(S, gate, i, m);
            g.div(exp(g.neg()).add(1f)).mul(FloatVector.fromArray(S, up, i, m)).intoArray(up, i, m);
        }
    }

    /** h[i] = silu(h[i]) for i in [from, to), vectorised. */
    public static void siluInPlace(float[] h, int from, int to) {
        for (int i = from; i < to; i += S.length()) {
            var m = S.indexInRange(i, to);
            var x = FloatVector.fromArray(S, h, i, m);
            x.div(exp(x.neg()).add(1f)).intoArray(h, i, m);
        }
    }

    /**
     * h[i] = gelu(h[i]) for i in [from, to), vectorised as x·σ(2u) (= ½x(1 + tanh u) exactly, and without the
     * cancellation 1 + tanh u suffers for negative x).
     */
    public static void geluInPlace(float[] h, int from, int to) {
        for (int i = from; i < to; i += S.length()) {
            var m = S.indexInRange(i, to);
            var x = FloatVector.fromArray(S, h, i, m);
            var u2 = x.mul(x).mul(x).mul(0.044715f).add(x).mul(-2f * SQRT_2_OVER_PI);
            x.div(exp(u2).add(1f)).intoArray(h, i, m);
        }
    }

    /**
     * e^x lane-wise from adds, multiplies and FMAs only (Cephes expf: 2^n · e^r with |r| ≤ ln2/2, about 1 ulp),
     * so the interpreter's fallback and the JIT's code agree bit for bit (VectorOperators.EXP does not: the JIT
     * calls a vector math library, the fallback Math.exp, and the same prompt then gave different last bits).
     */
    static FloatVector exp(FloatVector x) {
        x = x.max(-87.3f).min(88.3f);                          // 2^n stays a normal float
        var t = x.fma(1.44269504f, 12582912f);                 // + 1.5·2^23: rounds x/ln2 to an integer in the low bits
        var n = t.sub(12582912f);
        var r = n.fma(x.broadcast(-0.693359375f), x);                     // x − n·ln2, ln2 split in two for precision
        r = n.fma(x.broadcast(2.12194440e-4f), r);
        var p = r.fma(1.9875691500e-4f, 1.3981999507e-3f);
        p = p.fma(r, x.broadcast(8.3334519073e-3f));
        p = p.fma(r, x.broadcast(4.1665795894e-2f));
        p = p.fma(r, x.broadcast(1.6666665459e-1f));
        p = p.fma(r, x.broadcast(5.0000001201e-1f));
        p = p.mul(r.mul(r)).add(r).add(1f);
        var twoN = ((IntVector) t.reinterpretAsInts().sub(0x4B400000).add(127).lanewise(VectorOperators.LSHL, 23)).reinterpretAsFloats();
        return p.mul(twoN);
    }

    /** h[i] = max(h[i], 0) for i in [from, to). */
    public static void reluInPlace(float[] h, int from, int to) {
        for (int i = from; i < to; i++) h[i] = relu(h[i]);
    }
}
