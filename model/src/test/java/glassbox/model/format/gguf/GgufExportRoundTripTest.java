package glassbox.model.format.gguf;

import glassbox.model.LoadedModel;
import glassbox.model.config.Activation;
import glassbox.model.config.Family;
import glassbox.model.config.ModelConfig;
import glassbox.model.config.NormKind;
import glassbox.model.config.PositionScheme;
import glassbox.model.config.RopePairing;
import glassbox.model.io.ModelFiles;
import glassbox.model.tensor.F32Tensor;
import glassbox.model.transformer.LayerWeights;
import glassbox.model.transformer.ModelWeights;
import glassbox.model.transformer.Transformer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Qwen2 (q/k/v biases, half-split RoPE, partial rope dims, custom θ and ε, untied head) and Llama with GQA
 * (the shape of the project's modern.gguf): weights in memory → GgufExport → GgufModel must compute the
 * same logits as the engine on the in-memory weights, and the config must survive every metadata key.
 */
class GgufExportRoundTripTest {
    @TempDir Path dir;

    static F32Tensor rnd(Random r, int n, float s) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) r.nextGaussian() * s;
        return F32Tensor.of(a);
    }

    @ParameterizedTest
    @EnumSource(value = Family.class, names = {"LLAMA", "QWEN2"})
    void exportedModelComputesTheSameLogits(Family family) throws IOException {
        Random r = new Random(family.ordinal() + 10);
        int dim = 64, hidden = 96, layers = 2, heads = 8, kvHeads = 2, vocab = 50, ctx = 32;
        boolean qwen = family == Family.QWEN2;
        var config = new ModelConfig("rt-" + family, family, dim, hidden, layers, heads, kvHeads, vocab, ctx,
                NormKind.RMS_NORM, qwen ? 1e-6f : 1e-5f, PositionScheme.ROPE,
                qwen ? RopePairing.HALF_SPLIT : RopePairing.INTERLEAVED, qwen ? 1_000_000f : 10000f, qwen ? 4 : 8,
                Activation.SWIGLU, !qwen, qwen, false);
        int kv = config.kvDim();
        List<LayerWeights> ls = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            ls.add(new LayerWeights(rnd(r, dim, 0.1f), null, rnd(r, dim * dim, 0.2f), qwen ? rnd(r, dim, 0.3f) : null,
                    rnd(r, kv * dim, 0.2f), qwen ? rnd(r, kv, 0.3f) : null, rnd(r, kv * dim, 0.2f), qwen ? rnd(r, kv, 0.3f) : null,
                    rnd(r, dim * dim, 0.1f), null, rnd(r, dim, 0.1f), null,
                    rnd(r, hidden * dim, 0.1f), rnd(r, hidden * dim, 0.1f), null, rnd(r, dim * hidden, 0.1f), null));
        }
        var emb = rnd(r, vocab * dim, 0.5f);
        var weights = new ModelWeights(emb, null, ls, rnd(r, dim, 0.1f), null, qwen ? rnd(r, vocab * dim, 0.2f) : emb);
        Path p = dir.resolve(family + ".gguf");
        var w = new GgufWriter();
        GgufExport.addModel(w, config, weights, GgmlType.F32);
        w.write(p);
        int[] tokens = r.ints(20, 0, vocab).toArray();
        float[] expected = new Transformer(config, weights, 1).allLogits(tokens);
        try (LoadedModel m = ModelFiles.open(p, null, 1)) {
            assertEquals(config, m.config(), "every config field travels through the metadata");
            assertNull(m.tokenizer());
            // heap and mapped F32 tensors may take different SIMD paths: equal up to float rounding
            assertArrayEquals(expected, m.transformer().allLogits(tokens), 1e-5f);
        }
    }
}
