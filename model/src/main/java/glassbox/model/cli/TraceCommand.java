package glassbox.model.cli;

import glassbox.model.config.ModelConfig;
import glassbox.model.json.JsonWriter;
import glassbox.model.tokenizer.Tokenizer;
import glassbox.model.trace.ForwardTrace;
import glassbox.model.trace.HeadTrace;
import glassbox.model.trace.LayerTrace;
import glassbox.model.trace.Matrix;
import glassbox.model.transformer.Ablation;
import glassbox.model.transformer.AttentionMath;

import java.io.PrintStream;
import java.util.Locale;

/** {@code glassbox trace}: every intermediate of one forward pass over a prompt. */
public final class TraceCommand implements Command {
    @Override public String name() { return "trace"; }

    @Override public String summary() { return "record every intermediate of a forward pass (JSON)"; }

    @Override public String usage() {
        return """
                usage: glassbox trace [--model FILE] [--tokenizer FILE] --prompt TEXT [--threads N] [--json]
                  --json   the whole trace as one JSON object: tokens, pieces, embeddings, per layer the normed input,
                           per head q/k (before and after RoPE), v, raw scores, scale, mask, weights, output; the
                           concatenation, W_O output, both residual sums, MLP hidden and output; final norm and logits.
                           The mask is 0 where a query may look and null (−∞) where it may not; raw scores are
                           the full QKᵀ (above the diagonal too, for a bidirectional what-if). A trace whose size would exceed the budget
                           (768 MB) is refused with a message; prompts longer than the context are cut from the left.
                  without --json: a short summary (shapes, the likeliest next tokens).""";
    }

    @Override public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        String prompt = args.required("prompt");
        boolean json = args.flag("json");
        try (var model = ModelOptions.open(args)) {
            args.finish();
            Tokenizer tok = ModelOptions.tokenizer(model);
            int[] ids = ModelOptions.promptIds(tok, prompt, model.config().contextLength(), 0, err);
            ForwardTrace trace = model.transformer().trace(ids, Ablation.NONE, true); // the file has every row
            if (json) out.println(json(trace, tok, model.source().toString()));
            else summary(trace, tok, out);
            return 0;
        }
    }

    static String json(ForwardTrace t, Tokenizer tok, String source) {
        ModelConfig c = t.config();
        var w = new JsonWriter().beginObject();
        w.field("model", source);
        w.name("config").beginObject().field("family", c.family().name()).field("dim", c.dim()).field("hidden_dim", c.hiddenDim())
                .field("layers", c.layers()).field("heads", c.heads()).field("kv_heads", c.kvHeads()).field("head_dim", c.headDim())
                .field("vocab_size", c.vocabSize()).field("context", c.contextLength()).field("norm", c.norm().name())
                .field("positions", c.positions().name()).field("activation", c.activation().name()).endObject();
        w.field("tokens", t.tokens());
        w.name("pieces").beginArray();
        for (int id : t.tokens()) w.value(tok.piece(id));
        w.endArray();
        w.name("token_embeddings").value(t.tokenEmbeddings());
        w.name("position_embeddings").value(t.positionEmbeddings());
        w.name("embedded").value(t.embedded());
        w.name("mask").value(maskRows(t.length()));
        w.name("layers").beginArray();
        for (LayerTrace l : t.layers()) {
            w.beginObject().field("layer", l.layer());
            w.name("input").value(l.input()).name("attn_normed").value(l.attnNormed());
            w.name("heads").beginArray();
            for (HeadTrace h : l.heads()) {
                w.beginObject().field("head", h.head()).field("kv_head", h.kvHead());
                w.name("q_before_rope").value(h.qBeforeRope()).name("k_before_rope").value(h.kBeforeRope());
                w.name("q").value(h.q()).name("k").value(h.k()).name("v").value(h.v());
                w.name("raw_scores").value(h.rawScores()).field("scale", h.scale());
                w.name("weights").value(h.weights()).name("output").value(h.output());
                w.endObject();
            }
            w.endArray();
            w.name("concat").value(l.concat()).name("attn_output").value(l.attnOutput());
            w.name("residual_after_attn").value(l.residualAfterAttn()).name("mlp_normed").value(l.mlpNormed());
            w.name("mlp_hidden").value(l.mlpHidden()).name("mlp_output").value(l.mlpOutput()).name("output").value(l.output());
            w.endObject();
        }
        w.endArray();
        w.name("final_normed").value(t.finalNormed());
        w.name("logits").value(t.logits());
        return w.endObject().toString();
    }

    /** The mask; JsonWriter writes −∞ as null (JSON has no infinities), marking a position a query may not see. */
    private static Matrix maskRows(int n) { return glassbox.model.transformer.CausalMask.of(n); }


    private static void summary(ForwardTrace t, Tokenizer tok, PrintStream out) {
        ModelConfig c = t.config();
        out.printf(Locale.ROOT, "%d tokens through %d layers × %d heads (d=%d, head %d)%n", t.length(), c.layers(), c.heads(), c.dim(), c.headDim());
        for (int i = 0; i < t.length(); i++) out.printf(Locale.ROOT, "  %3d %6d %s%n", i, t.tokens()[i], tok.piece(t.tokens()[i]));
        float[] p = AttentionMath.softmax(t.lastLogits());
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < p.length; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> Float.compare(p[b], p[a]));
        out.println("likeliest next tokens:");
        for (int i = 0; i < Math.min(5, p.length); i++) out.printf(Locale.ROOT, "  %-16s %.4f%n", tok.piece(order[i]), p[order[i]]);
    }
}
