package glassbox.model.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The valid file sets the fuzzer damages: real files from ../shared and small ones the test writes. */
final class Seeds {
    private Seeds() {}

    static Path shared() { return Path.of(System.getProperty("glassbox.shared", "../shared")); }

    static List<Seed> all() throws IOException {
        List<Seed> seeds = new ArrayList<>();
        Path models = shared().resolve("models");
        seeds.add(new Seed("tiny.gguf (written)", Map.of("tiny.gguf", TinyFiles.tinyGguf()), "tiny.gguf",
                Seed.Format.GGUF, d -> Loads.ggufModel(d.resolve("tiny.gguf")), 6));
        Path tinyRandom = models.resolve("gguf/llama-2-tiny-random.gguf");
        if (Files.exists(tinyRandom)) {
            seeds.add(new Seed("llama-2-tiny-random.gguf", Map.of("model.gguf", Files.readAllBytes(tinyRandom)), "model.gguf",
                    Seed.Format.GGUF, d -> Loads.ggufModel(d.resolve("model.gguf")), 2));
        }
        for (String vocab : List.of("llama-spm", "gpt-2")) {
            Path p = models.resolve("gguf-vocab/ggml-vocab-" + vocab + ".gguf");
            if (!Files.exists(p)) continue;
            String name = "ggml-vocab-" + vocab + ".gguf";
            seeds.add(new Seed(name, Map.of(name, Files.readAllBytes(p)), name, Seed.Format.GGUF,
                    d -> Loads.ggufVocab(d.resolve(name)), 1));
        }
        Path tok = models.resolve("llama2c/tok512.bin");
        if (Files.exists(tok)) {
            seeds.add(new Seed("tok512.bin", Map.of("tok512.bin", Files.readAllBytes(tok)), "tok512.bin",
                    Seed.Format.TOKENIZER_BIN, d -> Loads.tokenizerBin(d.resolve("tok512.bin")), 4));
        }
        Path enc = models.resolve("gpt2-tokenizer/encoder.json"), bpe = models.resolve("gpt2-tokenizer/vocab.bpe");
        if (Files.exists(enc) && Files.exists(bpe)) {
            Map<String, byte[]> mini = TinyFiles.miniGpt2(Files.readString(enc, StandardCharsets.UTF_8),
                    Files.readString(bpe, StandardCharsets.UTF_8), 300);
            Map<String, byte[]> pair = new LinkedHashMap<>(mini);
            pair.remove("tokenizer.json");
            seeds.add(new Seed("encoder.json (GPT-2, 556 tokens)", pair, "encoder.json", Seed.Format.JSON, Loads::gpt2Files, 2));
            seeds.add(new Seed("vocab.bpe (GPT-2, 300 merges)", pair, "vocab.bpe", Seed.Format.TEXT, Loads::gpt2Files, 1));
            seeds.add(new Seed("tokenizer.json (HF BPE)", Map.of("tokenizer.json", mini.get("tokenizer.json")), "tokenizer.json",
                    Seed.Format.JSON, d -> Loads.huggingFace(d.resolve("tokenizer.json")), 2));
        }
        return seeds;
    }
}
