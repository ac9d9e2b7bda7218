package glassbox.model.tokenizer;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Locates ../shared and reads llama.cpp's tokenizer test vectors. */
final class TokenizerFixtures {
    private TokenizerFixtures() {}

    static Path shared(String relative) {
        Path root = Path.of(System.getProperty("glassbox.shared", "../shared"));
        Path p = root.resolve(relative);
        Assumptions.assumeTrue(Files.exists(p), "skipped: " + p + " is absent (../shared not beside the project)");
        return p;
    }

    /** One llama.cpp vector: the input text and the expected ids. */
    record Vector(String text, int[] ids) {}

    static List<Vector> vectors(Path gguf) throws IOException {
        Path inp = Path.of(gguf + ".inp"), out = Path.of(gguf + ".out");
        String all = Files.readString(inp, StandardCharsets.UTF_8);
        List<String> texts = new ArrayList<>(Arrays.asList(all.split("\n__ggml_vocab_test__\n", -1)));
        if (!texts.isEmpty() && texts.getLast().isEmpty()) texts.removeLast();
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        List<Vector> v = new ArrayList<>();
        for (int k = 0; k < texts.size(); k++) {
            String line = lines.get(k).trim();
            int[] ids = line.isEmpty() ? new int[0] : Arrays.stream(line.split("\\s+")).mapToInt(Integer::parseInt).toArray();
            v.add(new Vector(texts.get(k), ids));
        }
        return v;
    }
}
