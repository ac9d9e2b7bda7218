package glassbox.model.format.gguf;

import glassbox.model.LoadedModel;
import glassbox.model.config.Activation;
import glassbox.model.config.Family;
import glassbox.model.config.ModelConfig;
import glassbox.model.config.NormKind;
import glassbox.model.config.PositionScheme;
import glassbox.model.config.RopePairing;
import glassbox.model.io.ModelFormatException;
import glassbox.model.io.TextFiles;
import glassbox.model.tensor.FloatTensor;
import glassbox.model.tokenizer.Tokenizer;
import glassbox.model.tokenizer.Tokenizers;
import glassbox.model.transformer.LayerWeights;
import glassbox.model.transformer.ModelWeights;
import glassbox.model.transformer.Transformer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A GGUF file read as a model: the config from {@code ARCH.*} metadata, the weights as views of the
 * mapped tensors under llama.cpp's names ({@code token_embd.weight}, {@code blk.N.attn_q.weight}…),
 * and the tokenizer from {@code tokenizer.ggml.*}. Architectures: {@code llama} (RoPE on adjacent pairs,
 * llama.cpp's "normal" mode), {@code qwen2} (q/k/v biases, RoPE on half-split pairs, "neox" mode) and
 * {@code gpt2} (LayerNorm with bias, learned positions, GELU, fused q/k/v).
 */
public record GgufModel(ModelConfig config, ModelWeights weights, Tokenizer tokenizer, String format) {

    public static final List<String> ARCHITECTURES = List.of("llama", "qwen2", "gpt2");

    /** Maps the file and builds the engine; the mapping is released when the LoadedModel is closed. */
    public static LoadedModel open(Path path, Tokenizer tokenizerOrNull, int threads) throws IOException {
        GgufFile file = GgufFile.open(path);
        try {
            GgufModel m = read(file);
            Tokenizer tok = tokenizerOrNull != null ? tokenizerOrNull : m.tokenizer();
            Transformer transformer = new Transformer(m.config(), m.weights(), threads);
            return new LoadedModel(m.config(), tok, transformer, path, m.format(), file);
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /** Reads config, weights (views into the file) and tokenizer; the file must stay open while they are used. */
    public static GgufModel read(GgufFile file) {
        return new Reader(file).read();
    }

    private static final class Reader {
        private final GgufFile f;
        private final String name;
        private final Map<String, Long> typeElements = new LinkedHashMap<>();

        Reader(GgufFile f) {
            this.f = f;
            this.name = f.path().getFileName().toString();
        }

        private ModelFormatException bad(String what) { return new ModelFormatException(name + ": " + TextFiles.oneLine(what, 300)); }

        GgufModel read() {
            String arch = f.getString("general.architecture", null);
            if (arch == null) throw bad("general.architecture is missing: not a model file (a vocabulary-only GGUF?)");
            if (!ARCHITECTURES.contains(arch)) throw bad("architecture '" + arch + "' is not supported (supported: " + String.join(", ", ARCHITECTURES) + ")");
            Family family = switch (arch) { case "qwen2" -> Family.QWEN2; case "gpt2" -> Family.GPT2; default -> Family.LLAMA; };
            boolean gpt2 = family == Family.GPT2;
            int dim = f.getInt(arch + ".embedding_length", 1, 1 << 20);
            int hidden = f.getInt(arch + ".feed_forward_length", 1, 1 << 22);
            int layers = f.getInt(arch + ".block_count", 1, 4096);
            int heads = f.getInt(arch + ".attention.head_count", 1, 4096);
            int kvHeads = kvHeads(arch, heads);
            int context = f.getInt(arch + ".context_length", 1, 1 << 24);
            if (dim % heads != 0) throw bad("embedding_length " + dim + " is not a multiple of head_count " + heads);
            if (heads % kvHeads != 0) throw bad("head_count " + heads + " is not a multiple of head_count_kv " + kvHeads);
            int headDim = dim / heads;
            float eps = gpt2 ? f.getFloat(arch + ".attention.layer_norm_epsilon", 1e-5f)
                    : f.getFloat(arch + ".attention.layer_norm_rms_epsilon", 1e-5f);
            float theta = f.getFloat(arch + ".rope.freq_base", 10000f);
            int ropeDims = gpt2 ? 0 : f.getInt(arch + ".rope.dimension_count", headDim, 0, headDim);
            if (!(eps > 0 && eps < 1)) throw bad("norm epsilon " + eps + " is not in (0, 1)");
            if (!(theta > 0)) throw bad("rope.freq_base " + theta + " is not positive");
            if (ropeDims % 2 != 0) throw bad("rope.dimension_count " + ropeDims + " is odd");

            GgufTensorInfo embInfo = f.tensor("token_embd.weight");
            if (embInfo == null) throw bad("tensor token_embd.weight is missing");
            if (embInfo.rank() != 2 || embInfo.dim(0) != dim) throw bad("tensor token_embd.weight has shape " + shape(embInfo.dims()) + ", expected [" + dim + ", vocab]");
            if (embInfo.dim(1) > Integer.MAX_VALUE - 8) throw bad("vocabulary of " + embInfo.dim(1) + " is too large");
            int vocab = (int) embInfo.dim(1);
            int kvDim = kvHeads * headDim;

            FloatTensor embedding = need("token_embd.weight", dim, vocab);
            FloatTensor positions = gpt2 ? need("position_embd.weight", dim, -1) : null;
            if (positions != null) {
                long rows = f.tensor("position_embd.weight").dim(1);
                if (rows < context) context = (int) rows; // learned positions end where the table ends
            }
            FloatTensor outNorm = need("output_norm.weight", dim);
            FloatTensor outNormBias = gpt2 ? need("output_norm.bias", dim) : null;
            FloatTensor output = opt("output.weight", dim, vocab);
            boolean tied = output == null;
            if (tied) output = embedding;

            List<LayerWeights> blocks = new ArrayList<>();
            for (int i = 0; i < layers; i++) {
                String p = "blk." + i + ".";
                FloatTensor wq, wk, wv, bq = null, bk = null, bv = null;
                if (gpt2 && f.tensor(p + "attn_qkv.weight") != null) {
                    // fused [q; k; v] rows: split into row slices, no copy
                    FloatTensor qkv = need(p + "attn_qkv.weight", dim, dim + 2L * kvDim);
                    wq = rows(qkv, p + "attn_qkv.weight", 0, dim, dim);
                    wk = rows(qkv, p + "attn_qkv.weight", dim, kvDim, dim);
                    wv = rows(qkv, p + "attn_qkv.weight", dim + kvDim, kvDim, dim);
                    FloatTensor b = need(p + "attn_qkv.bias", dim + 2L * kvDim);
                    bq = b.slice(0, dim);
                    bk = b.slice(dim, kvDim);
                    bv = b.slice(dim + kvDim, kvDim);
                } else {
                    wq = need(p + "attn_q.weight", dim, dim);
                    wk = need(p + "attn_k.weight", dim, kvDim);
                    wv = need(p + "attn_v.weight", dim, kvDim);
                    if (family != Family.LLAMA) {
                        bq = need(p + "attn_q.bias", dim);
                        bk = need(p + "attn_k.bias", kvDim);
                        bv = need(p + "attn_v.bias", kvDim);
                    }
                }
                FloatTensor wo = need(p + "attn_output.weight", dim, dim);
                FloatTensor bo = gpt2 ? need(p + "attn_output.bias", dim) : null;
                FloatTensor attnNorm = need(p + "attn_norm.weight", dim);
                FloatTensor attnNormBias = gpt2 ? need(p + "attn_norm.bias", dim) : null;
                FloatTensor ffnNorm = need(p + "ffn_norm.weight", dim);
                FloatTensor ffnNormBias = gpt2 ? need(p + "ffn_norm.bias", dim) : null;
                FloatTensor gate = gpt2 ? null : need(p + "ffn_gate.weight", dim, hidden);
                FloatTensor up = need(p + "ffn_up.weight", dim, hidden);
                FloatTensor upBias = gpt2 ? need(p + "ffn_up.bias", hidden) : null;
                FloatTensor down = need(p + "ffn_down.weight", hidden, dim);
                FloatTensor downBias = gpt2 ? need(p + "ffn_down.bias", dim) : null;
                blocks.add(new LayerWeights(attnNorm, attnNormBias, wq, bq, wk, bk, wv, bv, wo, bo, ffnNorm, ffnNormBias,
                        gate, up, upBias, down, downBias));
            }
            String modelName = f.getString("general.name", name);
            ModelConfig config = new ModelConfig(modelName, family, dim, hidden, layers, heads, kvHeads, vocab, context,
                    gpt2 ? NormKind.LAYER_NORM : NormKind.RMS_NORM, eps,
                    gpt2 ? PositionScheme.LEARNED : PositionScheme.ROPE,
                    family == Family.QWEN2 ? RopePairing.HALF_SPLIT : RopePairing.INTERLEAVED,
                    theta, ropeDims, gpt2 ? Activation.GELU : Activation.SWIGLU, tied, family != Family.LLAMA, gpt2);
            ModelWeights weights = new ModelWeights(embedding, positions, blocks, outNorm, outNormBias, output);
            Tokenizer tokenizer = f.has("tokenizer.ggml.model") ? Tokenizers.fromGguf(f.metadata(), name) : null;
            if (tokenizer != null && tokenizer.vocabSize() > vocab) {
                throw bad("the tokenizer has " + tokenizer.vocabSize() + " tokens but the embedding only " + vocab + " rows");
            }
            return new GgufModel(config, weights, tokenizer, "GGUF v" + f.version() + " (" + storage() + ")");
        }

        private int kvHeads(String arch, int heads) {
            Object v = f.metadata().get(arch + ".attention.head_count_kv");
            if (v == null) return heads;
            if (v instanceof int[] perLayer) { // some files give one count per layer
                if (perLayer.length == 0 || Arrays.stream(perLayer).distinct().count() != 1) throw bad("per-layer KV head counts differ: " + Arrays.toString(perLayer));
                v = (long) perLayer[0];
            }
            if (!(v instanceof Long n) || n < 1 || n > heads) throw bad("attention.head_count_kv = " + v + " is not in 1.." + heads);
            return (int) (long) n;
        }

        /** The weight types by share of elements, largest first ("Q4_K/Q6_K/F32"). */
        private String storage() {
            return typeElements.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .map(Map.Entry::getKey).collect(Collectors.joining("/"));
        }

        /** A required tensor whose ggml dims (row length first) must be exactly {@code dims}; -1 = any. */
        private FloatTensor need(String tensor, long... dims) {
            FloatTensor t = opt(tensor, dims);
            if (t == null) throw bad("tensor " + tensor + " is missing (expected shape " + shape(dims) + ")");
            return t;
        }

        private FloatTensor opt(String tensor, long... dims) {
            GgufTensorInfo info = f.tensor(tensor);
            if (info == null) return null;
            long[] got = info.dims();
            int rank = got.length;
            while (rank > dims.length && got[rank - 1] == 1) rank--; // ggml pads some shapes with 1s
            boolean ok = rank == dims.length;
            for (int k = 0; ok && k < dims.length; k++) ok = dims[k] < 0 || got[k] == dims[k];
            if (!ok) throw bad("tensor " + tensor + " has shape " + shape(got) + ", expected " + shape(dims));
            typeElements.merge(info.type().name(), info.elements(), Long::sum);
            return GgufTensors.of(f, info);
        }

        private FloatTensor rows(FloatTensor t, String tensor, long firstRow, long rows, long cols) {
            try {
                return t.slice(firstRow * cols, rows * cols);
            } catch (IllegalArgumentException e) {
                throw bad("tensor " + tensor + " cannot be split into q/k/v rows: " + e.getMessage());
            }
        }

        private static String shape(long[] dims) {
            return Arrays.stream(dims).mapToObj(d -> d < 0 ? "*" : Long.toString(d)).collect(Collectors.joining(", ", "[", "]"));
        }
    }
}
