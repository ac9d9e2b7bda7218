package glassbox.model.arithmetic;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Published architectures, by CLI name. Sizes from the papers / released configs:
 * GPT-2 (Radford et al. 2019), GPT-3 (Brown et al. 2020, Table 2.1), LLaMA (Touvron et al. 2023a),
 * Llama 2 (Touvron et al. 2023b), ChatGLM2-6B (THUDM config.json).
 */
public final class Presets {
    private Presets() {}

    private static final Map<String, ArchSpec> ALL = new LinkedHashMap<>();

    static {
        gpt("gpt2-small", 768, 12, 12, 1024);
        gpt("gpt2-medium", 1024, 16, 24, 1024);
        gpt("gpt2-large", 1280, 20, 36, 1024);
        gpt("gpt2-xl", 1600, 25, 48, 1024);
        gpt("gpt3-175b", 12288, 96, 96, 2048);
        llama("llama-7b", 4096, 11008, 32, 32, 32, 32000, 2048);
        llama("llama-13b", 5120, 13824, 40, 40, 40, 32000, 2048);
        llama("llama-65b", 8192, 22016, 64, 64, 80, 32000, 2048);
        llama("llama2-7b", 4096, 11008, 32, 32, 32, 32000, 4096);
        llama("llama2-70b", 8192, 28672, 64, 8, 80, 32000, 4096);
        // ChatGLM2-6B: multi-query attention with 2 groups, bias on the fused QKV only, untied output layer
        put(new ArchSpec("chatglm2-6b", 4096, 13696, 32, 2, 28, 65024, 32768, 32768,
                FfnType.SWIGLU, Biases.QKV, false, Positions.ROPE, Norm.RMS_NORM, 2));
    }

    private static void gpt(String name, int d, int heads, int layers, int context) {
        put(new ArchSpec(name, d, 4 * d, heads, heads, layers, 50257, context, context,
                FfnType.GELU, Biases.ALL, true, Positions.LEARNED, Norm.LAYER_NORM, 2));
    }

    private static void llama(String name, int d, int ffn, int heads, int kv, int layers, int vocab, int context) {
        put(new ArchSpec(name, d, ffn, heads, kv, layers, vocab, context, context,
                FfnType.SWIGLU, Biases.NONE, false, Positions.ROPE, Norm.RMS_NORM, 2));
    }

    private static void put(ArchSpec s) { ALL.put(s.name(), s); }

    public static List<String> names() { return List.copyOf(ALL.keySet()); }

    public static List<ArchSpec> all() { return List.copyOf(ALL.values()); }

    public static Optional<ArchSpec> find(String name) {
        return Optional.ofNullable(name == null ? null : ALL.get(name.trim().toLowerCase(java.util.Locale.ROOT)));
    }

    /** The preset, or an exception whose message lists the valid names. */
    public static ArchSpec get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown preset '" + name + "'; valid: " + String.join(", ", names())));
    }
}
