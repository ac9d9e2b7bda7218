package glassbox.model.fuzz;

import glassbox.model.format.gguf.GgufFile;
import glassbox.model.format.safetensors.SafetensorsFile;
import glassbox.model.io.ModelFiles;
import glassbox.model.io.ModelFormatException;
import glassbox.model.tokenizer.ByteLevelBpe;
import glassbox.model.tokenizer.Tokenizers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The inputs the fuzzer found that once ended in something other than a clear one-line error
 * naming the file; each is rebuilt here by hand so the fix stays.
 */
class ReaderRegressionTest {
    @TempDir Path dir;

    private static final byte[] BAD_UTF8 = {'{', '"', 'a', (byte) 0xC3, '"', ':', '1', '}'};

    /** Found as MalformedInputException "Input length = 1" (no file name) from encoder.json, vocab.bpe, tokenizer.json, config.json. */
    @Test
    void invalidUtf8InTextFilesNamesTheFile() throws IOException {
        Path enc = Files.write(dir.resolve("encoder.json"), BAD_UTF8);
        Path merges = Files.writeString(dir.resolve("vocab.bpe"), "#version: 0.2\na b\n");
        assertClear(() -> ByteLevelBpe.fromGpt2Files(enc, merges), "encoder.json", "UTF-8");
        Path goodEnc = Files.writeString(dir.resolve("good.json"), "{\"a\": 0, \"b\": 1, \"ab\": 2}");
        Path badMerges = Files.write(dir.resolve("merges.bpe"), new byte[]{'a', ' ', (byte) 0xFF, '\n'});
        assertClear(() -> ByteLevelBpe.fromGpt2Files(goodEnc, badMerges), "merges.bpe", "UTF-8");
        Path tj = Files.write(dir.resolve("tokenizer.json"), BAD_UTF8);
        assertClear(() -> ByteLevelBpe.fromHuggingFace(tj), "tokenizer.json", "UTF-8");
        Path folder = Files.createDirectories(dir.resolve("hf"));
        Map<String, byte[]> files = TinyFiles.tinySafetensorsLlama("{}".getBytes(StandardCharsets.UTF_8), 8);
        Files.write(folder.resolve("model.safetensors"), files.get("model.safetensors"));
        Files.write(folder.resolve("config.json"), BAD_UTF8);
        assertClear(() -> ModelFiles.open(folder, null), "config.json", "UTF-8");
    }

    /** Found as a GGUF message carrying kilobytes of binary (a key length shifted into the data) over many lines. */
    @Test
    void ggufKeysWithControlCharactersGiveOneLine() throws IOException {
        GgufImage img = GgufImage.parse(TinyFiles.tinyGguf());
        byte[] key = "tokenizer.ggml.model\n\u0000\u0007 and then a long tail of binary".repeat(40).getBytes(StandardCharsets.UTF_8);
        img.kvs.addFirst(new GgufImage.Kv(key, 99, new byte[0]));
        Path p = Files.write(dir.resolve("ctrl.gguf"), img.write());
        assertClear(() -> GgufFile.open(p), "ctrl.gguf", "unknown value type");
    }

    /** Found as "unexpected character ' '" with a raw NUL, and DEL, inside the JSON error. */
    @Test
    void jsonErrorsShowControlCharactersAsCodePoints() throws IOException {
        Path tj = Files.writeString(dir.resolve("tokenizer.json"), "{\"model\": \u0000}");
        ModelFormatException e = assertClear(() -> ByteLevelBpe.fromHuggingFace(tj), "tokenizer.json", "U+0000");
        assertFalse(e.getMessage().contains("\u0000"));
    }

    /** Found as "tensor ... has dtype F3<DEL>" with the DEL byte in the message. */
    @Test
    void safetensorsDtypeWithControlCharacterGivesOneLine() throws IOException {
        String header = "{\"w\":{\"dtype\":\"F3\u007f\",\"shape\":[1],\"data_offsets\":[0,4]}}";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).putFloat(1f);
        Path p = Files.write(dir.resolve("x.safetensors"), b.array());
        assertClear(() -> {
            try (SafetensorsFile f = SafetensorsFile.open(p)) { return f.tensor(f.entries().get("w")); }
        }, "x.safetensors", "dtype");
    }

    /** Found as a valid load: with a tensor listed twice, the JSON parser kept the last entry and a first-wins reader would differ. */
    @Test
    void safetensorsHeaderWithADuplicatedTensorIsRefused() throws IOException {
        String header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).putFloat(1f).putFloat(2f);
        Path p = Files.write(dir.resolve("dup.safetensors"), b.array());
        assertClear(() -> SafetensorsFile.open(p), "dup.safetensors", "duplicate key");
    }

    /** Found as "tokenizer: 3 tokens but 2 token types" and "tokenizer: merge 51 ..." — no file name. */
    @Test
    void ggufVocabularyErrorsNameTheFile() {
        Map<String, Object> md = Map.of("tokenizer.ggml.model", "gpt2", "tokenizer.ggml.tokens", List.of("a", "b", "ab"),
                "tokenizer.ggml.merges", List.of("a\u0007"));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Tokenizers.fromGguf(md, "vocab.gguf"));
        assertTrue(e.getMessage().startsWith("vocab.gguf: "), e.getMessage());
        assertOneLine(e.getMessage());
    }

    /** Found as "tokenizer model ' lama'" with a NUL byte in it. */
    @Test
    void unknownTokenizerModelNameIsPrintable() {
        Map<String, Object> md = Map.of("tokenizer.ggml.model", "\u0000lama", "tokenizer.ggml.tokens", List.of("a"));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Tokenizers.fromGguf(md, "m.gguf"));
        assertOneLine(e.getMessage());
    }

    interface Action { Object run() throws Exception; }

    private static ModelFormatException assertClear(Action a, String file, String about) {
        Exception e = assertThrows(Exception.class, a::run);
        assertInstanceOf(ModelFormatException.class, e, () -> "expected a ModelFormatException, got " + e);
        assertTrue(e.getMessage().contains(file), "names " + file + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(about), "says " + about + ": " + e.getMessage());
        assertOneLine(e.getMessage());
        return (ModelFormatException) e;
    }

    private static void assertOneLine(String m) {
        assertTrue(m.length() <= 500, "short: " + m.length() + " chars");
        assertTrue(m.chars().noneMatch(Character::isISOControl), "no control characters: " + m);
    }
}
