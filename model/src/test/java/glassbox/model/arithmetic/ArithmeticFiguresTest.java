package glassbox.model.arithmetic;

import static org.junit.jupiter.api.Assertions.*;

import glassbox.model.config.ModelConfig;
import org.junit.jupiter.api.Test;

/** Published figures, reproduced exactly. */
class ArithmeticFiguresTest {

    /** The worked interview example: ChatGLM2-6B's shape at s = 8,192 without biases. */
    static final ArchSpec INTERVIEW = new ArchSpec("interview", 4096, 13696, 32, 2, 28, 65024, 8192, 8192,
            FfnType.SWIGLU, Biases.NONE, false, Positions.ROPE, Norm.RMS_NORM, 2);

    @Test
    void gpt2FamilyMatchesHuggingFaceCounts() {
        assertEquals(124_439_808L, ParameterCount.total(Presets.get("gpt2-small")));
        assertEquals(354_823_168L, ParameterCount.total(Presets.get("gpt2-medium")));
        assertEquals(774_030_080L, ParameterCount.total(Presets.get("gpt2-large")));
        assertEquals(1_557_611_200L, ParameterCount.total(Presets.get("gpt2-xl")));
    }

    @Test
    void llamaFamilyMatchesReleasedCheckpoints() {
        assertEquals(6_738_415_616L, ParameterCount.total(Presets.get("llama-7b")));
        assertEquals(13_015_864_320L, ParameterCount.total(Presets.get("llama-13b")));
        assertEquals(65_285_660_672L, ParameterCount.total(Presets.get("llama-65b")));
        assertEquals(68_976_648_192L, ParameterCount.total(Presets.get("llama2-70b")));
    }

    @Test
    void gpt3IsAbout175Billion() {
        long n = ParameterCount.total(Presets.get("gpt3-175b"));
        assertEquals(175e9, n, 0.01 * 175e9);
    }

    @Test
    void interviewExampleForwardFlopsExactly() {
        assertEquals(128_714_721_460_224L, Flops.sequence(INTERVIEW));
        // the same from the convention written out independently
        long d = 4096, f = 13696, kvd = 256, L = 28, V = 65024, s = 8192;
        long perLayer = 2 * d * d + 4 * d * kvd + 2 * s * d + 2 * s * d + 2 * d * d + 6 * d * f + f;
        assertEquals(s * (L * perLayer + 2 * d * V), Flops.sequence(INTERVIEW));
        assertEquals(L * perLayer + 2 * d * V, Flops.perToken(INTERVIEW));
    }

    @Test
    void causalVariantAndTraining() {
        var v = Flops.variants(INTERVIEW);
        long s = 8192, d = 4096, L = 28;
        long full = Flops.sequence(INTERVIEW);
        // full attention counts s² (query, key) pairs, causal s(s+1)/2: the difference is 4·d·L·(s² − s(s+1)/2)
        assertEquals(full - 4 * d * L * (s * s - s * (s + 1) / 2), v.valueOf("flops_more.causal"));
        assertEquals(6 * ParameterCount.total(INTERVIEW) * s, v.value());
    }

    @Test
    void kvCacheMatchesTheUsualQuotes() {
        // Llama-2-7B: 0.5 MiB per token at fp16, 2 GiB for 4,096 tokens
        var l7 = Memory.kvCache(Presets.get("llama2-7b"));
        assertEquals(512 * 1024L, l7.valueOf("kv.per_token"));
        assertEquals(2L << 30, l7.value());
        // Llama-2-70B with 8 KV heads: 320 KiB per token
        assertEquals(320 * 1024L, Memory.kvCache(Presets.get("llama2-70b")).valueOf("kv.per_token"));
    }

    @Test
    void weightsAndAdam() {
        var s = Presets.get("llama-7b");
        long n = 6_738_415_616L;
        var w = Memory.weights(s);
        assertEquals(4 * n, w.valueOf("mem_weights.fp32"));
        assertEquals(n / 2, w.valueOf("mem_weights.int4"));
        assertEquals(2 * n, w.value());
        assertEquals(16 * n, Memory.training(s).valueOf("mem_train.adam"));
    }

    @Test
    void fromModelConfigMatchesPreset() {
        var c = ModelConfig.gpt2("gpt2", 768, 3072, 12, 12, 50257, 1024);
        assertEquals(124_439_808L, ParameterCount.total(ArchSpec.from(c)));
        var l = ModelConfig.llama("l", 4096, 11008, 32, 32, 32, 32000, 2048, false);
        assertEquals(6_738_415_616L, ParameterCount.total(ArchSpec.from(l)));
    }

    @Test
    void unknownPresetListsNames() {
        var e = assertThrows(IllegalArgumentException.class, () -> Presets.get("gpt5"));
        assertTrue(e.getMessage().contains("gpt2-small") && e.getMessage().contains("chatglm2-6b"), e.getMessage());
    }

    @Test
    void badShapesAreRejectedClearly() {
        var e = assertThrows(IllegalArgumentException.class, () -> INTERVIEW.withKvHeads(3));
        assertTrue(e.getMessage().contains("multiple"));
    }
}
