package glassbox.model.format;

import glassbox.model.LoadedModel;
import glassbox.model.config.ModelConfig;
import glassbox.model.format.gguf.GgmlType;
import glassbox.model.format.gguf.GgufExport;
import glassbox.model.format.gguf.GgufWriter;
import glassbox.model.io.ModelFiles;
import glassbox.model.io.ModelFormatException;
import glassbox.model.tensor.F32Tensor;
import glassbox.model.transformer.LayerWeights;
import glassbox.model.transformer.ModelWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * (Run more mutator cases with -Dglassbox.fuzzCases=N.)
 * Untrusted model files: every truncation of a small GGUF, a seeded mutator over its header, and hand-made
 * hostile GGUF and safetensors headers must end in a ModelFormatException (or, for a harmless mutation, a
 * model that runs) — never another exception, a hang, or an out-of-memory error.
 */
class HostileModelFilesTest {
    @TempDir Path dir;
    static final int CASES = Integer.getInteger("glassbox.fuzzCases", 500);

    static float[] rnd(Random r, int n) { float[] a = new float[n]; for (int i = 0; i < n; i++) a[i] = (float) r.nextGaussian() * 0.2f; return a; }

    /** A tiny Llama (GQA) with a 40-token SentencePiece-style vocabulary, as GGUF bytes. */
    static byte[] tinyLlama(Path dir, GgmlType type) throws IOException {
        Random r = new Random(1);
        int dim = 32, hidden = 64, vocab = 40, kv = 16;
        var config = ModelConfig.llama("tiny", dim, hidden, 2, 4, 2, vocab, 16, true);
        List<LayerWeights> layers = new ArrayList<>();
        for (int l = 0; l < 2; l++) {
            layers.add(LayerWeights.llama(F32Tensor.of(rnd(r, dim)), F32Tensor.of(rnd(r, dim * dim)), F32Tensor.of(rnd(r, kv * dim)),
                    F32Tensor.of(rnd(r, kv * dim)), F32Tensor.of(rnd(r, dim * dim)), F32Tensor.of(rnd(r, dim)),
                    F32Tensor.of(rnd(r, hidden * dim)), F32Tensor.of(rnd(r, hidden * dim)), F32Tensor.of(rnd(r, dim * hidden))));
        }
        var emb = F32Tensor.of(rnd(r, vocab * dim));
        var w = new GgufWriter();
        GgufExport.addModel(w, config, new ModelWeights(emb, null, layers, F32Tensor.of(rnd(r, dim)), null, emb), type);
        List<String> tokens = new ArrayList<>(List.of("<unk>", "<s>", "</s>"));
        for (int i = 3; i < vocab; i++) tokens.add(i < 3 + 26 ? "\u2581" + (char) ('a' + i - 3) : String.valueOf((char) ('a' + i - 29)));
        int[] types = new int[vocab];
        Arrays.fill(types, 1);
        types[0] = 2; types[1] = 3; types[2] = 3;
        w.putString("tokenizer.ggml.model", "llama").putStrings("tokenizer.ggml.tokens", tokens)
                .putFloats("tokenizer.ggml.scores", new float[vocab]).putInts("tokenizer.ggml.token_type", types)
                .putUInt32("tokenizer.ggml.bos_token_id", 1).putUInt32("tokenizer.ggml.eos_token_id", 2);
        Path p = dir.resolve("tiny-base.gguf");
        w.write(p);
        return Files.readAllBytes(p);
    }

    enum Outcome { REJECTED, LOADED }

    /** Opens and, if it loads, runs the model; anything but a ModelFormatException fails the test. */
    Outcome attempt(byte[] bytes, String what) throws IOException {
        Path p = dir.resolve("case.gguf");
        Files.write(p, bytes);
        try (LoadedModel m = ModelFiles.open(p, null, 1)) {
            int n = Math.min(3, m.config().contextLength());
            float[] logits = m.transformer().logits(Arrays.copyOf(new int[]{1, 5, 7}, n));
            assertEquals(m.config().vocabSize(), logits.length);
            if (m.tokenizer() != null) m.tokenizer().encode("a b c");
            return Outcome.LOADED;
        } catch (ModelFormatException e) {
            assertNotNull(e.getMessage());
            assertFalse(e.getMessage().isBlank(), what);
            return Outcome.REJECTED;
        } catch (Throwable t) {
            throw new AssertionError(what + ": " + t, t);
        }
    }

    @Test void everyTruncationIsAClearError() throws IOException {
        byte[] base = tinyLlama(dir, GgmlType.F32);
        assertEquals(Outcome.LOADED, attempt(base, "intact"));
        int rejected = 0, loaded = 0;
        Files.write(dir.resolve("base.gguf"), base);
        long headerEnd;
        try (var f = glassbox.model.format.gguf.GgufFile.open(dir.resolve("base.gguf"))) { headerEnd = f.dataStart(); }
        // every byte of the header, then every tensor boundary region in steps through the data
        for (int len = 0; len < base.length; len += len < headerEnd ? 1 : 509) {
            if (attempt(Arrays.copyOf(base, len), "truncated to " + len) == Outcome.REJECTED) rejected++; else loaded++;
        }
        System.out.printf("GGUF truncations: %d rejected with a message, %d loaded (cut inside trailing padding)%n", rejected, loaded);
        assertTrue(rejected > 100);
    }

    @Test void seededMutationsEndInAClearErrorOrAWorkingModel() throws IOException {
        for (GgmlType type : new GgmlType[]{GgmlType.F32, GgmlType.Q8_0}) {
            byte[] base = tinyLlama(dir, type);
            Random r = new Random(2024);
            int rejected = 0, loaded = 0;
            int headerBytes = (int) Math.min(base.length, 4096);
            for (int c = 0; c < CASES; c++) {
                byte[] b = base.clone();
                int edits = 1 + r.nextInt(3);
                for (int e = 0; e < edits; e++) {
                    int at = r.nextInt(headerBytes);
                    switch (r.nextInt(4)) {
                        case 0 -> b[at] ^= (byte) (1 << r.nextInt(8));                 // bit flip
                        case 1 -> b[at] = (byte) r.nextInt(256);                        // random byte
                        case 2 -> { for (int k = 0; k < 8 && at + k < b.length; k++) b[at + k] = (byte) 0xFF; } // huge/negative count
                        default -> { for (int k = 0; k < 4 && at + k < b.length; k++) b[at + k] = 0; }          // zero length/dim
                    }
                }
                if (attempt(b, type + " mutation " + c) == Outcome.REJECTED) rejected++; else loaded++;
            }
            System.out.printf("GGUF %s header mutations: %d cases, %d rejected with a message, %d still a working model%n", type, CASES, rejected, loaded);
        }
    }

    @Test void wrongShapesNameTheTensorAndTheExpectedShape() throws IOException {
        Random r = new Random(5);
        var w = new GgufWriter().putString("general.architecture", "llama")
                .putUInt32("llama.embedding_length", 32).putUInt32("llama.feed_forward_length", 64).putUInt32("llama.block_count", 1)
                .putUInt32("llama.attention.head_count", 4).putUInt32("llama.context_length", 16);
        w.addTensor("token_embd.weight", new long[]{32, 10}, GgmlType.F32, rnd(r, 320));
        w.addTensor("output_norm.weight", new long[]{32}, GgmlType.F32, rnd(r, 32));
        w.addTensor("blk.0.attn_norm.weight", new long[]{32}, GgmlType.F32, rnd(r, 32));
        w.addTensor("blk.0.attn_q.weight", new long[]{32, 16}, GgmlType.F32, rnd(r, 512)); // should be 32×32
        Path p = dir.resolve("shape.gguf");
        w.write(p);
        var e = assertThrows(ModelFormatException.class, () -> ModelFiles.open(p, null));
        assertTrue(e.getMessage().contains("blk.0.attn_q.weight") && e.getMessage().contains("[32, 32]"), e.getMessage());
    }

    @Test void unknownArchitectureAndVocabOnlyFilesAreNamed() throws IOException {
        Path p = dir.resolve("bert.gguf");
        new GgufWriter().putString("general.architecture", "bert").write(p);
        var e = assertThrows(ModelFormatException.class, () -> ModelFiles.open(p, null));
        assertTrue(e.getMessage().contains("'bert'") && e.getMessage().contains("llama"), e.getMessage());
        Path q = dir.resolve("noarch.gguf");
        new GgufWriter().putString("tokenizer.ggml.model", "llama").write(q);
        e = assertThrows(ModelFormatException.class, () -> ModelFiles.open(q, null));
        assertTrue(e.getMessage().contains("general.architecture"), e.getMessage());
    }

    @Test void hostileGgufCountsAreRefusedBeforeAllocating() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46554747).putInt(3).putLong(0).putLong(1);
        b.putLong(1).put((byte) 'k').putInt(9).putInt(6).putLong(Long.MAX_VALUE / 4); // float array of 2^61 elements
        Path p = dir.resolve("huge.gguf");
        Files.write(p, b.array());
        var e = assertThrows(ModelFormatException.class, () -> ModelFiles.open(p, null));
        assertTrue(e.getMessage().contains("k"), e.getMessage());
    }

    // ---- safetensors ----

    Path safetensors(String header, int dataBytes) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        Path folder = Files.createTempDirectory(dir, "st");
        Files.write(folder.resolve("model.safetensors"), b.array());
        Files.writeString(folder.resolve("config.json"), "{\"model_type\":\"gpt2\",\"n_embd\":4,\"n_layer\":1,\"n_head\":1,\"n_positions\":2,\"vocab_size\":3}");
        return folder;
    }

    void rejects(Path folder, String fragment) {
        var e = assertThrows(ModelFormatException.class, () -> ModelFiles.open(folder, null));
        assertTrue(e.getMessage().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
    }

    @Test void hostileSafetensorsHeadersAreNamed() throws IOException {
        rejects(safetensors("{\"wte.weight\":{\"dtype\":\"F32\",\"shape\":[3,4],\"data_offsets\":[0,48]}}", 40), "outside the data section");
        rejects(safetensors("{\"wte.weight\":{\"dtype\":\"F32\",\"shape\":[3,4],\"data_offsets\":[0,40]}}", 48), "needs 48 bytes");
        rejects(safetensors("{\"a\":{\"dtype\":\"F16\",\"shape\":[4],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F16\",\"shape\":[4],\"data_offsets\":[4,12]}}", 16), "overlaps");
        rejects(safetensors("{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", 4), "dimension");
        rejects(safetensors("{\"a\":{\"dtype\":\"F32\",\"shape\":[4611686018427387904,4],\"data_offsets\":[0,4]}}", 4), "too");
        rejects(safetensors("{\"a\": [1, 2", 0), "JSON");
        rejects(safetensors("{\"wte.weight\":{\"dtype\":\"I8\",\"shape\":[3,4],\"data_offsets\":[0,12]}}", 12), "I8");
        rejects(safetensors("{}", 0), "wte.weight");
        // header length beyond the file
        Path folder = Files.createTempDirectory(dir, "st");
        Files.write(folder.resolve("model.safetensors"), new byte[]{(byte) 0xFF, (byte) 0xFF, 0, 0, 0, 0, 0, 0, '{', '}'});
        Files.writeString(folder.resolve("config.json"), "{\"model_type\":\"gpt2\"}");
        rejects(folder, "header length");
        // a folder without config.json
        Path lone = Files.createTempDirectory(dir, "st");
        Files.write(lone.resolve("model.safetensors"), new byte[]{2, 0, 0, 0, 0, 0, 0, 0, '{', '}'});
        rejects(lone, "config.json");
    }

    @Test void safetensorsTruncatedAnywhereIsAClearError() throws IOException {
        String header = "{\"wte.weight\":{\"dtype\":\"F32\",\"shape\":[3,4],\"data_offsets\":[0,48]},\"__metadata__\":{\"format\":\"pt\"}}";
        Path folder = safetensors(header, 48);
        byte[] full = Files.readAllBytes(folder.resolve("model.safetensors"));
        for (int len = 0; len < full.length; len++) {
            Files.write(folder.resolve("model.safetensors"), Arrays.copyOf(full, len));
            assertThrows(ModelFormatException.class, () -> ModelFiles.open(folder, null), "truncated to " + len);
        }
    }
}
