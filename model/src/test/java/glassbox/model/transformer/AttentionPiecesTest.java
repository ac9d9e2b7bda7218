package glassbox.model.transformer;

import glassbox.model.config.RopePairing;
import glassbox.model.trace.Matrix;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** RoPE, the mask, softmax and GQA against hand-computed values. */
class AttentionPiecesTest {

    @Test void interleavedRopeRotatesAdjacentPairs() {
        // head of 4, theta 100: θ0 = 1, θ1 = 100^(-2/4) = 0.1; at pos 2 the angles are 2 and 0.2
        var rope = new Rope(4, 4, 100f, RopePairing.INTERLEAVED);
        float[] v = {1, 0, 0, 1};
        rope.rotate(v, 0, 1, rope.angles(2));
        assertArrayEquals(new float[]{(float) Math.cos(2), (float) Math.sin(2), (float) -Math.sin(0.2), (float) Math.cos(0.2)}, v, 1e-6f);
    }

    @Test void halfSplitRopePairsIWithIPlusHalf() {
        var rope = new Rope(4, 4, 100f, RopePairing.HALF_SPLIT);
        float[] v = {1, 0, 0, 1};   // pairs (0,2) and (1,3)
        rope.rotate(v, 0, 1, rope.angles(2));
        assertArrayEquals(new float[]{(float) Math.cos(2), (float) -Math.sin(0.2), (float) Math.sin(2), (float) Math.cos(0.2)}, v, 1e-6f);
    }

    @Test void partialRopeLeavesTheRestAlone() {
        var rope = new Rope(6, 2, 10000f, RopePairing.INTERLEAVED);
        float[] v = {1, 2, 3, 4, 5, 6};
        rope.rotate(v, 0, 1, rope.angles(3));
        assertArrayEquals(new float[]{3, 4, 5, 6}, java.util.Arrays.copyOfRange(v, 2, 6));
        assertEquals(Math.hypot(1, 2), Math.hypot(v[0], v[1]), 1e-5);
    }

    @Test void ropeScoresDependOnlyOnTheOffset() {
        for (RopePairing pairing : RopePairing.values()) {
            var rope = new Rope(8, 8, 10000f, pairing);
            float[] q = {0.3f, -1.2f, 0.5f, 0.9f, -0.4f, 0.1f, 2f, -0.7f};
            float[] k = {1.1f, 0.2f, -0.6f, 0.4f, 0.8f, -1.5f, 0.3f, 0.05f};
            double first = Double.NaN;
            for (int p = 0; p < 40; p += 7) {
                float[] qr = q.clone(), kr = k.clone();
                rope.rotate(qr, 0, 1, rope.angles(p + 5));
                rope.rotate(kr, 0, 1, rope.angles(p));
                double s = 0;
                for (int i = 0; i < 8; i++) s += qr[i] * kr[i];
                if (Double.isNaN(first)) first = s;
                assertEquals(first, s, 1e-4, pairing + " offset 5 from position " + p);
            }
        }
    }

    @Test void causalMaskIsZeroOnAndBelowTheDiagonal() {
        Matrix m = CausalMask.of(3);
        float n = Float.NEGATIVE_INFINITY;
        assertArrayEquals(new float[]{0, n, n, 0, 0, n, 0, 0, 0}, m.toArray());
        assertTrue(CausalMask.allows(2, 2));
        assertFalse(CausalMask.allows(1, 2));
    }

    @Test void softmaxSurvivesHugeLogits() {
        float[] p = AttentionMath.softmax(new float[]{1e30f, 1e30f, -1e30f, 3.4e38f});
        assertArrayEquals(new float[]{0, 0, 0, 1}, p);
        float[] q = AttentionMath.softmax(new float[]{1000f, 1000f + (float) Math.log(3)});
        assertEquals(0.25f, q[0], 1e-5f);
        assertEquals(0.75f, q[1], 1e-5f);
        assertEquals(1.0, AttentionMath.entropyBits(new float[]{0.5f, 0.5f}), 1e-9);
    }

    @Test void attentionWeightsApplyScaleAndMask() {
        Matrix raw = new Matrix(2, 2, new float[]{4, 100, 2, 6});
        Matrix w = AttentionMath.weights(raw, 0.5f, true);
        assertEquals(1f, w.get(0, 0), 1e-6f);
        assertEquals(0f, w.get(0, 1));
        double e = Math.exp(2);   // row 1: scaled 1 and 3
        assertEquals(1 / (1 + e), w.get(1, 0), 1e-6);
        Matrix bi = AttentionMath.weights(raw, 0.5f, false);
        assertEquals(1 / (1 + Math.exp(48)), bi.get(0, 0), 1e-6);
    }

    @Test void contextWindowCutsFromTheLeftKeepingBos() {
        var fit = ContextWindow.fit(new int[]{1, 10, 11, 12, 13}, 3, true);
        assertArrayEquals(new int[]{1, 12, 13}, fit.ids());
        assertEquals(2, fit.dropped());
        assertArrayEquals(new int[]{11, 12, 13}, ContextWindow.fit(new int[]{1, 10, 11, 12, 13}, 3, false).ids());
        assertEquals(0, ContextWindow.fit(new int[]{1, 2}, 3, true).dropped());
    }

    @Test void activationsMatchTheirDefinitions() {
        for (float x = -30f; x <= 30f; x += 0.37f) {
            double gelu = 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
            assertEquals(gelu, Activations.gelu(x), 1e-5 * Math.max(1, Math.abs(x)), "gelu " + x);
            assertEquals(x / (1 + Math.exp(-x)), Activations.silu(x), 1e-5 * Math.max(1, Math.abs(x)), "silu " + x);
            assertEquals(Math.tanh(x), Activations.tanh(x), 1e-6, "tanh " + x);
        }
    }

    @Test void vectorExpIsAccurateOverTheFloatRange() {
        var sp = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED;
        float[] in = new float[sp.length()], out = new float[sp.length()];
        for (float x = -87f; x <= 88f; x += 0.0371f) {
            java.util.Arrays.fill(in, x);
            Activations.exp(jdk.incubator.vector.FloatVector.fromArray(sp, in, 0)).intoArray(out, 0);
            assertEquals(Math.exp(x), out[0], 3e-7 * Math.exp(x), "exp " + x);
        }
        java.util.Arrays.fill(in, -200f);
        Activations.exp(jdk.incubator.vector.FloatVector.fromArray(sp, in, 0)).intoArray(out, 0);
        assertTrue(out[0] >= 0 && out[0] < 1e-37f, "underflow stays tiny and non-negative");
        java.util.Arrays.fill(in, 200f);
        Activations.exp(jdk.incubator.vector.FloatVector.fromArray(sp, in, 0)).intoArray(out, 0);
        assertTrue(out[0] > 1e38f && Float.isFinite(out[0]), "overflow is clamped to a large finite value");
    }

    /** The vectorised range forms against the definitions in double, over a range with a ragged start and tail. */
    @Test void vectorisedActivationsMatchTheirDefinitions() {
        int n = 203, from = 3, to = 200;
        float[] x = new float[n], gate = new float[n];
        var rnd = new java.util.Random(5);
        for (int i = 0; i < n; i++) { x[i] = (float) (rnd.nextGaussian() * 6); gate[i] = (float) (rnd.nextGaussian() * 6); }
        x[10] = -120f; x[11] = 120f; gate[12] = -120f; gate[13] = 90f;   // exp overflow and underflow
        float[] gelu = x.clone(), silu = x.clone(), relu = x.clone(), up = x.clone();
        Activations.geluInPlace(gelu, from, to);
        Activations.siluInPlace(silu, from, to);
        Activations.reluInPlace(relu, from, to);
        Activations.swiglu(gate, up, from, to);
        for (int i = 0; i < n; i++) {
            double v = x[i], g = gate[i];
            boolean in = i >= from && i < to;
            double geluRef = 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v)));
            double siluRef = v / (1 + Math.exp(-v)), swigluRef = g / (1 + Math.exp(-g)) * v;
            assertEquals(in ? geluRef : v, gelu[i], 2e-6 * Math.max(1, Math.abs(v)), "gelu " + v);
            assertEquals(in ? siluRef : v, silu[i], 2e-6 * Math.max(1, Math.abs(v)), "silu " + v);
            assertEquals(in ? Math.max(0, v) : v, relu[i], 0, "relu " + v);
            assertEquals(in ? swigluRef : v, up[i], 2e-6 * Math.max(1, Math.abs(swigluRef)), "swiglu " + g + ", " + v);
        }
        // split anywhere (as threads split a prefill), every element comes out bit for bit the same
        for (int cut = from; cut <= to; cut += 5) {
            float[] g2 = x.clone(), s2 = x.clone(), u2 = x.clone();
            Activations.geluInPlace(g2, from, cut); Activations.geluInPlace(g2, cut, to);
            Activations.siluInPlace(s2, from, cut); Activations.siluInPlace(s2, cut, to);
            Activations.swiglu(gate, u2, from, cut); Activations.swiglu(gate, u2, cut, to);
            assertArrayEquals(gelu, g2, "gelu split at " + cut);
            assertArrayEquals(silu, s2, "silu split at " + cut);
            assertArrayEquals(up, u2, "swiglu split at " + cut);
        }
    }
}
