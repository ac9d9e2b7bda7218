package glassbox.model.fuzz;

import glassbox.model.format.gguf.GgmlType;
import glassbox.model.format.gguf.GgufExport;
import glassbox.model.format.llama2c.Llama2cCheckpoint;
import glassbox.model.tokenizer.SentencePieceBpe;

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

    static List<Seed> all(Path scratch) throws IOException {
        List<Seed> seeds = new ArrayList<>();
        Path models = shared().resolve("models");
        seeds.add(new Seed("tiny.gguf (written, F32/F16)", Map.of("tiny.gguf", TinyFiles.tinyGguf()), "tiny.gguf",
                Seed.Format.GGUF, d -> Loads.model(d.resolve("tiny.gguf"), null), 5));
        Path stories = models.resolve("llama2c/stories260K.bin"), storiesV1 = models.resolve("llama2c/stories260K_v1.bin");
        Path tok = models.resolve("llama2c/tok512.bin");
        if (Files.exists(stories) && Files.exists(tok)) {
            byte[] model = Files.readAllBytes(stories), vocab = Files.readAllBytes(tok);
            seeds.add(new Seed("stories260K.bin", Map.of("stories260K.bin", model, "tok512.bin", vocab), "stories260K.bin",
                    Seed.Format.LLAMA2C, d -> Loads.model(d.resolve("stories260K.bin"), d.resolve("tok512.bin")), 4));
            seeds.add(new Seed("stories260K_v1.bin", Map.of("stories260K_v1.bin", Files.readAllBytes(storiesV1), "tok512.bin", vocab),
                    "stories260K_v1.bin", Seed.Format.LLAMA2C, d -> Loads.model(d.resolve("stories260K_v1.bin"), null), 3));
            seeds.add(new Seed("tok512.bin (with stories260K)", Map.of("stories260K.bin", model, "tok512.bin", vocab), "tok512.bin",
                    Seed.Format.TOKENIZER_BIN, d -> Loads.model(d.resolve("stories260K.bin"), d.resolve("tok512.bin")), 4));
            for (GgmlType type : List.of(GgmlType.Q8_0, GgmlType.Q4_0)) {
                Path out = scratch.resolve("stories260K-" + type + ".gguf");
                try (Llama2cCheckpoint ckpt = Llama2cCheckpoint.open(stories)) {
                    GgufExport.write(out, ckpt.config(), ckpt.weights(), type, SentencePieceBpe.fromLlama2c(tok, 512));
                }
                String name = "stories260K-" + type + ".gguf";
                seeds.add(new Seed(name + " (GgufWriter)", Map.of(name, Files.readAllBytes(out)), name, Seed.Format.GGUF,
                        d -> Loads.model(d.resolve(name), null), 2));
            }
        }
        // the models the app ships (assets/models/*.gguf): the files users open first
        Path assets = Path.of(System.getProperty("glassbox.home", "..")).resolve("assets/models");
        if (Files.isDirectory(assets)) {
            try (var list = Files.list(assets)) {
                for (Path p : list.filter(f -> f.toString().endsWith(".gguf")).sorted().toList()) {
                    String name = p.getFileName().toString();
                    seeds.add(new Seed(name + " (shipped)", Map.of(name, Files.readAllBytes(p)), name, Seed.Format.GGUF,
                            d -> Loads.model(d.resolve(name), null), 2));
                }
            }
        }
        Path tinyRandom = models.resolve("gguf/llama-2-tiny-random.gguf");
        if (Files.exists(tinyRandom)) {
            seeds.add(new Seed("llama-2-tiny-random.gguf", Map.of("model.gguf", Files.readAllBytes(tinyRandom)), "model.gguf",
                    Seed.Format.GGUF, d -> Loads.model(d.resolve("model.gguf"), null), 2));
        }
        for (String vocab : List.of("llama-spm", "gpt-2")) {
            Path p = models.resolve("gguf-vocab/ggml-vocab-" + vocab + ".gguf");
            if (!Files.exists(p)) continue;
            String name = "ggml-vocab-" + vocab + ".gguf";
            seeds.add(new Seed(name, Map.of(name, Files.readAllBytes(p)), name, Seed.Format.GGUF,
                    d -> Loads.ggufVocab(d.resolve(name)), 1));
        }
        Path enc = models.resolve("gpt2-tokenizer/encoder.json"), bpe = models.resolve("gpt2-tokenizer/vocab.bpe");
        if (Files.exists(enc) && Files.exists(bpe)) {
            int merges = 300, vocab = 256 + merges + 1;
            Map<String, byte[]> mini = TinyFiles.miniGpt2(Files.readString(enc, StandardCharsets.UTF_8),
                    Files.readString(bpe, StandardCharsets.UTF_8), merges);
            Map<String, byte[]> pair = new LinkedHashMap<>(mini);
            pair.remove("tokenizer.json");
            seeds.add(new Seed("encoder.json (GPT-2, 557 tokens)", pair, "encoder.json", Seed.Format.JSON, Loads::gpt2Files, 1));
            seeds.add(new Seed("vocab.bpe (GPT-2, 300 merges)", pair, "vocab.bpe", Seed.Format.TEXT, Loads::gpt2Files, 1));
            seeds.add(new Seed("tokenizer.json (HF BPE)", Map.of("tokenizer.json", mini.get("tokenizer.json")), "tokenizer.json",
                    Seed.Format.JSON, d -> Loads.huggingFace(d.resolve("tokenizer.json")), 1));
            Map<String, byte[]> folder = TinyFiles.tinySafetensorsLlama(mini.get("tokenizer.json"), vocab);
            seeds.add(new Seed("model.safetensors (written)", folder, "model.safetensors", Seed.Format.SAFETENSORS,
                    d -> Loads.model(d, null), 4));
            seeds.add(new Seed("config.json (beside safetensors)", folder, "config.json", Seed.Format.JSON,
                    d -> Loads.model(d, null), 2));
        }
        return seeds;
    }
}
