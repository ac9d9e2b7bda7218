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
}
