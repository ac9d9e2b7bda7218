package glassbox.model.cli;

import glassbox.model.arithmetic.ArchSpec;
import glassbox.model.arithmetic.Biases;
import glassbox.model.arithmetic.Derivation;
import glassbox.model.arithmetic.DerivationFormat;
import glassbox.model.arithmetic.FfnType;
import glassbox.model.arithmetic.Flops;
import glassbox.model.arithmetic.Memory;
import glassbox.model.arithmetic.Norm;
import glassbox.model.arithmetic.ParameterCount;
import glassbox.model.arithmetic.Positions;
import glassbox.model.arithmetic.Presets;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code glassbox arithmetic}: parameters, FLOPs and memory of a transformer, derived step by step. */
public final class ArithmeticCommand implements Command {

    @Override public String name() { return "arithmetic"; }

    @Override public String summary() { return "parameters, FLOPs and memory of a transformer, step by step"; }

    @Override public String usage() {
        return """
                usage: glassbox arithmetic (--preset NAME | --d-model N --ffn N --heads N --layers N --vocab N --seq N) [options] [--json]
                  --preset NAME        one of: %s
                                       (any flag below overrides the preset, e.g. --preset chatglm2-6b --seq 8192)
                  --d-model N --ffn N --heads N --layers N --vocab N --seq N
                  --kv-heads N         K/V heads (default: = heads, i.e. MHA; 1 = MQA)
                  --context N          rows of a learned position table (default: seq)
                  --ffn-type T         relu | gelu | swiglu (default gelu)
                  --bias               biases on every linear layer (GPT-2); --qkv-bias only on Q/K/V
                  --untied             separate LM head (default: tied to the embedding)
                  --positions P        learned | sinusoidal | rope | none (default rope)
                  --norm N             layernorm | rmsnorm (default rmsnorm)
                  --dtype T            fp32 | fp16 | bf16 | int8 for weights and KV cache (default fp16)
                  --json               print one JSON object (params, flops_per_token, flops_sequence, kv_cache_bytes, weights_bytes, …)
                FLOP convention: %s""".formatted(String.join(", ", Presets.names()), Flops.CONVENTION);
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) {
        ArchSpec spec = spec(args);
        boolean json = args.flag("json");
        args.finish();
        List<Derivation> all = List.of(ParameterCount.derive(spec), Flops.forward(spec), Flops.variants(spec),
                Memory.weights(spec), Memory.kvCache(spec), Memory.training(spec));
        if (json) {
            out.println(json(spec, all));
        } else {
            out.printf(Locale.ROOT, "%s: d=%d ffn=%d (%s) heads=%d kv-heads=%d layers=%d vocab=%d seq=%d%n%n", spec.name(),
                    spec.dModel(), spec.ffn(), spec.ffnType().name().toLowerCase(Locale.ROOT), spec.heads(), spec.kvHeads(),
                    spec.layers(), spec.vocab(), spec.seq());
            for (Derivation d : all) out.println(DerivationFormat.text(d));
        }
        return 0;
    }

    static ArchSpec spec(Args a) {
        ArchSpec base = null;
        if (a.has("preset")) {
            String p = a.string("preset", "");
            base = Presets.find(p).orElseThrow(() ->
                    new CliException("unknown preset '" + p + "'; valid presets: " + String.join(", ", Presets.names())));
        }
        String missing = "";
        for (String f : List.of("d-model", "ffn", "heads", "layers", "vocab", "seq")) {
            if (base == null && !a.has(f)) missing += " --" + f;
        }
        if (!missing.isEmpty()) throw new CliException("give --preset NAME or all of:" + missing + " (glassbox arithmetic --help)");
        int d = positive(a, "d-model", base == null ? 0 : base.dModel());
        int heads = positive(a, "heads", base == null ? 0 : base.heads());
        int seq = positive(a, "seq", base == null ? 0 : base.seq());
        FfnType ffnType = choice(a, "ffn-type", FfnType.class, base == null ? FfnType.GELU : base.ffnType());
        Biases biases = a.flag("bias") ? Biases.ALL : a.flag("qkv-bias") ? Biases.QKV : base == null ? Biases.NONE : base.biases();
        boolean tied = a.flag("untied") ? false : base == null || base.tiedHead();
        Positions pos = choice(a, "positions", Positions.class, base == null ? Positions.ROPE : base.positions());
        String normFlag = a.string("norm", null);
        Norm norm = normFlag == null ? (base == null ? Norm.RMS_NORM : base.norm()) : switch (normFlag.toLowerCase(Locale.ROOT)) {
            case "layernorm", "layer_norm", "ln" -> Norm.LAYER_NORM;
            case "rmsnorm", "rms_norm", "rms" -> Norm.RMS_NORM;
            default -> throw new CliException("--norm expects layernorm or rmsnorm, got '" + normFlag + "'");
        };
        String dtype = a.string("dtype", null);
        int bytes = dtype == null ? (base == null ? 2 : base.dtypeBytes()) : switch (dtype.toLowerCase(Locale.ROOT)) {
            case "fp32", "f32", "float32" -> 4;
            case "fp16", "f16", "float16", "bf16", "bfloat16" -> 2;
            case "int8", "i8", "q8" -> 1;
            default -> throw new CliException("--dtype expects fp32, fp16, bf16 or int8, got '" + dtype + "'");
        };
        String name = base == null ? "custom" : base.name();
        try {
            return new ArchSpec(name, d, positive(a, "ffn", base == null ? 0 : base.ffn()), heads,
                    positive(a, "kv-heads", base == null ? heads : base.kvHeads()),
                    positive(a, "layers", base == null ? 0 : base.layers()), positive(a, "vocab", base == null ? 0 : base.vocab()),
                    seq, positive(a, "context", base == null ? seq : base.context()), ffnType, biases, tied, pos, norm, bytes);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
    }

    private static int positive(Args a, String flag, int fallback) {
        int v = a.integer(flag, fallback);
        if (v <= 0) throw new CliException("--" + flag + " must be a positive whole number, got " + v);
        return v;
    }

    private static <E extends Enum<E>> E choice(Args a, String flag, Class<E> type, E fallback) {
        String v = a.string(flag, null);
        if (v == null) return fallback;
        for (E e : type.getEnumConstants()) if (e.name().equalsIgnoreCase(v.trim())) return e;
        var names = new StringBuilder();
        for (E e : type.getEnumConstants()) names.append(names.isEmpty() ? "" : ", ").append(e.name().toLowerCase(Locale.ROOT));
        throw new CliException("--" + flag + " expects one of " + names + ", got '" + v + "'");
    }

    static String json(ArchSpec s, List<Derivation> all) {
        var fw = all.get(1);
        var more = all.get(2);
        var w = all.get(3);
        var tr = all.get(5);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("d_model", s.dModel());
        m.put("ffn", s.ffn());
        m.put("ffn_type", s.ffnType().name().toLowerCase(Locale.ROOT));
        m.put("heads", s.heads());
        m.put("kv_heads", s.kvHeads());
        m.put("layers", s.layers());
        m.put("vocab", s.vocab());
        m.put("seq", s.seq());
        m.put("dtype_bytes", s.dtypeBytes());
        m.put("params", all.get(0).value());
        m.put("params_non_embedding", ParameterCount.nonEmbedding(s));
        m.put("flops_per_token", fw.valueOf("flops.per_token"));
        m.put("flops_sequence", fw.value());
        m.put("flops_sequence_causal", more.valueOf("flops_more.causal"));
        m.put("flops_training_sequence", more.value());
        m.put("kv_cache_bytes", all.get(4).value());
        m.put("weights_bytes", w.value());
        for (String t : List.of("fp32", "fp16", "bf16", "int8", "int4")) m.put("weights_bytes_" + t, w.valueOf("mem_weights." + t));
        m.put("adam_training_bytes", tr.valueOf("mem_train.adam"));
        m.put("activation_bytes", tr.valueOf("mem_train.activations"));
        m.put("flop_convention", Flops.CONVENTION);
        var sb = new StringBuilder("{");
        m.forEach((k, v) -> {
            if (sb.length() > 1) sb.append(',');
            sb.append(quote(k)).append(':').append(v instanceof String str ? quote(str) : String.valueOf(v));
        });
        return sb.append('}').toString();
    }

    static String quote(String s) { return glassbox.model.json.JsonText.quote(s); }
}
