package glassbox.model.train;

import glassbox.model.format.gguf.GgmlType;
import glassbox.model.format.gguf.GgufWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * The trained models as standard GGUF v3, through the project's one {@link GgufWriter}: llama.cpp
 * names and keys, 2-D weights as F16, 1-D as F32, 32-byte alignment. Any GGUF reader can load the result.
 */
public final class GgufExport {
    private GgufExport() {}

    /** Writes the model and its tokenizer to {@code path} (atomically, via a temporary file). */
    public static void write(Path path, ModelShape s, float[] params, TrainedBpe bpe, String name) throws IOException {
        if (bpe.vocabSize() != s.vocab()) throw new IllegalArgumentException("tokenizer has " + bpe.vocabSize() + " ids, model " + s.vocab());
        var g = new GgufWriter();
        String a = s.arch().ggufName;
        g.putString("general.architecture", a);
        g.putString("general.name", name);
        g.putUInt32("general.alignment", 32);
        g.putUInt32("general.file_type", 1); // mostly F16
        g.putUInt32(a + ".context_length", s.context());
        g.putUInt32(a + ".embedding_length", s.dim());
        g.putUInt32(a + ".feed_forward_length", s.ffn());
        g.putUInt32(a + ".block_count", s.layers());
        g.putUInt32(a + ".attention.head_count", s.heads());
        if (s.arch() == Arch.GPT2) {
            g.putFloat32(a + ".attention.layer_norm_epsilon", LayerNormLayer.EPS);
        } else {
            g.putUInt32(a + ".attention.head_count_kv", s.kvHeads());
            g.putFloat32(a + ".rope.freq_base", (float) RopeLayer.THETA);
            g.putUInt32(a + ".rope.dimension_count", s.headDim());
            g.putFloat32(a + ".attention.layer_norm_rms_epsilon", RmsNormLayer.EPS);
            g.putUInt32(a + ".vocab_size", s.vocab());
        }
        g.putString("tokenizer.ggml.model", "gpt2");
        g.putString("tokenizer.ggml.pre", "gpt-2");
        g.putStrings("tokenizer.ggml.tokens", bpe.pieces());
        g.putStrings("tokenizer.ggml.merges", bpe.mergeStrings());
        int[] types = new int[bpe.vocabSize()];
        Arrays.fill(types, 1); // normal
        types[bpe.endOfText()] = 3; // control
        g.putInts("tokenizer.ggml.token_type", types);
        g.putUInt32("tokenizer.ggml.bos_token_id", bpe.endOfText());
        g.putUInt32("tokenizer.ggml.eos_token_id", bpe.endOfText());
        g.putBool("tokenizer.ggml.add_bos_token", false);
        for (var t : ParamLayout.of(s).tensors()) {
            float[] values = Arrays.copyOfRange(params, t.offset(), t.offset() + t.size());
            if (t.matrix()) g.addTensor(t.name(), new long[]{t.cols(), t.rows()}, GgmlType.F16, values);
            else g.addTensor(t.name(), new long[]{t.size()}, GgmlType.F32, values);
        }
        if (path.getParent() != null) Files.createDirectories(path.getParent());
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        g.write(tmp);
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
