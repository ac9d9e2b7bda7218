package glassbox.model.tokenizer;

import glassbox.model.format.gguf.GgufFile;
import glassbox.model.io.ModelFormatException;
import glassbox.model.json.JsonText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import static org.junit.jupiter.api.Assertions.*;

/** The same vocabulary read from different file formats must pass the same external vectors. */
class CrossFormatTest {

    static int passes(Tokenizer tok, Path vectorsOf, StringBuilder firstFailure) throws Exception {
        int ok = 0;
        for (TokenizerFixtures.Vector v : TokenizerFixtures.vectors(vectorsOf)) {
            int[] got = tok.encode(v.text());
            if (Arrays.equals(v.ids(), got)) ok++;
            else if (firstFailure.isEmpty()) {
                firstFailure.append(VocabVectorsTest.class.getSimpleName()).append(" miss '").append(v.text()).append("': expected ")
                        .append(Arrays.toString(v.ids())).append(" got ").append(Arrays.toString(got));
            }
        }
        return ok;
    }

    @Test
    void tinyRandomLlamaGgufTokenizerPassesTheLlamaSpmVectors() throws Exception {
        Path gguf = TokenizerFixtures.shared("models/gguf/llama-2-tiny-random.gguf");
        Path vectors = TokenizerFixtures.shared("models/gguf-vocab/ggml-vocab-llama-spm.gguf");
        try (GgufFile f = GgufFile.open(gguf)) {
            Tokenizer tok = Tokenizers.fromGguf(f);
            StringBuilder fail = new StringBuilder();
            assertEquals(46, passes(tok, vectors, fail), fail.toString());
            assertEquals(1, tok.bos());
            assertEquals(2, tok.eos());
        }
    }

    @Test
    void llama2cExportOfTheLlama2VocabularyPassesTheLlamaSpmVectors() throws Exception {
        Path bin = TokenizerFixtures.shared("models/llama2c/tokenizer_llama2_32k.bin");
        Path vectors = TokenizerFixtures.shared("models/gguf-vocab/ggml-vocab-llama-spm.gguf");
        SentencePieceBpe tok = SentencePieceBpe.fromLlama2c(bin, 32000);
        StringBuilder fail = new StringBuilder();
        int ok = passes(tok, vectors, fail);
        System.out.println("tokenizer_llama2_32k.bin (run.c encoder) on llama-spm vectors: " + ok + "/46 " + fail);
        assertEquals(46, ok, fail.toString());
    }

    /** A tokenizer.json written from GPT-2's own files must tokenize like llama.cpp's GPT-2 vectors. */
    @Test
    void huggingFaceTokenizerJsonPassesTheGpt2Vectors(@TempDir Path dir) throws Exception {
        Path src = TokenizerFixtures.shared("models/gpt2-tokenizer");
        Path vectors = TokenizerFixtures.shared("models/gguf-vocab/ggml-vocab-gpt-2.gguf");
        String encoder = Files.readString(src.resolve("encoder.json"), StandardCharsets.UTF_8);
        StringJoiner merges = new StringJoiner(",", "[", "]");
        for (String line : Files.readAllLines(src.resolve("vocab.bpe"), StandardCharsets.UTF_8)) {
            if (!line.startsWith("#version") && !line.isBlank()) merges.add(JsonText.quote(line));
        }
        String json = "{\"version\":\"1.0\",\"added_tokens\":[{\"id\":50256,\"content\":\"<|endoftext|>\",\"special\":true}],"
                + "\"normalizer\":null,\"pre_tokenizer\":{\"type\":\"ByteLevel\",\"add_prefix_space\":false,\"trim_offsets\":true,\"use_regex\":true},"
                + "\"model\":{\"type\":\"BPE\",\"dropout\":null,\"unk_token\":null,\"vocab\":" + encoder + ",\"merges\":" + merges + "}}";
        Path file = dir.resolve("tokenizer.json");
        Files.writeString(file, json, StandardCharsets.UTF_8);
        ByteLevelBpe tok = ByteLevelBpe.fromHuggingFace(file);
        StringBuilder fail = new StringBuilder();
        assertEquals(46, passes(tok, vectors, fail), fail.toString());
        assertEquals(50256, tok.eos());
        assertTrue(tok.isSpecial(50256));
        // the opening-by-content path picks the same reader
        assertArrayEquals(tok.encode("Hello world"), TokenizerFiles.open(file).encode("Hello world"));
    }

    @Test
    void unsupportedTokenizerModelIsNamed() throws Exception {
        Path gguf = TokenizerFixtures.shared("models/gguf-vocab/ggml-vocab-bert-bge.gguf");
        try (GgufFile f = GgufFile.open(gguf)) {
            ModelFormatException e = assertThrows(ModelFormatException.class, () -> Tokenizers.fromGguf(f));
            assertTrue(e.getMessage().contains("\"bert\"") && e.getMessage().contains("bert-bge"), e.getMessage());
        }
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> Tokenizers.fromGguf(Map.of("tokenizer.ggml.model", "gpt2", "tokenizer.ggml.tokens", List.of("a", "b")), "x.gguf"));
        assertTrue(e.getMessage().contains("merges"), e.getMessage());
    }

    /**
     * A SentencePiece-style tokenizer.json built as HF's Llama converter builds it (every split of every piece
     * into two pieces is a merge, ordered by the piece's score; Prepend + Replace normalizers; byte fallback)
     * from the llama-spm vocabulary must pass llama.cpp's llama-spm vectors.
     */
    @Test
    void huggingFaceSentencePieceStyleTokenizerJsonPassesTheLlamaSpmVectors(@TempDir Path dir) throws Exception {
        Path gguf = TokenizerFixtures.shared("models/gguf-vocab/ggml-vocab-llama-spm.gguf");
        List<String> pieces;
        float[] scores;
        try (GgufFile f = GgufFile.open(gguf)) {
            pieces = f.getStringArray("tokenizer.ggml.tokens");
            scores = f.getFloatArray("tokenizer.ggml.scores");
        }
        Map<String, Integer> vocab = new java.util.HashMap<>();
        for (int i = 0; i < pieces.size(); i++) vocab.putIfAbsent(pieces.get(i), i);
        record M(String l, String r, float score) {}
        List<M> merges = new java.util.ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            String p = pieces.get(i);
            List<M> local = new java.util.ArrayList<>();
            for (int k = 1; k < p.length(); k++) {
                String l = p.substring(0, k), r = p.substring(k);
                if (vocab.containsKey(l) && vocab.containsKey(r)) local.add(new M(l, r, scores[i]));
            }
            local.sort(java.util.Comparator.comparingInt((M m) -> vocab.get(m.l())).thenComparingInt(m -> vocab.get(m.r())));
            merges.addAll(local);
        }
        merges.sort(java.util.Comparator.comparingDouble((M m) -> -m.score()));   // stable, like Python's sorted
        StringJoiner v = new StringJoiner(",", "{", "}"), ms = new StringJoiner(",", "[", "]");
        for (int i = 0; i < pieces.size(); i++) v.add(JsonText.quote(pieces.get(i)) + ":" + i);
        for (M m : merges) ms.add(JsonText.quote(m.l() + " " + m.r()));
        String json = "{\"added_tokens\":[{\"id\":0,\"content\":\"<unk>\",\"special\":true},{\"id\":1,\"content\":\"<s>\",\"special\":true},"
                + "{\"id\":2,\"content\":\"</s>\",\"special\":true}],"
                + "\"normalizer\":{\"type\":\"Sequence\",\"normalizers\":[{\"type\":\"Prepend\",\"prepend\":\"\u2581\"},"
                + "{\"type\":\"Replace\",\"pattern\":{\"String\":\" \"},\"content\":\"\u2581\"}]},\"pre_tokenizer\":null,"
                + "\"model\":{\"type\":\"BPE\",\"unk_token\":\"<unk>\",\"fuse_unk\":true,\"byte_fallback\":true,\"vocab\":" + v
                + ",\"merges\":" + ms + "}}";
        Path file = dir.resolve("tokenizer.json");
        Files.writeString(file, json, StandardCharsets.UTF_8);
        Tokenizer tok = Tokenizers.fromHuggingFace(file);
        assertInstanceOf(SentencePieceBpe.class, tok);
        StringBuilder fail = new StringBuilder();
        int ok = passes(tok, gguf, fail);
        System.out.println("HF SentencePiece-style tokenizer.json (converted from llama-spm) on llama-spm vectors: " + ok + "/46 " + fail);
        assertEquals(46, ok, fail.toString());
        assertEquals(1, tok.bos());
        assertEquals(2, tok.eos());
        assertEquals("Hello world", tok.decode(tok.encode("Hello world")));
    }
}
