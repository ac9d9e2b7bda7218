package glassbox.model.arithmetic.why;

import glassbox.model.arithmetic.ArchSpec;
import glassbox.model.arithmetic.Memory;
import glassbox.model.arithmetic.ParameterCount;
import java.util.ArrayList;
import java.util.List;

/**
 * KV cache size, and MHA vs GQA vs MQA: the same model with h, its own, and 1 K/V heads — KV
 * bytes per token, for the whole sequence, and the K/V projection parameters.
 */
public final class AttentionVariantsDemo {
    private AttentionVariantsDemo() {}

    public record Variant(String name, int kvHeads, long kvBytesPerToken, long kvBytesSequence, long params) {}

    /** @param growth KV bytes at 1, 2, 4, … tokens up to s */
    public record Result(ArchSpec spec, List<Variant> variants, int[] tokens, long[] growth) {}

    public static Result run(ArchSpec spec) {
        var out = new ArrayList<Variant>();
        out.add(variant("MHA", spec.withKvHeads(spec.heads())));
        if (spec.kvHeads() != spec.heads() && spec.kvHeads() != 1) out.add(variant("GQA", spec));
        else if (spec.heads() % 8 == 0 && spec.heads() > 8) out.add(variant("GQA", spec.withKvHeads(8)));
        out.add(variant("MQA", spec.withKvHeads(1)));
        var tokens = new ArrayList<Integer>();
        for (long t = 1; t <= spec.seq(); t *= 2) tokens.add((int) t);
        int[] tk = tokens.stream().mapToInt(Integer::intValue).toArray();
        long[] growth = new long[tk.length];
        for (int i = 0; i < tk.length; i++) growth[i] = Memory.kvCacheBytes(spec.withSeq(tk[i]));
        return new Result(spec, List.copyOf(out), tk, growth);
    }

    private static Variant variant(String name, ArchSpec s) {
        var kv = Memory.kvCache(s);
        return new Variant(name, s.kvHeads(), kv.valueOf("kv.per_token"), kv.value(), ParameterCount.total(s));
    }
}
