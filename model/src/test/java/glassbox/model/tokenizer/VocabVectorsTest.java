package glassbox.model.tokenizer;

import glassbox.model.format.gguf.GgufFile;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** llama.cpp's own tokenizer test vectors (ids without BOS, special tokens parsed as plain text). */
class VocabVectorsTest {

    static int passes(Path gguf, StringBuilder firstFailure) throws Exception {
        try (GgufFile f = GgufFile.open(gguf)) {
            Tokenizer tok = Tokenizers.fromGguf(f.metadata(), gguf.getFileName().toString());
            int ok = 0;
            for (TokenizerFixtures.Vector v : TokenizerFixtures.vectors(gguf)) {
                int[] got = tok.encode(v.text());
                if (Arrays.equals(v.ids(), got)) ok++;
                else if (firstFailure != null && firstFailure.isEmpty()) {
                    firstFailure.append("'").append(v.text()).append("': expected ").append(Arrays.toString(v.ids()))
                            .append(" got ").append(Arrays.toString(got));
                }
            }
            return ok;
        }
    }

    @Test
    void gpt2Passes46of46() throws Exception {
        StringBuilder fail = new StringBuilder();
        assertEquals(46, passes(TokenizerFixtures.shared("models/gguf-vocab/ggml-vocab-gpt-2.gguf"), fail), fail.toString());
    }

    @Test
    void llamaSpmPasses46of46() throws Exception {
        StringBuilder fail = new StringBuilder();
        assertEquals(46, passes(TokenizerFixtures.shared("models/gguf-vocab/ggml-vocab-llama-spm.gguf"), fail), fail.toString());
    }

    /** Every other vocabulary with vectors: prints the table and guards against regressions. */
    @Test
    void reportEveryVocabulary() throws Exception {
        Path dir = TokenizerFixtures.shared("models/gguf-vocab");
        // floors measured when this test was written; raise them as pre-tokenizers improve
        Map<String, Integer> floors = Map.of("ggml-vocab-gpt-2.gguf", 46, "ggml-vocab-llama-spm.gguf", 46,
                "ggml-vocab-phi-3.gguf", 46, "ggml-vocab-falcon.gguf", 46, "ggml-vocab-refact.gguf", 46,
                "ggml-vocab-starcoder.gguf", 46, "ggml-vocab-deepseek-coder.gguf", 46, "ggml-vocab-deepseek-llm.gguf", 46,
                "ggml-vocab-mpt.gguf", 46);
        Map<String, String> table = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".gguf") && Files.exists(Path.of(p + ".out"))).sorted().toList();
        }
        for (Path p : files) {
            String name = p.getFileName().toString();
            try {
                StringBuilder fail = new StringBuilder();
                int ok = passes(p, fail);
                table.put(name, ok + "/46" + (fail.isEmpty() ? "" : "   first miss: " + fail.substring(0, Math.min(120, fail.length()))));
                assertTrue(ok >= floors.getOrDefault(name, 0), name + " regressed to " + ok);
            } catch (glassbox.model.io.ModelFormatException e) {
                table.put(name, "not supported: " + e.getMessage());
            }
        }
        System.out.println("llama.cpp tokenizer vectors:");
        table.forEach((k, v) -> System.out.printf("  %-36s %s%n", k, v));
    }
}
