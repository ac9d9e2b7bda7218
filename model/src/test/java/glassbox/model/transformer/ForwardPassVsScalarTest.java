package glassbox.model.transformer;

import glassbox.model.config.Activation;
import glassbox.model.config.Family;
import glassbox.model.config.ModelConfig;
import glassbox.model.config.NormKind;
import glassbox.model.config.PositionScheme;
import glassbox.model.config.RopePairing;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The engine against {@link ScalarReference} on small random models of every family the config can describe. */
class ForwardPassVsScalarTest {
    private static final int[] TOKENS = {1, 5, 22, 7, 7, 0, 13, 19, 3};

    private static void check(ModelConfig c, long seed) {
        var w = RandomWeights.make(c, seed);
        double[][] ref = ScalarReference.logits(c, w, TOKENS);
        for (int threads : new int[]{1, 2}) {
            var model = new Transformer(c, w, threads);
            float[] all = model.allLogits(TOKENS);
            var session = model.newSession();
            float[] traced = model.trace(TOKENS).logits().toArray();
            for (int t = 0; t < TOKENS.length; t++) {
                float[] stepped = session.step(TOKENS[t]);
                for (int v = 0; v < c.vocabSize(); v++) {
                    String at = c.name() + " threads " + threads + " position " + t + " token " + v;
                    assertEquals(ref[t][v], all[t * c.vocabSize() + v], 1e-4, "prefill " + at);
                    assertEquals(ref[t][v], stepped[v], 1e-4, "decode " + at);
                    assertEquals(ref[t][v], traced[t * c.vocabSize() + v], 1e-4, "trace " + at);
                }
            }
        }
    }

    @Test void gpt2StyleLayerNormLearnedPositionsGeluBiases() {
        check(ModelConfig.gpt2("gpt2-tiny", 16, 40, 2, 4, 23, 12), 11);
    }

    @Test void llamaStyleWithGqaInterleavedRope() {
        check(ModelConfig.llama("llama-gqa", 24, 36, 2, 6, 2, 23, 16, false), 12);
    }

    @Test void halfSplitPartialRopeWithQkvBiasesLikeQwen() {
        check(new ModelConfig("qwen-ish", Family.QWEN2, 16, 30, 2, 4, 2, 23, 16, NormKind.RMS_NORM, 1e-6f,
                PositionScheme.ROPE, RopePairing.HALF_SPLIT, 1e6f, 2, Activation.SWIGLU, true, true, false), 13);
    }

    @Test void sinusoidalPositionsAndRelu() {
        check(new ModelConfig("classic", Family.GPT2, 16, 32, 1, 2, 2, 23, 16, NormKind.LAYER_NORM, 1e-5f,
                PositionScheme.SINUSOIDAL, RopePairing.INTERLEAVED, 10000f, 0, Activation.RELU, true, true, true), 14);
    }

    /**
     * A thread keeps its pass's work arrays (and the trace's throwaway cache) for the next pass: after a longer prompt
     * the arrays are longer than a shorter prompt needs, and nothing of the longer one may reach the shorter's numbers.
     */
    @Test void aShorterPassAfterALongerOneOnTheSameThreadMatchesTheReference() {
        int[] longer = {1, 9, 4, 4, 21, 2, 17, 8, 0, 6, 11, 3, 15, 22}, shorter = {1, 5, 22, 7, 7};
        for (ModelConfig c : new ModelConfig[]{ModelConfig.gpt2("gpt2-tiny", 16, 40, 2, 4, 23, 16),
                ModelConfig.llama("llama-gqa", 24, 36, 2, 6, 2, 23, 16, false)}) {
            var w = RandomWeights.make(c, 21);
            var model = new Transformer(c, w, 1);
            model.trace(longer);
            model.allLogits(longer);
            double[][] ref = ScalarReference.logits(c, w, shorter);
            var traced = model.trace(shorter).logits();
            float[] all = model.allLogits(shorter), last = model.logits(shorter);
            assertEquals(shorter.length, traced.rows(), c.name() + ": one logits row per position");
            for (int t = 0; t < shorter.length; t++) {
                for (int v = 0; v < c.vocabSize(); v++) {
                    assertEquals(ref[t][v], traced.get(t, v), 1e-4, c.name() + " trace, position " + t + " token " + v);
                    assertEquals(ref[t][v], all[t * c.vocabSize() + v], 1e-4, c.name() + " prefill, position " + t + " token " + v);
                }
            }
            for (int v = 0; v < c.vocabSize(); v++) assertEquals(ref[shorter.length - 1][v], last[v], 1e-4, c.name() + " last logits " + v);
            assertNotSame(model.allLogits(shorter), all, "logits() callers keep their arrays: each call a new one");
        }
    }
}
