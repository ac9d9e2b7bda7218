package glassbox.model.transformer;

import glassbox.model.config.Activation;
import glassbox.model.config.ModelConfig;
import glassbox.model.config.PositionScheme;
import glassbox.model.tensor.FloatTensor;

/** Checks every tensor against the shape the config implies, so a mismatch fails at load, not mid-forward. */
final class WeightShapes {
    private WeightShapes() {}

    static void check(ModelConfig c, ModelWeights w) {
        int d = c.dim(), kv = c.kvDim(), h = c.hiddenDim();
        need("token embedding", w.tokenEmbedding(), (long) c.vocabSize() * d);
        need("classifier", w.output(), (long) c.vocabSize() * d);
        need("final norm", w.finalNorm(), d);
        opt("final norm bias", w.finalNormBias(), d);
        if (c.positions() == PositionScheme.LEARNED) need("position embedding", w.positionEmbedding(), (long) c.contextLength() * d);
        if (w.layers().size() != c.layers()) throw new IllegalArgumentException(w.layers().size() + " layers of weights for " + c.layers() + " layers");
        for (int i = 0; i < c.layers(); i++) {
            LayerWeights l = w.layers().get(i);
            String p = "layer " + i + " ";
            need(p + "attention norm", l.attnNorm(), d);
            opt(p + "attention norm bias", l.attnNormBias(), d);
            need(p + "W_Q", l.wq(), (long) d * d);
            need(p + "W_K", l.wk(), (long) kv * d);
            need(p + "W_V", l.wv(), (long) kv * d);
            need(p + "W_O", l.wo(), (long) d * d);
            opt(p + "b_Q", l.bq(), d);
            opt(p + "b_K", l.bk(), kv);
            opt(p + "b_V", l.bv(), kv);
            opt(p + "b_O", l.bo(), d);
            need(p + "MLP norm", l.mlpNorm(), d);
            opt(p + "MLP norm bias", l.mlpNormBias(), d);
            if (c.activation() == Activation.SWIGLU) need(p + "W_gate", l.wGate(), (long) h * d);
            need(p + "W_up", l.wUp(), (long) h * d);
            opt(p + "b_up", l.bUp(), h);
            need(p + "W_down", l.wDown(), (long) d * h);
            opt(p + "b_down", l.bDown(), d);
        }
    }

    private static void need(String name, FloatTensor t, long size) {
        if (t == null) throw new IllegalArgumentException("missing weight: " + name);
        opt(name, t, size);
    }

    private static void opt(String name, FloatTensor t, long size) {
        if (t != null && t.size() < size) throw new IllegalArgumentException(name + " has " + t.size() + " values, expected " + size);
    }
}
