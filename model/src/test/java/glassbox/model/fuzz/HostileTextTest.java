package glassbox.model.fuzz;

import glassbox.model.LoadedModel;
import glassbox.model.format.gguf.GgufFile;
import glassbox.model.io.ModelFiles;
import glassbox.model.tokenizer.ByteLevelBpe;
import glassbox.model.tokenizer.SentencePieceBpe;
import glassbox.model.tokenizer.TokenizationSteps;
import glassbox.model.tokenizer.Tokenizer;
import glassbox.model.tokenizer.Tokenizers;
import glassbox.model.trace.ForwardTrace;
import glassbox.model.transformer.ContextWindow;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Hostile text through every tokenizer kind and through the forward pass: nothing throws, ids stay in
 * the vocabulary, valid text round-trips exactly, lone surrogates come back as U+FFFD, long text stays
 * fast (no quadratic merge loop), and prompts longer than the context are cut from the left.
 */
class HostileTextTest {
    private static final Map<String, Tokenizer> TOKENIZERS = new LinkedHashMap<>();

    @BeforeAll
    static void load() throws Exception {
        Path models = Seeds.shared().resolve("models");
        Assumptions.assumeTrue(Files.isDirectory(models), "skipped: " + models + " is absent (../shared not beside the project)");
        TOKENIZERS.put("tok512.bin (SentencePiece)", SentencePieceBpe.fromLlama2c(models.resolve("llama2c/tok512.bin"), 512));
        TOKENIZERS.put("tokenizer_llama2_32k.bin (SentencePiece)", SentencePieceBpe.fromLlama2c(models.resolve("llama2c/tokenizer_llama2_32k.bin"), 32000));
        try (GgufFile g = GgufFile.open(models.resolve("gguf-vocab/ggml-vocab-llama-spm.gguf"))) {
            TOKENIZERS.put("ggml-vocab-llama-spm.gguf (SentencePiece)", Tokenizers.fromGguf(g.metadata(), "ggml-vocab-llama-spm.gguf"));
        }
        TOKENIZERS.put("GPT-2 encoder.json + vocab.bpe (byte-level BPE)", ByteLevelBpe.fromGpt2Files(
                models.resolve("gpt2-tokenizer/encoder.json"), models.resolve("gpt2-tokenizer/vocab.bpe")));
    }

    @Test @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void validTextEncodesInVocabularyAndRoundTrips() {
        for (var tok : TOKENIZERS.entrySet()) {
            for (var text : HostileText.valid().entrySet()) {
                String what = tok.getKey() + " / " + text.getKey();
                long t0 = System.nanoTime();
                int[] ids = assertDoesNotThrow(() -> tok.getValue().encode(text.getValue()), what);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                if (text.getValue().length() > 10_000) {
                    System.out.printf("%s: %,d chars → %,d tokens in %d ms%n", what, text.getValue().length(), ids.length, ms);
                }
                assertInVocabulary(tok.getValue(), ids, what);
                assertEquals(text.getValue(), tok.getValue().decode(ids), what + ": decode(encode(s)) == s");
            }
        }
    }

    @Test
    void loneSurrogatesBecomeReplacementCharacters() {
        for (var tok : TOKENIZERS.entrySet()) {
            for (var text : HostileText.loneSurrogates().entrySet()) {
                String what = tok.getKey() + " / " + text.getKey();
                int[] ids = assertDoesNotThrow(() -> tok.getValue().encode(text.getValue()), what);
                assertInVocabulary(tok.getValue(), ids, what);
                assertEquals(HostileText.replaced(text.getValue()), tok.getValue().decode(ids), what + ": lone surrogates decode as U+FFFD");
                assertArrayEquals(tok.getValue().encode(HostileText.replaced(text.getValue())), ids, what + ": same ids as the U+FFFD text");
            }
        }
    }

    @Test @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void stepsForHugeTextStayBounded() {
        String big = HostileText.hundredThousand(), emoji = HostileText.emoji(10_000);
        for (var tok : TOKENIZERS.entrySet()) {
            for (String text : new String[]{big, emoji}) {
                long t0 = System.nanoTime();
                TokenizationSteps steps = tok.getValue().encodeWithSteps(text);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                System.out.printf("%s: steps for %,d chars: %,d merges in %d ms%n", tok.getKey(), text.length(), steps.merges().size(), ms);
                assertArrayEquals(tok.getValue().encode(text), steps.ids(), tok.getKey() + ": steps agree with encode");
                // the per-merge piece lists are dropped for long texts, else they would cost O(n²) memory
                assertTrue(steps.merges().stream().allMatch(m -> m.after().isEmpty()), tok.getKey());
            }
        }
    }

    /** ×8 text must not take ×64 time: a quadratic merge loop shows clearly on one 200,000-character word. */
    @Test @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void encodeScalesNearLinearly() {
        for (var tok : TOKENIZERS.entrySet()) {
            // one long "word": a single pre-token chunk is the worst case for the merge loop
            String small = "abcdefghij".repeat(2_500), large = "abcdefghij".repeat(20_000);
            tok.getValue().encode(small);   // warm-up
            long a = best(() -> tok.getValue().encode(small)), b = best(() -> tok.getValue().encode(large));
            System.out.printf("%s: one 25,000-char word %d ms, 200,000-char word %d ms (×%.1f for ×8 text)%n",
                    tok.getKey(), a / 1_000_000, b / 1_000_000, (double) b / Math.max(1, a));
            // linear ≈ ×8 (log factors, GC and a busy machine allowed: ×16 seen), quadratic ≈ ×64
            assertTrue(b < 32.0 * Math.max(a, 2_000_000), tok.getKey() + " grows faster than n log n: " + a + " → " + b + " ns");
        }
    }

    @Test @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void promptsLongerThanTheContextAreCutFromTheLeftAndRun() throws Exception {
        Path stories = Seeds.shared().resolve("models/llama2c/stories260K.bin");
        Path tok = Seeds.shared().resolve("models/llama2c/tok512.bin");
        try (LoadedModel m = ModelFiles.open(stories, tok)) {
            int context = m.config().contextLength();
            Tokenizer t = m.tokenizer();
            Map<String, String> texts = new LinkedHashMap<>(HostileText.valid());
            texts.putAll(HostileText.loneSurrogates());
            for (var text : texts.entrySet()) {
                int[] ids = Tokenizer.concat(t.bos(), t.encode(text.getValue()));
                ContextWindow.Fit fit = ContextWindow.fit(ids, context, true);
                assertEquals(Math.min(ids.length, context), fit.ids().length, text.getKey());
                assertEquals(Math.max(0, ids.length - context), fit.dropped(), text.getKey());
                assertEquals(t.bos(), fit.ids()[0], text.getKey() + ": BOS kept");
                if (fit.dropped() > 0) {
                    // the kept tail is the end of the prompt
                    assertEquals(ids[ids.length - 1], fit.ids()[context - 1], text.getKey());
                    assertEquals(ids[ids.length - context + 1], fit.ids()[1], text.getKey());
                }
                float[] logits = m.transformer().logits(fit.ids());
                assertEquals(m.config().vocabSize(), logits.length);
                for (float v : logits) assertTrue(Float.isFinite(v), text.getKey() + ": logits are finite");
            }
            // the views' trace over a full context
            int[] full = ContextWindow.fit(Tokenizer.concat(t.bos(), t.encode(HostileText.hundredThousand())), context, true).ids();
            long t0 = System.nanoTime();
            ForwardTrace trace = m.transformer().trace(full);
            System.out.printf("stories260K: 100,000-char prompt → %d tokens kept of the context %d; full trace in %d ms%n",
                    full.length, context, (System.nanoTime() - t0) / 1_000_000);
            assertEquals(context, trace.tokens().length);
        }
    }

    @Test
    void contextWindowEdgeCases() {
        assertArrayEquals(new int[0], ContextWindow.fit(new int[0], 4, true).ids());
        assertArrayEquals(new int[]{9}, ContextWindow.fit(new int[]{1, 7, 8, 9}, 1, true).ids(), "context 1 keeps the last token, not BOS");
        assertEquals(3, ContextWindow.fit(new int[]{1, 7, 8, 9}, 1, true).dropped());
        assertArrayEquals(new int[]{1, 9}, ContextWindow.fit(new int[]{1, 7, 8, 9}, 2, true).ids());
        assertThrows(IllegalArgumentException.class, () -> ContextWindow.fit(new int[]{1}, 0, true));
    }

    /** Best of three in this thread's CPU time, so a busy machine (other processes) does not skew the ratio. */
    private static long best(Runnable r) {
        var bean = java.lang.management.ManagementFactory.getThreadMXBean();
        long best = Long.MAX_VALUE;
        for (int k = 0; k < 3; k++) {
            long t0 = bean.getCurrentThreadCpuTime();
            r.run();
            best = Math.min(best, bean.getCurrentThreadCpuTime() - t0);
        }
        return best;
    }

    private static void assertInVocabulary(Tokenizer t, int[] ids, String what) {
        for (int id : ids) assertTrue(id >= 0 && id < t.vocabSize(), what + ": id " + id + " outside the vocabulary " + t.vocabSize());
    }
}
