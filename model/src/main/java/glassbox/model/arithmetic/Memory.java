package glassbox.model.arithmetic;

import static glassbox.model.arithmetic.Steps.n;

/**
 * Memory: weights at common dtypes, Adam training, the KV cache and an activation estimate.
 * Batch size 1 throughout.
 */
public final class Memory {
    private Memory() {}

    public static long weightsBytes(ArchSpec s) { return weights(s).value(); }

    public static long kvCacheBytes(ArchSpec s) { return kvCache(s).value(); }

    /** Weights at fp32, fp16, bf16, int8, int4 (two per byte, rounded up), ending with the chosen dtype. */
    public static Derivation weights(ArchSpec s) {
        var st = new Steps("mem_weights");
        long N = st.add("n", "Parameters N", "N", n(ParameterCount.total(s)), ParameterCount.total(s), Unit.PARAMS);
        st.add("fp32", "Weights at fp32", "4 · N", "4 · " + n(N), 4 * N, Unit.BYTES);
        st.add("fp16", "Weights at fp16", "2 · N", "2 · " + n(N), 2 * N, Unit.BYTES);
        st.add("bf16", "Weights at bf16", "2 · N", "2 · " + n(N), 2 * N, Unit.BYTES);
        st.add("int8", "Weights at int8 (scales ignored)", "1 · N", n(N), N, Unit.BYTES);
        st.add("int4", "Weights at int4 (scales ignored)", "⌈N / 2⌉", "⌈" + n(N) + " / 2⌉", (N + 1) / 2, Unit.BYTES);
        st.add("chosen", "Weights at " + s.dtypeBytes() + " bytes per number", "b · N", s.dtypeBytes() + " · " + n(N),
                s.dtypeBytes() * N, Unit.BYTES);
        return st.build("Weight memory of " + s.name(), "Bytes = bytes per number × parameters; quantisation scales are not counted.");
    }

    /** KV cache = 2 · L · h_kv · d_head · tokens · bytes, for s tokens. */
    public static Derivation kvCache(ArchSpec s) {
        var st = new Steps("kv");
        long L = s.layers(), kv = s.kvHeads(), hd = s.headDim(), b = s.dtypeBytes(), t = s.seq();
        long per = st.add("per_token", "K and V of one token, all layers", "2 · L · h_kv · d_head · b",
                "2 · " + n(L) + " · " + n(kv) + " · " + n(hd) + " · " + b, 2 * L * kv * hd * b, Unit.BYTES);
        if (s.kvHeads() < s.heads()) {
            st.add("per_token_mha", "(for comparison) the same with one K/V per query head (MHA)", "2 · L · h · d_head · b",
                    "2 · " + n(L) + " · " + n(s.heads()) + " · " + n(hd) + " · " + b, 2 * L * s.heads() * hd * b, Unit.BYTES);
        }
        st.add("total", "KV cache for s tokens", "2 · L · h_kv · d_head · s · b", n(per) + " · " + n(t), Math.multiplyExact(per, t), Unit.BYTES);
        return st.build("KV cache of " + s.name() + " at s = " + n(t), "Batch 1; K and V stored for every layer at " + b + " bytes per number.");
    }

    /** Adam mixed precision ≈ 16 B/param, plus activations per Korthikanti et al. 2022 (no recomputation). */
    public static Derivation training(ArchSpec s) {
        var st = new Steps("mem_train");
        long N = ParameterCount.total(s);
        long adam = st.add("adam", "Weights + grads + Adam states (fp16 w, fp16 g, fp32 master, m, v)", "(2 + 2 + 4 + 4 + 4) · N",
                "16 · " + n(N), 16 * N, Unit.BYTES);
        long sq = s.seq(), d = s.dModel(), h = s.heads(), L = s.layers();
        long act = st.add("activations", "Activations kept for backward (16-bit, batch 1)", "L · (34 · s · d + 5 · h · s²)",
                n(L) + " · (34 · " + n(sq) + " · " + n(d) + " + 5 · " + n(h) + " · " + n(sq) + "²)",
                Math.multiplyExact(L, 34 * sq * d + 5 * h * sq * sq), Unit.BYTES);
        st.add("total", "Training memory estimate", "Adam + activations", n(adam) + " + " + n(act), adam + act, Unit.BYTES);
        return st.build("Training memory of " + s.name(), "Activation estimate from Korthikanti et al. 2022, sbh(34 + 5as/h) bytes per layer, b = 1.");
    }
}
