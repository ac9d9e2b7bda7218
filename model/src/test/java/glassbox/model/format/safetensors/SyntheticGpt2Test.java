package glassbox.model.format.safetensors;

import glassbox.model.LoadedModel;
import glassbox.model.config.ModelConfig;
import glassbox.model.format.gguf.GgmlType;
import glassbox.model.format.gguf.GgufExport;
import glassbox.model.format.gguf.GgufWriter;
import glassbox.model.io.ModelFiles;
import glassbox.model.tensor.F32Tensor;
import glassbox.model.transformer.LayerWeights;
import glassbox.model.transformer.ModelWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A small GPT-2 with seeded random weights, in Hugging Face's layout (Conv1D weights [in][out]), written
 * as safetensors + config.json and as GGUF (fused attn_qkv, [out][in]); both readers must give the same
 * logits, and both must match the plain double-precision forward pass written below.
 */
class SyntheticGpt2Test {
    static final int DIM = 64, HEADS = 4, HIDDEN = 256, LAYERS = 2, VOCAB = 101, CTX = 24;
    @TempDir Path dir;

    /** HF GPT-2 parameters, named as in the checkpoint. */
    static final class Hf {
        final Random r = new Random(7);
        float[] wte = rnd(VOCAB * DIM, 0.3), wpe = rnd(CTX * DIM, 0.1), lnfG = around1(DIM), lnfB = rnd(DIM, 0.1);
        final List<float[][]> layers = new ArrayList<>(); // ln1g, ln1b, cAttnW[in][3out], cAttnB, cProjW, cProjB, ln2g, ln2b, fcW, fcB, fc2W, fc2B

        Hf() {
            for (int l = 0; l < LAYERS; l++) {
                layers.add(new float[][]{around1(DIM), rnd(DIM, 0.1), rnd(DIM * 3 * DIM, 0.15), rnd(3 * DIM, 0.1),
                        rnd(DIM * DIM, 0.1), rnd(DIM, 0.1), around1(DIM), rnd(DIM, 0.1),
                        rnd(DIM * HIDDEN, 0.1), rnd(HIDDEN, 0.1), rnd(HIDDEN * DIM, 0.05), rnd(DIM, 0.1)});
            }
        }

        float[] rnd(int n, double s) { float[] a = new float[n]; for (int i = 0; i < n; i++) a[i] = (float) (r.nextGaussian() * s); return a; }
        float[] around1(int n) { float[] a = rnd(n, 0.1); for (int i = 0; i < n; i++) a[i] += 1; return a; }
    }

    // ---- the reference: GPT-2 forward in doubles, straight from the equations ----

    static double[] layerNorm(double[] x, float[] g, float[] b) {
        double mean = 0, var = 0;
        for (double v : x) mean += v;
        mean /= x.length;
        for (double v : x) var += (v - mean) * (v - mean);
        var /= x.length;
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = (x[i] - mean) / Math.sqrt(var + 1e-5) * g[i] + b[i];
        return y;
    }

    /** y = x·W + b with W stored [in][out] (Conv1D). */
    static double[] conv1d(double[] x, float[] w, float[] b, int out) {
        double[] y = new double[out];
        for (int o = 0; o < out; o++) {
            double s = b[o];
            for (int i = 0; i < x.length; i++) s += x[i] * w[i * out + o];
            y[o] = s;
        }
        return y;
    }

    static double gelu(double x) { return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x))); }

    static double[][] referenceLogits(Hf m, int[] tokens) {
        int T = tokens.length, hd = DIM / HEADS;
        double[][] x = new double[T][DIM];
        for (int t = 0; t < T; t++) for (int i = 0; i < DIM; i++) x[t][i] = m.wte[tokens[t] * DIM + i] + m.wpe[t * DIM + i];
        for (float[][] L : m.layers) {
            double[][] q = new double[T][], k = new double[T][], v = new double[T][];
            for (int t = 0; t < T; t++) {
                double[] qkv = conv1d(layerNorm(x[t], L[0], L[1]), L[2], L[3], 3 * DIM);
                q[t] = java.util.Arrays.copyOfRange(qkv, 0, DIM);
                k[t] = java.util.Arrays.copyOfRange(qkv, DIM, 2 * DIM);
                v[t] = java.util.Arrays.copyOfRange(qkv, 2 * DIM, 3 * DIM);
            }
            for (int t = 0; t < T; t++) {
                double[] att = new double[DIM];
                for (int h = 0; h < HEADS; h++) {
                    double[] s = new double[t + 1];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int u = 0; u <= t; u++) {
                        for (int i = 0; i < hd; i++) s[u] += q[t][h * hd + i] * k[u][h * hd + i];
                        s[u] /= Math.sqrt(hd);
                        max = Math.max(max, s[u]);
                    }
                    double z = 0;
                    for (int u = 0; u <= t; u++) { s[u] = Math.exp(s[u] - max); z += s[u]; }
                    for (int u = 0; u <= t; u++) for (int i = 0; i < hd; i++) att[h * hd + i] += s[u] / z * v[u][h * hd + i];
                }
                double[] proj = conv1d(att, L[4], L[5], DIM);
                for (int i = 0; i < DIM; i++) x[t][i] += proj[i];
                double[] f = conv1d(layerNorm(x[t], L[6], L[7]), L[8], L[9], HIDDEN);
                for (int i = 0; i < HIDDEN; i++) f[i] = gelu(f[i]);
                double[] down = conv1d(f, L[10], L[11], DIM);
                for (int i = 0; i < DIM; i++) x[t][i] += down[i];
            }
        }
        double[][] logits = new double[T][VOCAB];
        for (int t = 0; t < T; t++) {
            double[] h = layerNorm(x[t], m.lnfG, m.lnfB);
            for (int tok = 0; tok < VOCAB; tok++) for (int i = 0; i < DIM; i++) logits[t][tok] += h[i] * m.wte[tok * DIM + i];
        }
        return logits;
    }

    // ---- the two files ----

    static float[] transpose(float[] a, int rows, int cols) {
        float[] t = new float[a.length];
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) t[c * rows + r] = a[r * cols + c];
        return t;
    }

    Path writeSafetensors(Hf m) throws IOException {
        Path folder = dir.resolve("gpt2-hf");
        Files.createDirectories(folder);
        var w = new SafetensorsWriter().add("wte.weight", m.wte, VOCAB, DIM).add("wpe.weight", m.wpe, CTX, DIM);
        for (int l = 0; l < LAYERS; l++) {
            float[][] L = m.layers.get(l);
            String p = "h." + l + ".";
            w.add(p + "ln_1.weight", L[0], DIM).add(p + "ln_1.bias", L[1], DIM)
                    .add(p + "attn.c_attn.weight", L[2], DIM, 3 * DIM).add(p + "attn.c_attn.bias", L[3], 3 * DIM)
                    .add(p + "attn.c_proj.weight", L[4], DIM, DIM).add(p + "attn.c_proj.bias", L[5], DIM)
                    .add(p + "ln_2.weight", L[6], DIM).add(p + "ln_2.bias", L[7], DIM)
                    .add(p + "mlp.c_fc.weight", L[8], DIM, HIDDEN).add(p + "mlp.c_fc.bias", L[9], HIDDEN)
                    .add(p + "mlp.c_proj.weight", L[10], HIDDEN, DIM).add(p + "mlp.c_proj.bias", L[11], DIM);
        }
        w.add("ln_f.weight", m.lnfG, DIM).add("ln_f.bias", m.lnfB, DIM).write(folder.resolve("model.safetensors"));
        Files.writeString(folder.resolve("config.json"), """
                {"model_type": "gpt2", "n_embd": %d, "n_layer": %d, "n_head": %d, "n_positions": %d, "n_ctx": %d,
                 "vocab_size": %d, "n_inner": null, "layer_norm_epsilon": 1e-05, "activation_function": "gelu_new"}
                """.formatted(DIM, LAYERS, HEADS, CTX, CTX, VOCAB).replace("\"n_inner\": null,", "\"n_inner\": " + HIDDEN + ","));
        return folder;
    }

    /** The same parameters in the engine's layout ([out][in]), exported by GgufExport as llama.cpp's gpt2. */
    Path writeGguf(Hf m, GgmlType type) throws IOException {
        List<LayerWeights> layers = new ArrayList<>();
        long dd = (long) DIM * DIM;
        for (float[][] L : m.layers) {
            var qkv = F32Tensor.of(transpose(L[2], DIM, 3 * DIM));
            var b = F32Tensor.of(L[3]);
            layers.add(new LayerWeights(F32Tensor.of(L[0]), F32Tensor.of(L[1]),
                    qkv.slice(0, dd), b.slice(0, DIM), qkv.slice(dd, dd), b.slice(DIM, DIM), qkv.slice(2 * dd, dd), b.slice(2 * DIM, DIM),
                    F32Tensor.of(transpose(L[4], DIM, DIM)), F32Tensor.of(L[5]), F32Tensor.of(L[6]), F32Tensor.of(L[7]),
                    null, F32Tensor.of(transpose(L[8], DIM, HIDDEN)), F32Tensor.of(L[9]),
                    F32Tensor.of(transpose(L[10], HIDDEN, DIM)), F32Tensor.of(L[11])));
        }
        var wte = F32Tensor.of(m.wte);
        var weights = new ModelWeights(wte, F32Tensor.of(m.wpe), layers, F32Tensor.of(m.lnfG), F32Tensor.of(m.lnfB), wte);
        var config = ModelConfig.gpt2("synthetic-gpt2", DIM, HIDDEN, LAYERS, HEADS, VOCAB, CTX);
        Path p = dir.resolve("gpt2-" + type + ".gguf");
        var w = new GgufWriter();
        GgufExport.addModel(w, config, weights, type);
        w.write(p);
        return p;
    }

    @Test void ggufAndSafetensorsGiveIdenticalLogitsMatchingTheReference() throws IOException {
        Hf m = new Hf();
        int[] tokens = new Random(11).ints(CTX, 0, VOCAB).toArray();
        double[][] ref = referenceLogits(m, tokens);
        // one thread each: the row split of a parallel matmul may pick a different (equally exact) kernel per row
        try (LoadedModel st = ModelFiles.open(writeSafetensors(m), null, 1);
             LoadedModel gg = ModelFiles.open(writeGguf(m, GgmlType.F32), null, 1);
             LoadedModel half = ModelFiles.open(writeGguf(m, GgmlType.F16), null, 1)) {
            assertEquals("safetensors", st.format());
            assertEquals(st.config().withName("x"), gg.config().withName("x"), "both readers derive the same config");
            assertTrue(st.config().tiedHead());
            float[] a = st.transformer().allLogits(tokens), b = gg.transformer().allLogits(tokens), c = half.transformer().allLogits(tokens);
            assertArrayEquals(a, b, "safetensors and GGUF logits are identical");
            double worst = 0, worstHalf = 0, scale = 0;
            for (int t = 0; t < CTX; t++) {
                for (int v = 0; v < VOCAB; v++) {
                    worst = Math.max(worst, Math.abs(ref[t][v] - a[t * VOCAB + v]));
                    worstHalf = Math.max(worstHalf, Math.abs(ref[t][v] - c[t * VOCAB + v]));
                    scale = Math.max(scale, Math.abs(ref[t][v]));
                }
            }
            System.out.printf("synthetic GPT-2: max |logit - reference| F32 %.3g, F16 GGUF %.3g (logits up to %.2f)%n", worst, worstHalf, scale);
            assertTrue(worst < 1e-4 * Math.max(1, scale), "F32 vs reference " + worst);
            assertTrue(worstHalf < 2e-2 * Math.max(1, scale), "F16 vs reference " + worstHalf);
            assertTrue(half.format().contains("F16"), half.format());
        }
    }
}
