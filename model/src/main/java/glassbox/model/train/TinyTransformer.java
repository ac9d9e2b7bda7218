package glassbox.model.train;

import java.util.Arrays;
import java.util.Random;

/**
 * A decoder-only transformer that can learn: the forward pass of GPT-2 or Llama over one window, and
 * its backward pass in reverse order, layer by layer (each layer's pair lives in its own class).
 */
public final class TinyTransformer {
    public final ModelShape shape;

    public ModelShape shape() { return shape; }
    public final ParamLayout layout;
    public final float[] params;
    private final float[][] rope;
    private final int[][] off; // per layer: offsets of its tensors, in ParamLayout order

    public TinyTransformer(ModelShape shape) { this(shape, new float[ParamLayout.of(shape).total()]); }

    public TinyTransformer(ModelShape shape, float[] params) {
        this.shape = shape;
        this.layout = ParamLayout.of(shape);
        if (params.length != layout.total()) throw new IllegalArgumentException("expected " + layout.total() + " parameters, got " + params.length);
        this.params = params;
        this.rope = shape.arch() == Arch.LLAMA ? RopeLayer.tables(shape.context(), shape.headDim()) : null;
        off = new int[shape.layers()][];
        String[] names = shape.arch() == Arch.GPT2
                ? new String[]{"attn_norm.weight", "attn_norm.bias", "attn_qkv.weight", "attn_qkv.bias", "attn_output.weight", "attn_output.bias",
                               "ffn_norm.weight", "ffn_norm.bias", "ffn_up.weight", "ffn_up.bias", "ffn_down.weight", "ffn_down.bias"}
                : new String[]{"attn_norm.weight", "attn_q.weight", "attn_k.weight", "attn_v.weight", "attn_output.weight",
                               "ffn_norm.weight", "ffn_gate.weight", "ffn_up.weight", "ffn_down.weight"};
        for (int l = 0; l < shape.layers(); l++) {
            off[l] = new int[names.length];
            for (int i = 0; i < names.length; i++) off[l][i] = layout.off("blk." + l + "." + names[i]);
        }
    }

    public int parameterCount() { return layout.total(); }

    /** GPT-2 style initialisation: N(0, 0.02), residual projections scaled by 1/√(2·layers), gains 1, biases 0. */
    public void initialise(long seed) { initialise(seed, 0.02); }

    /** As {@link #initialise(long)}, with the learned GPT-2 positions started as sinusoids of per-element rms {@code positionRms}. */
    public void initialise(long seed, double positionRms) {
        var rnd = new Random(seed);
        double resid = 0.02 / Math.sqrt(2.0 * shape.layers());
        for (var t : layout.tensors()) {
            String n = t.name();
            if (n.equals("position_embd.weight")) {
                // still learned, but started from sinusoids so attention can find
                // neighbours from the first steps instead of first having to discover position at all
                int d = shape.dim();
                for (int pos = 0; pos < shape.context(); pos++)
                    for (int i = 0; i < d / 2; i++) {
                        double a = pos / Math.pow(10000, 2.0 * i / d);
                        params[t.offset() + pos * d + 2 * i] = (float) (Math.sin(a) * positionRms * Math.sqrt(2));
                        params[t.offset() + pos * d + 2 * i + 1] = (float) (Math.cos(a) * positionRms * Math.sqrt(2));
                    }
            } else if (t.matrix()) {
                double std = n.endsWith("attn_output.weight") || n.endsWith("ffn_down.weight") ? resid : 0.02;
                for (int i = 0; i < t.size(); i++) params[t.offset() + i] = (float) (rnd.nextGaussian() * std);
            } else {
                Arrays.fill(params, t.offset(), t.offset() + t.size(), n.endsWith(".weight") ? 1f : 0f);
            }
        }
    }

    Workspace workspace() { return new Workspace(shape, params.length); }

    /**
     * Forward over tokens[from..from+T) with targets[from+1..]; returns the summed loss in nats. If
     * gradScale != 0, also runs backward and accumulates gradScale·∂loss/∂θ into ws.grad.
     */
    double step(Workspace ws, int[] tokens, int from, int T, float gradScale) {
        forward(ws, tokens, from, T);
        double loss = CrossEntropyLayer.forwardBackward(ws.logits, tokens, from + 1, T, shape.vocab(), gradScale);
        if (gradScale != 0f) backward(ws, tokens, from, T);
        return loss;
    }

    /** Runs the forward pass up to the logits (ws.logits [T][vocab]) and attention weights (ws.att). */
    void forward(Workspace ws, int[] tokens, int from, int T) {
        if (T > shape.context()) throw new IllegalArgumentException("window " + T + " exceeds context " + shape.context());
        int d = shape.dim(), V = shape.vocab(), F = shape.ffn(), H = shape.heads(), KV = shape.kvHeads(), hd = shape.headDim();
        float[] p = params, x0 = ws.res[0];
        int wte = layout.off("token_embd.weight");
        for (int t = 0; t < T; t++) {
            int tok = tokens[from + t];
            if (tok < 0 || tok >= V) throw new IllegalArgumentException("token id " + tok + " outside vocabulary of " + V);
            System.arraycopy(p, wte + tok * d, x0, t * d, d);
            if (shape.arch() == Arch.GPT2) {
                int wpe = layout.off("position_embd.weight") + t * d;
                for (int i = 0; i < d; i++) x0[t * d + i] += p[wpe + i];
            }
        }
        for (int l = 0; l < shape.layers(); l++) {
            int[] o = off[l];
            float[] x = ws.res[l], mid = ws.resMid[l], out = ws.res[l + 1];
            if (shape.arch() == Arch.GPT2) {
                LayerNormLayer.forward(ws.ln1[l], ws.ln1m[l], ws.ln1r[l], x, p, o[0], o[1], T, d);
                LinearLayer.forward(ws.qkv[l], 0, ws.ln1[l], 0, p, o[2], o[3], T, d, 3 * d);
                AttentionLayer.forward(ws.atty[l], ws.att[l], ws.qkv[l], 0, 3 * d, ws.qkv[l], d, 3 * d, ws.qkv[l], 2 * d, 3 * d, T, H, H, hd);
                LinearLayer.forward(mid, 0, ws.atty[l], 0, p, o[4], o[5], T, d, d);
                for (int i = 0; i < T * d; i++) mid[i] += x[i];
                LayerNormLayer.forward(ws.ln2[l], ws.ln2m[l], ws.ln2r[l], mid, p, o[6], o[7], T, d);
                LinearLayer.forward(ws.fc[l], 0, ws.ln2[l], 0, p, o[8], o[9], T, d, F);
                GeluLayer.forward(ws.act[l], ws.fc[l], T * F);
                LinearLayer.forward(out, 0, ws.act[l], 0, p, o[10], o[11], T, F, d);
            } else {
                int kv = shape.kvDim();
                RmsNormLayer.forward(ws.ln1[l], ws.ln1r[l], x, p, o[0], T, d);
                LinearLayer.forward(ws.q[l], 0, ws.ln1[l], 0, p, o[1], -1, T, d, d);
                LinearLayer.forward(ws.k[l], 0, ws.ln1[l], 0, p, o[2], -1, T, d, kv);
                LinearLayer.forward(ws.v[l], 0, ws.ln1[l], 0, p, o[3], -1, T, d, kv);
                RopeLayer.rotate(ws.q[l], rope, T, H, hd, 1f);
                RopeLayer.rotate(ws.k[l], rope, T, KV, hd, 1f);
                AttentionLayer.forward(ws.atty[l], ws.att[l], ws.q[l], 0, d, ws.k[l], 0, kv, ws.v[l], 0, kv, T, H, KV, hd);
                LinearLayer.forward(mid, 0, ws.atty[l], 0, p, o[4], -1, T, d, d);
                for (int i = 0; i < T * d; i++) mid[i] += x[i];
                RmsNormLayer.forward(ws.ln2[l], ws.ln2r[l], mid, p, o[5], T, d);
                LinearLayer.forward(ws.gate[l], 0, ws.ln2[l], 0, p, o[6], -1, T, d, F);
                LinearLayer.forward(ws.up[l], 0, ws.ln2[l], 0, p, o[7], -1, T, d, F);
                SwiGluLayer.forward(ws.act[l], ws.gate[l], ws.up[l], T * F);
                LinearLayer.forward(out, 0, ws.act[l], 0, p, o[8], -1, T, F, d);
            }
            for (int i = 0; i < T * d; i++) out[i] += mid[i];
        }
        float[] last = ws.res[shape.layers()];
        if (shape.arch() == Arch.GPT2)
            LayerNormLayer.forward(ws.lnf, ws.lnfm, ws.lnfr, last, p, layout.off("output_norm.weight"), layout.off("output_norm.bias"), T, d);
        else
            RmsNormLayer.forward(ws.lnf, ws.lnfr, last, p, layout.off("output_norm.weight"), T, d);
        LinearLayer.forward(ws.logits, 0, ws.lnf, 0, p, wte, -1, T, d, V); // tied: the classifier is the embedding
    }

    /** Backward from ws.logits (already holding ∂loss/∂logits) to ws.grad. */
    void backward(Workspace ws, int[] tokens, int from, int T) {
        int d = shape.dim(), V = shape.vocab(), F = shape.ffn(), H = shape.heads(), KV = shape.kvHeads(), hd = shape.headDim();
        float[] p = params, g = ws.grad, dres = ws.dres;
        int wte = layout.off("token_embd.weight");
        float[] last = ws.res[shape.layers()];
        LinearLayer.backward(ws.dtmp, 0, g, ws.logits, 0, ws.lnf, 0, p, wte, -1, T, d, V);
        Arrays.fill(dres, 0, T * d, 0f);
        if (shape.arch() == Arch.GPT2)
            LayerNormLayer.backward(dres, g, ws.dtmp, last, ws.lnfm, ws.lnfr, p, layout.off("output_norm.weight"), layout.off("output_norm.bias"), T, d);
        else
            RmsNormLayer.backward(dres, g, ws.dtmp, last, ws.lnfr, p, layout.off("output_norm.weight"), T, d);
        for (int l = shape.layers() - 1; l >= 0; l--) {
            int[] o = off[l];
            float[] x = ws.res[l], mid = ws.resMid[l];
            if (shape.arch() == Arch.GPT2) {
                LinearLayer.backward(ws.dbig, 0, g, dres, 0, ws.act[l], 0, p, o[10], o[11], T, F, d);
                GeluLayer.backward(ws.dbig, ws.dbig, ws.fc[l], T * F);
                LinearLayer.backward(ws.dtmp, 0, g, ws.dbig, 0, ws.ln2[l], 0, p, o[8], o[9], T, d, F);
                LayerNormLayer.backward(dres, g, ws.dtmp, mid, ws.ln2m[l], ws.ln2r[l], p, o[6], o[7], T, d);
                LinearLayer.backward(ws.datty, 0, g, dres, 0, ws.atty[l], 0, p, o[4], o[5], T, d, d);
                Arrays.fill(ws.dbig, 0, T * 3 * d, 0f);
                AttentionLayer.backward(ws.dbig, ws.dbig, ws.dbig, ws.datty, ws.att[l], ws.qkv[l], 0, 3 * d, ws.qkv[l], d, 3 * d,
                        ws.qkv[l], 2 * d, 3 * d, T, H, H, hd, ws.dAtt);
                LinearLayer.backward(ws.dtmp, 0, g, ws.dbig, 0, ws.ln1[l], 0, p, o[2], o[3], T, d, 3 * d);
                LayerNormLayer.backward(dres, g, ws.dtmp, x, ws.ln1m[l], ws.ln1r[l], p, o[0], o[1], T, d);
            } else {
                int kv = shape.kvDim();
                LinearLayer.backward(ws.dbig, 0, g, dres, 0, ws.act[l], 0, p, o[8], -1, T, F, d);
                SwiGluLayer.backward(ws.dbig2, ws.dbig3, ws.dbig, ws.gate[l], ws.up[l], T * F);
                LinearLayer.backward(ws.dtmp, 0, g, ws.dbig2, 0, ws.ln2[l], 0, p, o[6], -1, T, d, F);
                LinearLayer.backward(ws.dtmp2, 0, g, ws.dbig3, 0, ws.ln2[l], 0, p, o[7], -1, T, d, F);
                for (int i = 0; i < T * d; i++) ws.dtmp[i] += ws.dtmp2[i];
                RmsNormLayer.backward(dres, g, ws.dtmp, mid, ws.ln2r[l], p, o[5], T, d);
                LinearLayer.backward(ws.datty, 0, g, dres, 0, ws.atty[l], 0, p, o[4], -1, T, d, d);
                Arrays.fill(ws.dq, 0, T * d, 0f);
                Arrays.fill(ws.dk, 0, T * kv, 0f);
                Arrays.fill(ws.dv, 0, T * kv, 0f);
                AttentionLayer.backward(ws.dq, ws.dk, ws.dv, ws.datty, ws.att[l], ws.q[l], 0, d, ws.k[l], 0, kv, ws.v[l], 0, kv,
                        T, H, KV, hd, ws.dAtt);
                RopeLayer.rotate(ws.dq, rope, T, H, hd, -1f);
                RopeLayer.rotate(ws.dk, rope, T, KV, hd, -1f);
                LinearLayer.backward(ws.dtmp, 0, g, ws.dq, 0, ws.ln1[l], 0, p, o[1], -1, T, d, d);
                LinearLayer.backward(ws.dtmp2, 0, g, ws.dk, 0, ws.ln1[l], 0, p, o[2], -1, T, d, kv);
                for (int i = 0; i < T * d; i++) ws.dtmp[i] += ws.dtmp2[i];
                LinearLayer.backward(ws.dtmp2, 0, g, ws.dv, 0, ws.ln1[l], 0, p, o[3], -1, T, d, kv);
                for (int i = 0; i < T * d; i++) ws.dtmp[i] += ws.dtmp2[i];
                RmsNormLayer.backward(dres, g, ws.dtmp, x, ws.ln1r[l], p, o[0], T, d);
            }
        }
        for (int t = 0; t < T; t++) {
            Simd.axpy(1f, dres, t * d, g, wte + tokens[from + t] * d, d);
            if (shape.arch() == Arch.GPT2) Simd.axpy(1f, dres, t * d, g, layout.off("position_embd.weight") + t * d, d);
        }
    }
}
