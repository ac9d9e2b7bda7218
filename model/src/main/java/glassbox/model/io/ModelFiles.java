package glassbox.model.io;

import glassbox.model.LoadedModel;
import glassbox.model.format.gguf.GgufModel;
import glassbox.model.format.llama2c.Llama2cCheckpoint;
import glassbox.model.format.safetensors.SafetensorsModel;
import glassbox.model.tokenizer.SentencePieceBpe;
import glassbox.model.tokenizer.Tokenizer;
import glassbox.model.tokenizer.Tokenizers;
import glassbox.model.transformer.Transformer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens a model file whatever its format, detected by content rather than by name. */
public final class ModelFiles {
    private ModelFiles() {}

    /** "GGUF" read as a little-endian int. */
    static final int GGUF_MAGIC = 0x46554747;

    public enum Kind { LLAMA2C, LLAMA2C_V1, GGUF, SAFETENSORS, UNKNOWN }

    /** What the file's first bytes say it is. */
    public static Kind detect(Path model) throws IOException {
        if (Files.isDirectory(model) || model.getFileName().toString().endsWith(".safetensors")) {
            if (SafetensorsModel.looksLike(model)) return Kind.SAFETENSORS;
            throw new ModelFormatException(model + ": a folder without a .safetensors file");
        }
        if (!Files.isRegularFile(model)) throw new ModelFormatException(model + ": no such model file");
        byte[] head = new byte[8];
        int n;
        try (InputStream in = Files.newInputStream(model)) { n = in.readNBytes(head, 0, 8); }
        if (n < 4) return Kind.UNKNOWN;
        int magic = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (magic == GGUF_MAGIC) return Kind.GGUF;
        if (magic == Llama2cCheckpoint.MAGIC_V1) return Kind.LLAMA2C_V1;
        if (magic > 0 && magic <= 65536 && Files.size(model) >= 28) return Kind.LLAMA2C;  // legacy header starts with dim
        return Kind.UNKNOWN;
    }

    /**
     * Detects the format by content and loads it. tokenizer may be null: then tokenizer.bin or tok&lt;vocab&gt;.bin
     * beside a llama2.c checkpoint.
     */
    public static LoadedModel open(Path model, Path tokenizerOrNull) throws ModelFormatException, IOException {
        return open(model, tokenizerOrNull, 0);
    }

    /** As {@link #open(Path, Path)} with a thread count for the engine (0 = automatic). */
    public static LoadedModel open(Path model, Path tokenizerOrNull, int threads) throws ModelFormatException, IOException {
        Kind kind = detect(model);
        return switch (kind) {
            case LLAMA2C, LLAMA2C_V1 -> {
                Llama2cCheckpoint ckpt = Llama2cCheckpoint.open(model);
                try {
                    var config = ckpt.config();
                    Tokenizer tok = llama2cTokenizer(model, tokenizerOrNull, config.vocabSize());
                    var transformer = new Transformer(config, ckpt.weights(), threads);
                    yield new LoadedModel(config, tok, transformer, model, kind == Kind.LLAMA2C ? "llama2.c" : "llama2.c v1", ckpt);
                } catch (IOException | RuntimeException e) {
                    ckpt.close();
                    throw e;
                }
            }
            // ---- GGUF: the reader lives on the formats branch; this is the one place to hook it in ----
            case GGUF -> GgufModel.open(model, tokenizerOrNull == null ? null : givenTokenizer(tokenizerOrNull, 0), threads);
            case SAFETENSORS -> SafetensorsModel.open(model, tokenizerOrNull == null ? null : givenTokenizer(tokenizerOrNull, 0), threads);
            case UNKNOWN -> throw new ModelFormatException(model + ": not a model file this program knows"
                    + " (expected a llama2.c checkpoint, GGUF, or a safetensors file/folder with config.json)");
        };
    }

    /** A tokenizer given on its own: tokenizer.json (Hugging Face) or a llama2.c tokenizer.bin. */
    static Tokenizer givenTokenizer(Path file, int vocab) throws IOException {
        if (!Files.isRegularFile(file)) throw new ModelFormatException(file + ": no such tokenizer file");
        if (file.getFileName().toString().endsWith(".json")) return Tokenizers.fromHuggingFace(file);
        return SentencePieceBpe.fromLlama2c(file, vocab);
    }

    /** The given tokenizer, else tokenizer.bin / tok&lt;vocab&gt;.bin beside the checkpoint, else null. */
    public static Tokenizer llama2cTokenizer(Path model, Path given, int vocab) throws IOException {
        Path file = given;
        if (file == null) {
            Path dir = model.toAbsolutePath().getParent();
            for (String name : new String[]{"tok" + vocab + ".bin", "tokenizer.bin"}) {
                Path p = dir.resolve(name);
                if (Files.isRegularFile(p)) { file = p; break; }
            }
        }
        if (file == null) return null;
        if (!Files.isRegularFile(file)) throw new ModelFormatException(file + ": no such tokenizer file");
        return SentencePieceBpe.fromLlama2c(file, vocab);
    }

    /** assets/models/classic.gguf under the glassbox.home property (fallback: the working directory). */
    public static Path defaultModel() {
        String home = System.getProperty("glassbox.home");
        Path root = home == null || home.isBlank() ? Path.of("") : Path.of(home);
        Path models = root.resolve("assets").resolve("models");
        Path classic = models.resolve("classic.gguf").toAbsolutePath();
        // the modern model stands in while a checkout has only it
        Path modern = models.resolve("modern.gguf").toAbsolutePath();
        return java.nio.file.Files.isRegularFile(classic) || !java.nio.file.Files.isRegularFile(modern) ? classic : modern;
    }
}
