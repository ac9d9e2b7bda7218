package glassbox.model.io;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/** Format detection and clear refusals of bad files. */
class ModelFilesTest {
    @TempDir Path dir;

    private static Path shared(String rel) {
        Path root = Path.of(System.getProperty("glassbox.shared", "../shared"));
        Assumptions.assumeTrue(Files.isDirectory(root), "skipped: shared folder " + root.toAbsolutePath() + " is absent");
        return root.resolve(rel);
    }

    @Test void opensBothLlama2cHeadersWithTheTokenizerBesideThem() throws IOException {
        for (String name : new String[]{"stories260K.bin", "stories260K_v1.bin"}) {
            try (var m = ModelFiles.open(shared("models/llama2c/" + name), null)) {
                assertEquals(64, m.config().dim());
                assertEquals(4, m.config().kvHeads());
                assertEquals(512, m.config().vocabSize());
                assertTrue(m.config().tiedHead());
                assertEquals(260_032 - 0, m.parameterCount());
                assertNotNull(m.tokenizer(), "tok512.bin beside the model");
                assertEquals(name.contains("v1") ? "llama2.c v1" : "llama2.c", m.format());
            }
        }
    }

    @Test void truncatedCheckpointIsRefusedNamingTheFile() throws IOException {
        byte[] all = Files.readAllBytes(shared("models/llama2c/stories260K.bin"));
        Path cut = dir.resolve("cut.bin");
        Files.write(cut, Arrays.copyOf(all, all.length - 100));
        var e = assertThrows(ModelFormatException.class, () -> ModelFiles.open(cut, null));
        assertTrue(e.getMessage().contains("cut.bin") && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test void hostileHeadersAreRefused() throws IOException {
        int[][] headers = {{64, 172, 5, 8, 4, 512, 0}, {64, 172, 5, 7, 4, 512, 512}, {64, 172, 5, 8, 3, 512, 512},
                {1 << 20, 1 << 20, 1 << 20, 1, 1, 1 << 24, 1 << 24}, {64, -1, 5, 8, 4, 512, 512}};
        for (int[] h : headers) {
            Path f = dir.resolve("bad.bin");
            ByteBuffer b = ByteBuffer.allocate(28 + 64).order(ByteOrder.LITTLE_ENDIAN);
            for (int v : h) b.putInt(v);
            Files.write(f, b.array());
            var e = assertThrows(ModelFormatException.class, () -> ModelFiles.open(f, null), Arrays.toString(h));
            assertTrue(e.getMessage().contains("bad.bin"), e.getMessage());
        }
    }

    @Test void unknownTinyAndGgufFilesGiveClearMessages() throws IOException {
        Path empty = Files.write(dir.resolve("empty.bin"), new byte[0]);
        assertThrows(ModelFormatException.class, () -> ModelFiles.open(empty, null));
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello, this is not a model at all");
        assertTrue(assertThrows(ModelFormatException.class, () -> ModelFiles.open(text, null)).getMessage().contains("notes.txt"));
        assertThrows(ModelFormatException.class, () -> ModelFiles.open(dir.resolve("missing.bin"), null));
        Path gguf = Files.write(dir.resolve("x.gguf"), new byte[]{'G', 'G', 'U', 'F', 3, 0, 0, 0});
        assertEquals(ModelFiles.Kind.GGUF, ModelFiles.detect(gguf));
    }

    @Test void defaultModelLivesUnderAssets() {
        Path d = ModelFiles.defaultModel();
        // classic is the default; modern stands in only where a checkout lacks classic
        assertTrue(d.endsWith(Path.of("assets", "models", "classic.gguf"))
                || d.endsWith(Path.of("assets", "models", "modern.gguf")) && !java.nio.file.Files.exists(d.resolveSibling("classic.gguf")), d.toString());
    }
}
