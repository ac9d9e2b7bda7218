package glassbox.model.arithmetic;

import static glassbox.model.arithmetic.Steps.n;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A predict-then-check question about one architecture. {@link #check} says right or wrong, how
 * far off, and — when the answer matches a known slip (forgetting W_O, counting MACs, ignoring
 * GQA…) — which derivation step it first departs from.
 *
 * @param promptKey resource key for the translated prompt; its arguments are {@link #promptArgs()}
 */
public record DrillQuestion(DrillKind kind, ArchSpec spec, String prompt, String promptKey, Derivation derivation, long expected) {

    /** Relative error still counted as right: interview answers are rounded. */
    public static final double TOLERANCE = 0.02;

    public static DrillQuestion of(DrillKind kind, ArchSpec spec) {
        String shape = describe(spec);
        return switch (kind) {
            case SHAPE -> new DrillQuestion(kind, spec, "What is the shape of W_K in one layer of " + spec.name() + "? (" + shape + ")",
                    "drill.q.shape", shapeDerivation(spec), (long) spec.dModel() * spec.kvDim());
            case PARAMS -> new DrillQuestion(kind, spec, "How many parameters does " + spec.name() + " have? (" + shape + ")",
                    "drill.q.params", ParameterCount.derive(spec), ParameterCount.total(spec));
            case FLOPS_PER_TOKEN -> new DrillQuestion(kind, spec, "How many forward FLOPs per token does " + spec.name()
                    + " spend at a context of s = " + n(spec.seq()) + "? (" + shape + ")", "drill.q.flops", Flops.forward(spec), Flops.perToken(spec));
            case KV_CACHE_BYTES -> new DrillQuestion(kind, spec, "How many bytes does the KV cache of " + spec.name() + " take for "
                    + n(spec.seq()) + " tokens at " + spec.dtypeBytes() + " bytes per number? (" + shape + ")",
                    "drill.q.kv", Memory.kvCache(spec), Memory.kvCacheBytes(spec));
        };
    }

    /** A random kind for a random spec from the list; the same seed gives the same question. */
    public static DrillQuestion random(Random rng, List<ArchSpec> specs) {
        if (specs.isEmpty()) throw new IllegalArgumentException("no architectures to ask about");
        var kinds = DrillKind.values();
        return of(kinds[rng.nextInt(kinds.length)], specs.get(rng.nextInt(specs.size())));
    }

    /** Arguments for {@link #promptKey()}: name, shape summary, s, bytes per number. */
    public Object[] promptArgs() { return new Object[] {spec.name(), describe(spec), n(spec.seq()), spec.dtypeBytes()}; }

    /** The model's shape in English: "d=768, ffn=3,072 gelu, 12 heads, …, LayerNorm, tied head". */
    public static String describe(ArchSpec s) {
        return describe(s, "d={0}, ffn={1} {2}, {3} heads, {4} KV heads, {5} layers, V={6}, s={7}, {8}, {9}", "tied head", "untied head");
    }

    /**
     * The model's shape in a MessageFormat pattern of another language: {0} d, {1} ffn, {2} its type, {3} heads,
     * {4} K/V heads, {5} layers, {6} V, {7} s, {8} the norm, {9} tiedHead or untiedHead.
     */
    public static String describe(ArchSpec s, String pattern, String tiedHead, String untiedHead) {
        return new MessageFormat(pattern, Locale.ROOT).format(new Object[]{n(s.dModel()), n(s.ffn()),
                s.ffnType().name().toLowerCase(Locale.ROOT), String.valueOf(s.heads()), String.valueOf(s.kvHeads()),
                String.valueOf(s.layers()), n(s.vocab()), n(s.seq()), s.norm() == Norm.LAYER_NORM ? "LayerNorm" : "RMSNorm",
                s.tiedHead() ? tiedHead : untiedHead});
    }

    public DrillCheck check(String answer) {
        if (kind == DrillKind.SHAPE) return checkShape(answer);
        var parsed = AnswerParser.number(answer);
        if (parsed.isEmpty()) return new DrillCheck(false, "", Double.NaN, derivation, derivation.steps().size() - 1, "", "");
        double a = parsed.getAsDouble();
        double err = Math.abs(a - expected) / (double) expected;
        String shown = String.format(Locale.ROOT, "%,.0f", a);
        if (err <= TOLERANCE) return new DrillCheck(true, shown, err, derivation, -1, "", "");
        for (Mistake m : mistakes()) {
            if (m.value() > 0 && Math.abs(a - m.value()) / (double) m.value() <= TOLERANCE / 2) {
                return new DrillCheck(false, shown, err, derivation, Math.max(0, derivation.indexOf(m.step())), m.id(), m.text());
            }
        }
        return new DrillCheck(false, shown, err, derivation, derivation.steps().size() - 1, "", "");
    }

    private DrillCheck checkShape(String answer) {
        var nums = AnswerParser.integers(answer);
        if (nums.size() != 2) return new DrillCheck(false, "", Double.NaN, derivation, derivation.steps().size() - 1, "", "");
        long r = nums.get(0), c = nums.get(1), d = spec.dModel(), kvd = spec.kvDim();
        String shown = n(r) + " × " + n(c);
        double err = Math.abs(r * c - expected) / (double) expected;
        if (r == d && c == kvd) return new DrillCheck(true, shown, 0, derivation, -1, "", "");
        if (r == kvd && c == d) return new DrillCheck(true, shown, 0, derivation, -1, "transposed",
                "Right numbers, transposed: with row vectors (x·W) W_K is d × d_kv; nn.Linear stores it as d_kv × d.");
        int kvStep = derivation.indexOf("shape.kv_dim");
        if ((r == d && c == d) || (r == d && c == spec.headDim())) {
            boolean perHead = c == spec.headDim() && c != d;
            return new DrillCheck(false, shown, err, derivation, perHead ? derivation.indexOf("shape.head_dim") + 1 : kvStep,
                    perHead ? "one_head" : "ignored_gqa", perHead ? "That is one K head; W_K holds all h_kv heads side by side."
                    : "Ignored grouped-query attention: only h_kv = " + spec.kvHeads() + " K heads exist, so W_K has d_kv = h_kv · d_head columns.");
        }
        return new DrillCheck(false, shown, err, derivation, derivation.steps().size() - 1, "", "");
    }

    private static Derivation shapeDerivation(ArchSpec s) {
        var st = new Steps("shape");
        long d = s.dModel(), h = s.heads(), kv = s.kvHeads();
        st.add("head_dim", "Head dimension", "d_head = d / h", n(d) + " / " + h, d / h, Unit.COUNT);
        st.add("kv_dim", "K width: one d_head per KV head", "d_kv = h_kv · d_head", kv + " · " + (d / h), kv * (d / h), Unit.COUNT);
        st.add("rows", "Rows of W_K: the residual width", "d", n(d), d, Unit.COUNT);
        st.add("cols", "Columns of W_K", "d_kv", n(s.kvDim()), s.kvDim(), Unit.COUNT);
        st.add("size", "W_K is d × d_kv, holding", "d · d_kv", n(d) + " · " + n(s.kvDim()), d * s.kvDim(), Unit.PARAMS);
        return st.build("Shape of W_K in " + s.name(), "Row-vector convention: k = x · W_K with x of width d.");
    }

    private record Mistake(String id, String step, long value, String text) {}

    /** Common slips, each as the number it produces and the step it first changes. */
    private List<Mistake> mistakes() {
        var out = new ArrayList<Mistake>();
        var s = spec;
        long d = s.dModel(), L = s.layers(), V = s.vocab();
        boolean gqa = s.kvHeads() < s.heads();
        switch (kind) {
            case PARAMS -> {
                var p = derivation;
                out.add(new Mistake("forgot_wo", "params.attn.wo", expected - L * d * d, "Forgot the output projection W_O (d·d per layer)."));
                if (gqa) out.add(new Mistake("ignored_gqa", "params.kv_dim", ParameterCount.total(s.withKvHeads(s.heads())),
                        "Ignored GQA: W_K and W_V are d × d_kv with d_kv = h_kv · d_head, not d × d."));
                if (s.tiedHead()) out.add(new Mistake("head_twice", "params.head", expected + d * V, "Counted the LM head separately, but it is tied to the embedding."));
                else out.add(new Mistake("forgot_head", "params.head", expected - d * V, "Forgot the untied LM head (d·V)."));
                out.add(new Mistake("forgot_embedding", "params.embed", expected - V * d, "Forgot the token embedding (V·d)."));
                out.add(new Mistake("forgot_norms", "params.norms", expected - L * p.valueOf("params.norms") - p.valueOf("params.final_norm"),
                        "Forgot the norm gains" + (s.norm() == Norm.LAYER_NORM ? " and biases." : ".")));
                if (s.positions() == Positions.LEARNED) out.add(new Mistake("forgot_positions", "params.positions",
                        expected - p.valueOf("params.positions"), "Forgot the learned position table (n_ctx·d)."));
                if (s.biases() != Biases.NONE) {
                    long b = p.valueOf("params.attn.bias") + p.step("params.ffn.bias").map(Step::value).orElse(0L);
                    out.add(new Mistake("forgot_biases", "params.attn.bias", expected - L * b, "Forgot the biases."));
                }
                int m = s.ffnType().matrices();
                out.add(new Mistake(m == 3 ? "swiglu_two" : "gelu_three", "params.ffn.w", expected + (5 - 2 * m) * L * d * s.ffn(),
                        m == 3 ? "Counted two FFN matrices, but SwiGLU has three (gate, up, down)." : "Counted three FFN matrices; a GELU/ReLU FFN has two."));
            }
            case FLOPS_PER_TOKEN -> {
                var f = derivation;
                out.add(new Mistake("macs", "flops.rule", expected / 2, "Counted multiply-accumulates: one MAC is 2 FLOPs, so (m×k)(k×n) costs 2mnk."));
                if (gqa) out.add(new Mistake("ignored_gqa", "flops.kv", Flops.perToken(s.withKvHeads(s.heads())),
                        "Ignored GQA: the K and V projections only produce d_kv = h_kv · d_head columns."));
                out.add(new Mistake("forgot_attention", "flops.qk", expected - L * (f.valueOf("flops.qk") + f.valueOf("flops.av")),
                        "Left out QKᵀ and A·V over the context (2·s·d each per layer)."));
                out.add(new Mistake("two_n", "flops.qk", 2 * ParameterCount.total(s),
                        "Used 2·N: it ignores attention over the context and wrongly counts embedding lookups."));
                out.add(new Mistake("causal_avg", "flops.qk", expected - L * (f.valueOf("flops.qk") + f.valueOf("flops.av")) / 2,
                        "Halved the attention terms (average causal context); this question counts the full context s."));
                out.add(new Mistake("forgot_head", "flops.head", expected - f.valueOf("flops.head"), "Forgot the LM head (2·d·V per token)."));
                out.add(new Mistake("forgot_wo", "flops.o", expected - L * f.valueOf("flops.o"), "Forgot the output projection W_O (2·d·d per layer)."));
            }
            case KV_CACHE_BYTES -> {
                out.add(new Mistake("only_k", "kv.per_token", expected / 2, "Stored only K (or only V): the factor 2 is for both."));
                if (gqa) out.add(new Mistake("ignored_gqa", "kv.per_token", Memory.kvCacheBytes(s.withKvHeads(s.heads())),
                        "Used h = " + s.heads() + " heads, but only h_kv = " + s.kvHeads() + " K/V heads are cached."));
                out.add(new Mistake("one_layer", "kv.per_token", expected / L, "Counted one layer: every layer caches its own K and V."));
                out.add(new Mistake("per_token", "kv.total", expected / s.seq(), "That is one token's K and V; multiply by the s tokens."));
                out.add(new Mistake("wrong_bytes", "kv.per_token", expected / s.dtypeBytes() * (s.dtypeBytes() == 4 ? 2 : 4),
                        "Used the wrong bytes per number (" + s.dtypeBytes() + " here)."));
                out.add(new Mistake("bits", "kv.per_token", expected * 8, "Counted bits instead of bytes."));
            }
            case SHAPE -> { }
        }
        return out;
    }
}
