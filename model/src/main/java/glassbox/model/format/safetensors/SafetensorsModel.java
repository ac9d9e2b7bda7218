package glassbox.model.format.safetensors;

import glassbox.model.LoadedModel;
import glassbox.model.config.Activation;
import glassbox.model.config.Family;
import glassbox.model.config.ModelConfig;
import glassbox.model.config.NormKind;
import glassbox.model.config.PositionScheme;
import glassbox.model.config.RopePairing;
import glassbox.model.io.ModelFormatException;
import glassbox.model.io.TextFiles;
import glassbox.model.json.Json;
import glassbox.model.tensor.F32Tensor;
import glassbox.model.tensor.FloatTensor;
import glassbox.model.tokenizer.ByteLevelBpe;
import glassbox.model.tokenizer.Tokenizer;
import glassbox.model.tokenizer.Tokenizers;
import glassbox.model.transformer.LayerWeights;
import glassbox.model.transformer.ModelWeights;
import glassbox.model.transformer.Transformer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Hugging Face model folder: {@code *.safetensors} (one file or shards) + {@code config.json}
 * (+ {@code tokenizer.json}, or GPT-2's {@code vocab.json} + {@code merges.txt}). {@code model_type}
 * gpt2, llama/mistral and qwen2 are understood.
 */
public record SafetensorsModel(ModelConfig config, ModelWeights weights, Tokenizer tokenizer, List<SafetensorsFile> files) implements AutoCloseable {

    /** True when the path is a .safetensors file or a folder holding one. */
    public static boolean looksLike(Path p) throws IOException {
        if (Files.isDirectory(p)) return !shards(p).isEmpty();
        return p.getFileName().toString().endsWith(".safetensors");
    }

    private static List<Path> shards(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".safetensors") && Files.isRegularFile(f)).sorted().toList();
        }
    }

    public static LoadedModel open(Path path, Tokenizer tokenizerOrNull, int threads) throws IOException {
        SafetensorsModel m = read(path);
        try {
            Tokenizer tok = tokenizerOrNull != null ? tokenizerOrNull : m.tokenizer();
            return new LoadedModel(m.config(), tok, new Transformer(m.config(), m.weights(), threads), path, "safetensors", m);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /** Maps the weights (views into the files, except GPT-2's transposed Conv1D matrices) and reads config and tokenizer. */
    public static SafetensorsModel read(Path path) throws IOException {
        Path dir = Files.isDirectory(path) ? path : path.toAbsolutePath().getParent();
        List<Path> paths = Files.isDirectory(path) ? shards(path) : List.of(path);
        if (paths.isEmpty()) throw new ModelFormatException(path + ": no .safetensors file in this folder");
        Path configFile = dir.resolve("config.json");
        if (!Files.isRegularFile(configFile)) throw new ModelFormatException(path + ": config.json is missing beside the weights");
        Map<String, Object> cfg;
        try {
            cfg = Json.parseObject(TextFiles.readUtf8(configFile, 16 << 20));
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(configFile + ": not valid JSON: " + e.getMessage());
        }
        List<SafetensorsFile> files = new ArrayList<>();
        try {
            Map<String, FloatTensorSource> all = new LinkedHashMap<>();
            for (Path p : paths) {
                SafetensorsFile f = SafetensorsFile.open(p);
                files.add(f);
                for (var e : f.entries().values()) {
                    if (all.put(e.name(), new FloatTensorSource(f, e)) != null) throw new ModelFormatException(p + ": tensor " + e.name() + " appears in two shards");
                }
            }
            String type = cfg.get("model_type") instanceof String s ? s : "";
            Builder b = new Builder(dir.getFileName() + "/config.json", cfg, all);
            var cw = switch (type) {
                case "gpt2" -> b.gpt2();
                case "llama", "mistral" -> b.llama(Family.LLAMA);
                case "qwen2" -> b.llama(Family.QWEN2);
                default -> throw new ModelFormatException(configFile + ": model_type '" + type + "' is not supported (gpt2, llama, mistral, qwen2 are)");
            };
            return new SafetensorsModel(cw.config, cw.weights, tokenizer(dir), List.copyOf(files));
        } catch (IOException | RuntimeException e) {
            files.forEach(SafetensorsFile::close);
            throw e;
        }
    }

    private static Tokenizer tokenizer(Path dir) throws IOException {
        Path json = dir.resolve("tokenizer.json");
        if (Files.isRegularFile(json)) return Tokenizers.fromHuggingFace(json);
        Path vocab = dir.resolve("vocab.json"), merges = dir.resolve("merges.txt");
        if (Files.isRegularFile(vocab) && Files.isRegularFile(merges)) return ByteLevelBpe.fromGpt2Files(vocab, merges);
        return null;
    }

    @Override public void close() { files.forEach(SafetensorsFile::close); }

    private record FloatTensorSource(SafetensorsFile file, SafetensorsFile.Entry entry) {}

    private record ConfigAndWeights(ModelConfig config, ModelWeights weights) {}

    private static final class Builder {
        private final String cfgName;
        private final Map<String, Object> cfg;
        private final Map<String, FloatTensorSource> tensors;
        private String prefix = "";

        Builder(String cfgName, Map<String, Object> cfg, Map<String, FloatTensorSource> tensors) {
            this.cfgName = cfgName;
            this.cfg = cfg;
            this.tensors = tensors;
        }

        private ModelFormatException bad(String what) { return new ModelFormatException(cfgName + ": " + TextFiles.oneLine(what, 300)); }

        private int intKey(String key, Integer fallback, String... aliases) {
            Object v = cfg.get(key);
            for (int k = 0; v == null && k < aliases.length; k++) v = cfg.get(aliases[k]);
            if (v == null) {
                if (fallback == null) throw bad(key + " is missing");
                return fallback;
            }
            if (!(v instanceof Long n) || n < 1 || n > (1 << 24)) throw bad(key + " = " + v + " is not a positive integer");
            return (int) (long) n;
        }

        private float floatKey(String key, float fallback) {
            Object v = cfg.get(key);
            if (v == null) return fallback;
            if (!(v instanceof Number n) || !(n.doubleValue() > 0) || Double.isInfinite(n.doubleValue())) throw bad(key + " = " + v + " is not a positive number");
            return n.floatValue();
        }

        /** The tensor under prefix+name with exactly this PyTorch shape (outermost first), or null when absent. */
        private FloatTensor opt(String name, long... shape) {
            FloatTensorSource s = tensors.get(prefix + name);
            if (s == null) return null;
            if (!Arrays.equals(s.entry().shape(), shape)) {
                throw new ModelFormatException(s.file().path().getFileName() + ": tensor " + prefix + name + " has shape "
                        + Arrays.toString(s.entry().shape()) + ", expected " + Arrays.toString(shape));
            }
            return s.file().tensor(s.entry());
        }

        private FloatTensor need(String name, long... shape) {
            FloatTensor t = opt(name, shape);
            if (t == null) throw bad("tensor " + prefix + name + " (shape " + Arrays.toString(shape) + ") is missing from the safetensors");
            return t;
        }

        /**
         * HF GPT-2's Conv1D keeps its weight as [in][out] (y = x·W); the engine wants rows = outputs, so the
         * matrix is transposed once into a heap F32 tensor (the one place weights are copied instead of mapped).
         */
        private FloatTensor conv1d(String name, int in, int out) {
            FloatTensor t = need(name, in, out);
            float[] src = t.toFloatArray();
            float[] dst = new float[src.length];
            for (int i = 0; i < in; i++) for (int o = 0; o < out; o++) dst[o * in + i] = src[i * out + o];
            return F32Tensor.of(dst);
        }

        ConfigAndWeights gpt2() {
            if (tensors.keySet().stream().anyMatch(k -> k.startsWith("transformer."))) prefix = "transformer.";
            int dim = intKey("n_embd", null, "hidden_size");
            int layers = intKey("n_layer", null, "num_hidden_layers");
            int heads = intKey("n_head", null, "num_attention_heads");
            int context = intKey("n_positions", null, "n_ctx");
            int vocab = intKey("vocab_size", null);
            int hidden = intKey("n_inner", 4 * dim);
            float eps = floatKey("layer_norm_epsilon", 1e-5f);
            if (dim % heads != 0) throw bad("n_embd " + dim + " is not a multiple of n_head " + heads);
            FloatTensor wte = need("wte.weight", vocab, dim);
            FloatTensor wpe = need("wpe.weight", context, dim);
            List<LayerWeights> blocks = new ArrayList<>();
            for (int i = 0; i < layers; i++) {
                String p = "h." + i + ".";
                FloatTensor qkv = conv1d(p + "attn.c_attn.weight", dim, 3 * dim);
                FloatTensor qkvBias = need(p + "attn.c_attn.bias", 3L * dim);
                long dd = (long) dim * dim;
                blocks.add(new LayerWeights(
                        need(p + "ln_1.weight", dim), need(p + "ln_1.bias", dim),
                        qkv.slice(0, dd), qkvBias.slice(0, dim),
                        qkv.slice(dd, dd), qkvBias.slice(dim, dim),
                        qkv.slice(2 * dd, dd), qkvBias.slice(2L * dim, dim),
                        conv1d(p + "attn.c_proj.weight", dim, dim), need(p + "attn.c_proj.bias", dim),
                        need(p + "ln_2.weight", dim), need(p + "ln_2.bias", dim),
                        null, conv1d(p + "mlp.c_fc.weight", dim, hidden), need(p + "mlp.c_fc.bias", hidden),
                        conv1d(p + "mlp.c_proj.weight", hidden, dim), need(p + "mlp.c_proj.bias", dim)));
            }
            FloatTensor lnf = need("ln_f.weight", dim), lnfBias = need("ln_f.bias", dim);
            String saved = prefix;
            prefix = "";
            FloatTensor head = opt("lm_head.weight", vocab, dim);
            prefix = saved;
            boolean tied = head == null;
            var config = new ModelConfig(cfgName.replace("/config.json", ""), Family.GPT2, dim, hidden, layers, heads, heads, vocab, context,
                    NormKind.LAYER_NORM, eps, PositionScheme.LEARNED, RopePairing.INTERLEAVED, 10000f, 0, Activation.GELU,
                    tied, true, true);
            return new ConfigAndWeights(config, new ModelWeights(wte, wpe, blocks, lnf, lnfBias, tied ? wte : head));
        }

        /** HF Llama/Qwen2: q/k rows are stored permuted for rotate-half RoPE, so the pairing is HALF_SPLIT (no un-permuting). */
        ConfigAndWeights llama(Family family) {
            int dim = intKey("hidden_size", null);
            int hidden = intKey("intermediate_size", null);
            int layers = intKey("num_hidden_layers", null);
            int heads = intKey("num_attention_heads", null);
            int kvHeads = intKey("num_key_value_heads", heads);
            int vocab = intKey("vocab_size", null);
            int context = intKey("max_position_embeddings", 2048);
            float eps = floatKey("rms_norm_eps", 1e-6f);
            float theta = floatKey("rope_theta", 10000f);
            if (dim % heads != 0 || heads % kvHeads != 0) throw bad("hidden_size " + dim + ", heads " + heads + ", KV heads " + kvHeads + " do not divide");
            int headDim = dim / heads, kv = kvHeads * headDim;
            Object hd = cfg.get("head_dim");
            if (hd instanceof Long h && h != headDim) throw bad("head_dim " + h + " differs from hidden_size/heads = " + headDim + " (not supported)");
            boolean qkvBias = family == Family.QWEN2;
            FloatTensor emb = need("model.embed_tokens.weight", vocab, dim);
            List<LayerWeights> blocks = new ArrayList<>();
            for (int i = 0; i < layers; i++) {
                String p = "model.layers." + i + ".";
                blocks.add(new LayerWeights(need(p + "input_layernorm.weight", dim), null,
                        need(p + "self_attn.q_proj.weight", dim, dim), qkvBias ? need(p + "self_attn.q_proj.bias", dim) : null,
                        need(p + "self_attn.k_proj.weight", kv, dim), qkvBias ? need(p + "self_attn.k_proj.bias", kv) : null,
                        need(p + "self_attn.v_proj.weight", kv, dim), qkvBias ? need(p + "self_attn.v_proj.bias", kv) : null,
                        need(p + "self_attn.o_proj.weight", dim, dim), null,
                        need(p + "post_attention_layernorm.weight", dim), null,
                        need(p + "mlp.gate_proj.weight", hidden, dim), need(p + "mlp.up_proj.weight", hidden, dim), null,
                        need(p + "mlp.down_proj.weight", dim, hidden), null));
            }
            FloatTensor head = opt("lm_head.weight", vocab, dim);
            boolean tied = head == null;
            var config = new ModelConfig(cfgName.replace("/config.json", ""), family, dim, hidden, layers, heads, kvHeads, vocab, context,
                    NormKind.RMS_NORM, eps, PositionScheme.ROPE, RopePairing.HALF_SPLIT, theta, headDim, Activation.SWIGLU,
                    tied, qkvBias, false);
            return new ConfigAndWeights(config, new ModelWeights(emb, null, blocks, need("model.norm.weight", dim), null, tied ? emb : head));
        }
    }

    @Override public String toString() {
        return "SafetensorsModel[" + config.name() + ", " + files.stream().map(f -> f.path().getFileName().toString()).collect(Collectors.joining(", ")) + "]";
    }
}
