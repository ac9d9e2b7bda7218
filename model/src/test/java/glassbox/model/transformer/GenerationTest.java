package glassbox.model.transformer;

import glassbox.model.config.ModelConfig;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** The generation loop's stop rules, and a KV cache that grows past its first allocation. */
class GenerationTest {
    private static final ModelConfig C = ModelConfig.llama("gen", 16, 24, 2, 4, 2, 19, 200, true);
    private static final Transformer MODEL = new Transformer(C, RandomWeights.make(C, 21), 1);
    private static final int[] PROMPT = {1, 7, 3};

    @Test void stopsAtMaxTokens() {
        var r = Generation.run(MODEL, PROMPT, 5, new Sampler(0f, 0, 1f, 1), -1, -1, null);
        assertEquals(8, r.ids().length);
        assertEquals(Generation.Stop.MAX_TOKENS, r.stop());
        assertArrayEquals(PROMPT, Arrays.copyOf(r.ids(), 3));
        assertEquals(Sampler.argmax(MODEL.logits(PROMPT)), r.ids()[3], "first generated token is the greedy pick");
    }

    @Test void stopsWhenEosOrBosIsSampled() {
        int first = Sampler.argmax(MODEL.logits(PROMPT));
        var eos = Generation.run(MODEL, PROMPT, 5, new Sampler(0f, 0, 1f, 1), -1, first, null);
        assertEquals(Generation.Stop.EOS, eos.stop());
        assertArrayEquals(PROMPT, eos.ids(), "the stopping token is not kept");
        var bos = Generation.run(MODEL, PROMPT, 5, new Sampler(0f, 0, 1f, 1), first, -1, null);
        assertEquals(Generation.Stop.BOS, bos.stop());
    }

    @Test void stopsWhenTheContextIsFull() {
        var small = ModelConfig.llama("short", 16, 24, 1, 4, 2, 19, 6, true);
        var r = Generation.run(new Transformer(small, RandomWeights.make(small, 3), 1), PROMPT, 50, new Sampler(0f, 0, 1f, 1), -1, -1, null);
        assertEquals(Generation.Stop.CONTEXT_FULL, r.stop());
        assertEquals(7, r.ids().length, "6 positions fed, the 7th token predicted");
    }

    @Test void longDecodeThroughAGrowingCacheEqualsOnePrefill() {
        var rnd = new SplittableRandom(4);
        int[] tokens = new int[150];
        for (int i = 0; i < tokens.length; i++) tokens[i] = rnd.nextInt(C.vocabSize());
        var session = MODEL.newSession();
        float[] stepped = null;
        for (int t : tokens) stepped = session.step(t);
        assertArrayEquals(MODEL.logits(tokens), stepped, 1e-4f);
        var split = MODEL.newSession();
        split.prefill(Arrays.copyOf(tokens, 70));
        assertArrayEquals(stepped, split.prefill(Arrays.copyOfRange(tokens, 70, 150)), 1e-4f, "prefill in two blocks");
        assertTrue(session.cache().capacityBytes() >= session.cache().bytes());
        assertThrows(IllegalStateException.class, () -> {
            var s = MODEL.newSession();
            s.prefill(new int[C.contextLength()]);
            s.step(1);
        });
    }
}
