package glassbox.model.transformer;

import glassbox.model.config.Activation;
import glassbox.model.config.ModelConfig;
import glassbox.model.tensor.F32Tensor;
import glassbox.model.tensor.FloatTensor;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Small random models for tests; every tensor a heap float[] the scalar reference reads directly. */
final class RandomWeights {
    private RandomWeights() {}

    static ModelWeights make(ModelConfig c, long seed) {
        var r = new SplittableRandom(seed);
        int d = c.dim(), kv = c.kvDim(), h = c.hiddenDim();
        boolean ab = c.attentionBias(), mb = c.mlpBias(), ln = c.norm() == glassbox.model.config.NormKind.LAYER_NORM;
        List<LayerWeights> layers = new ArrayList<>();
        for (int l = 0; l < c.layers(); l++) {
            layers.add(new LayerWeights(near1(r, d), ln ? t(r, d) : null,
                    t(r, d * d), ab ? t(r, d) : null, t(r, kv * d), ab ? t(r, kv) : null, t(r, kv * d), ab ? t(r, kv) : null,
                    t(r, d * d), ab ? t(r, d) : null, near1(r, d), ln ? t(r, d) : null,
                    c.activation() == Activation.SWIGLU ? t(r, h * d) : null, t(r, h * d), mb ? t(r, h) : null,
                    t(r, d * h), mb ? t(r, d) : null));
        }
        FloatTensor emb = t(r, c.vocabSize() * d);
        FloatTensor pos = c.positions() == glassbox.model.config.PositionScheme.LEARNED ? t(r, c.contextLength() * d) : null;
        FloatTensor out = c.tiedHead() ? emb : t(r, c.vocabSize() * d);
        return new ModelWeights(emb, pos, layers, near1(r, d), ln ? t(r, d) : null, out);
    }

    private static FloatTensor t(SplittableRandom r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) (r.nextDouble() - 0.5) * 0.6f;
        return F32Tensor.of(a);
    }

    private static FloatTensor near1(SplittableRandom r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = 1f + (float) (r.nextDouble() - 0.5) * 0.2f;
        return F32Tensor.of(a);
    }
}
