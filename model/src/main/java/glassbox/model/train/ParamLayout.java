package glassbox.model.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every parameter tensor of a model as a named slice of one flat float array, with GGUF names. */
public final class ParamLayout {
    /** rows == 1 with matrix == false is a vector; matrices are row-major [rows][cols] = [out][in]. */
    public record Tensor(String name, int rows, int cols, boolean matrix, int offset) {
        public int size() { return rows * cols; }
    }

    private final Map<String, Tensor> byName = new LinkedHashMap<>();
    private int total;

    private ParamLayout() {}

    private void mat(String name, int rows, int cols) { add(new Tensor(name, rows, cols, true, total)); }
    private void vec(String name, int n) { add(new Tensor(name, 1, n, false, total)); }
    private void add(Tensor t) { byName.put(t.name(), t); total += t.size(); }

    public static ParamLayout of(ModelShape s) {
        var l = new ParamLayout();
        int d = s.dim(), f = s.ffn();
        l.mat("token_embd.weight", s.vocab(), d);
        if (s.arch() == Arch.GPT2) l.mat("position_embd.weight", s.context(), d);
        for (int i = 0; i < s.layers(); i++) {
            String b = "blk." + i + ".";
            l.vec(b + "attn_norm.weight", d);
            if (s.arch() == Arch.GPT2) {
                l.vec(b + "attn_norm.bias", d);
                l.mat(b + "attn_qkv.weight", 3 * d, d);
                l.vec(b + "attn_qkv.bias", 3 * d);
                l.mat(b + "attn_output.weight", d, d);
                l.vec(b + "attn_output.bias", d);
                l.vec(b + "ffn_norm.weight", d);
                l.vec(b + "ffn_norm.bias", d);
                l.mat(b + "ffn_up.weight", f, d);
                l.vec(b + "ffn_up.bias", f);
                l.mat(b + "ffn_down.weight", d, f);
                l.vec(b + "ffn_down.bias", d);
            } else {
                l.mat(b + "attn_q.weight", d, d);
                l.mat(b + "attn_k.weight", s.kvDim(), d);
                l.mat(b + "attn_v.weight", s.kvDim(), d);
                l.mat(b + "attn_output.weight", d, d);
                l.vec(b + "ffn_norm.weight", d);
                l.mat(b + "ffn_gate.weight", f, d);
                l.mat(b + "ffn_up.weight", f, d);
                l.mat(b + "ffn_down.weight", d, f);
            }
        }
        l.vec("output_norm.weight", d);
        if (s.arch() == Arch.GPT2) l.vec("output_norm.bias", d);
        return l;
    }

    public int total() { return total; }

    public Tensor get(String name) {
        Tensor t = byName.get(name);
        if (t == null) throw new IllegalArgumentException("no parameter " + name);
        return t;
    }

    public int off(String name) { return get(name).offset(); }

    public List<Tensor> tensors() { return Collections.unmodifiableList(new ArrayList<>(byName.values())); }
}
