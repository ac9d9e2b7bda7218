package glassbox.model.train;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The models in assets/models: small, good enough on held-out Austen, with a previous-token head, speaking English. */
class ShippedModelsTest {

    @ParameterizedTest
    @ValueSource(strings = {"classic", "modern"})
    void shippedModelMeetsItsCard(String name) throws Exception {
        Path file = Path.of(System.getProperty("glassbox.home", "."), "assets", "models", name + ".gguf");
        Assumptions.assumeTrue(Files.isRegularFile(file), "no shipped model at " + file);
        assertTrue(Files.size(file) < 16L << 20, "shipped file under 16 MB");
        var m = GgufModelFile.read(file);
        assertEquals(name.equals("classic") ? "gpt2" : "llama", m.metadata().get("general.architecture"));

        Path corpus = Path.of(System.getProperty("glassbox.shared", "../shared"), "corpus", "austen");
        Assumptions.assumeTrue(Files.isDirectory(corpus), "no corpus at " + corpus + " to hold out from");
        String held = Corpus.load(corpus).validParts().get(4); // the last 5% of Pride and Prejudice
        String slice = held.substring(0, Math.min(held.length(), 6_000));
        double bpb = Evaluator.bitsPerByte(m.model(), m.tokenizer(), slice).bitsPerByte();
        assertTrue(bpb <= 2.5, name + ": " + bpb + " bits/byte on held-out text");

        // the card's measure: 16 windows of 256 tokens over every novel's held-out tail. Uniform causal attention would
        // put about 0.02 on i−1; each model has a head above 0.5 (classic: layer 0 head 3, modern: layer 3 head 3)
        double[][] prev = Evaluator.previousTokenAttention(m.model(), m.tokenizer(), String.join("", Corpus.load(corpus).validParts()), 16);
        double best = Arrays.stream(prev).flatMapToDouble(Arrays::stream).max().orElse(0);
        assertTrue(best > ModelReport.PREVIOUS_TOKEN_THRESHOLD, name + ": strongest previous-token head has mean weight " + best);

        // every word of the greedy continuation is a word Austen used
        String text = Evaluator.greedy(m.model(), m.tokenizer(), ModelReport.PROMPT, 30).substring(ModelReport.PROMPT.length());
        Set<String> known = new HashSet<>(Arrays.asList(Files.readString(corpus.resolve("prideprejudice.txt")).toLowerCase().split("[^\\p{L}]+")));
        long words = 0, english = 0;
        for (String w : text.toLowerCase().split("[^\\p{L}]+")) {
            if (w.isEmpty()) continue;
            words++;
            if (known.contains(w)) english++;
        }
        assertTrue(words >= 5 && english >= 0.9 * words, name + " continued with: " + text);
    }

    /** Two independent forward passes (the trainer's and the engine's, each with its own tokenizer code) score the same. */
    @ParameterizedTest
    @ValueSource(strings = {"classic", "modern"})
    void engineAndTrainerAgreeOnHeldOutLoss(String name) throws Exception {
        Path file = Path.of(System.getProperty("glassbox.home", "."), "assets", "models", name + ".gguf");
        Path corpus = Path.of(System.getProperty("glassbox.shared", "../shared"), "corpus", "austen");
        Assumptions.assumeTrue(Files.isRegularFile(file) && Files.isDirectory(corpus), "no shipped model or corpus");
        String held = Corpus.load(corpus).validParts().get(1);
        String slice = held.substring(0, Math.min(held.length(), 4_000));
        var trainer = Evaluator.bitsPerByte(GgufModelFile.read(file).model(), GgufModelFile.read(file).tokenizer(), slice);
        try (var loaded = glassbox.model.io.ModelFiles.open(file, null, 1)) {
            var engine = glassbox.model.transformer.HeldOutLoss.measure(loaded.transformer(), loaded.tokenizer(), slice);
            assertEquals(trainer.tokens(), engine.scoredTokens(), "same tokens from both tokenizers");
            assertEquals(trainer.bitsPerByte(), engine.bitsPerByte(), 2e-3, name);
        }
    }
}
