package glassbox.model.tokenizer;

import glassbox.model.format.gguf.GgufFile;
import glassbox.model.io.ModelFormatException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds and opens tokenizer files by their content, whatever their names. */
public final class TokenizerFiles {
    private TokenizerFiles() {}

    /**
     * A tokenizer file: GGUF (its metadata vocabulary), llama2.c tokenizer.bin, Hugging Face
     * tokenizer.json, GPT-2 encoder.json (vocab.bpe beside it), or a folder holding one of these.
     */
    public static Tokenizer open(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            for (String n : List.of("tokenizer.json", "encoder.json", "tokenizer.bin")) {
                if (Files.isRegularFile(path.resolve(n))) return open(path.resolve(n));
            }
            throw new ModelFormatException(path + ": no tokenizer.json, encoder.json or tokenizer.bin in this folder");
        }
        if (!Files.isRegularFile(path)) throw new ModelFormatException(path + ": no such file");
        byte[] head = head(path, 64);
        String name = path.getFileName().toString();
        if (GgufFile.hasMagic(head)) {
            try (GgufFile f = GgufFile.open(path)) { return Tokenizers.fromGguf(f.metadata(), name); }
        }
        if (head.length > 0 && head[0] == '{') {
            if (name.equals("encoder.json") || Files.isRegularFile(path.resolveSibling("vocab.bpe")) && !name.equals("tokenizer.json")) {
                Path merges = path.resolveSibling("vocab.bpe");
                if (!Files.isRegularFile(merges)) throw new ModelFormatException(name + ": vocab.bpe (the merges) must sit beside encoder.json");
                return ByteLevelBpe.fromGpt2Files(path, merges);
            }
            return Tokenizers.fromHuggingFace(path);
        }
        if (head.length >= 4) return SentencePieceBpe.fromLlama2c(path, 0);
        throw new ModelFormatException(name + ": not a tokenizer file this app knows (GGUF, tokenizer.bin, tokenizer.json, encoder.json)");
    }

    /**
     * The llama2.c tokenizer for a checkpoint with this vocabulary size: tok{vocab}.bin, then
     * tokenizer.bin, beside the checkpoint. Null when none is there.
     */
    public static Path besideLlama2c(Path checkpoint, int vocab) {
        Path dir = checkpoint.toAbsolutePath().getParent();
        List<Path> candidates = new ArrayList<>();
        candidates.add(dir.resolve("tok" + vocab + ".bin"));
        candidates.add(dir.resolve("tokenizer.bin"));
        if (vocab == 32000) candidates.add(dir.resolve("tokenizer_llama2_32k.bin"));
        for (Path c : candidates) if (Files.isRegularFile(c)) return c;
        return null;
    }

    /** The vocabulary size in a llama2.c checkpoint header (7th int, sign = shared classifier). */
    public static int llama2cVocab(Path checkpoint) throws IOException {
        byte[] h = head(checkpoint, 40);
        if (h.length < 28) throw new ModelFormatException(checkpoint.getFileName() + ": too short for a llama2.c header");
        ByteBuffer b = ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN);
        int off = b.getInt(0) == 0x616b3432 ? 8 : 0;
        return Math.abs(b.getInt(off + 20));
    }

    static byte[] head(Path path, int n) throws IOException {
        try (InputStream in = Files.newInputStream(path)) { return in.readNBytes(n); }
    }
}
