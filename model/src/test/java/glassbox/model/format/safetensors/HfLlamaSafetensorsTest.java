package glassbox.model.format.safetensors;

import glassbox.model.LoadedModel;
import glassbox.model.config.RopePairing;
import glassbox.model.format.llama2c.Llama2cCheckpoint;
import glassbox.model.io.ModelFiles;
import glassbox.model.tensor.FloatTensor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/**
 * stories260K's real weights re-laid out as a Hugging Face Llama folder: q/k rows permuted the way
 * transformers' convert_llama_weights_to_hf.py does it (for rotate-half RoPE), tied embeddings. Read back
 * with HALF_SPLIT pairing, it must reproduce run.c's logits.
 */
class HfLlamaSafetensorsTest {
    @TempDir Path dir;

    static Path shared(String relative) {
        Path root = Path.of(System.getProperty("glassbox.shared", "../shared"));
        Assumptions.assumeTrue(Files.isDirectory(root), "skipped: shared folder " + root.toAbsolutePath() + " is absent");
        return root.resolve(relative);
    }

    /** HF's permute(): within each head, Meta row 2i+c becomes row c·(headDim/2)+i. */
    static float[] permuteForHalfSplit(FloatTensor w, int heads, int headDim, int cols) {
        float[] src = w.slice(0, (long) heads * headDim * cols).toFloatArray();
        float[] dst = new float[src.length];
        for (int h = 0; h < heads; h++)
            for (int i = 0; i < headDim / 2; i++)
                for (int c = 0; c < 2; c++)
                    System.arraycopy(src, (h * headDim + 2 * i + c) * cols, dst, (h * headDim + c * headDim / 2 + i) * cols, cols);
        return dst;
    }

    @Test void hfLlamaFolderReproducesRunC() throws IOException {
        Path folder = dir.resolve("stories260K-hf");
        Files.createDirectories(folder);
        try (var ckpt = Llama2cCheckpoint.open(shared("models/llama2c/stories260K.bin"))) {
            var c = ckpt.config();
            var w = ckpt.weights();
            int d = c.dim(), hd = c.headDim(), kv = c.kvDim(), h = c.hiddenDim();
            var st = new SafetensorsWriter().add("model.embed_tokens.weight", w.tokenEmbedding().toFloatArray(), c.vocabSize(), d);
            for (int l = 0; l < c.layers(); l++) {
                var L = w.layers().get(l);
                String p = "model.layers." + l + ".";
                st.add(p + "input_layernorm.weight", L.attnNorm().toFloatArray(), d)
                        .add(p + "self_attn.q_proj.weight", permuteForHalfSplit(L.wq(), c.heads(), hd, d), d, d)
                        .add(p + "self_attn.k_proj.weight", permuteForHalfSplit(L.wk(), c.kvHeads(), hd, d), kv, d)
                        .add(p + "self_attn.v_proj.weight", L.wv().toFloatArray(), kv, d)
                        .add(p + "self_attn.o_proj.weight", L.wo().toFloatArray(), d, d)
                        .add(p + "post_attention_layernorm.weight", L.mlpNorm().toFloatArray(), d)
                        .add(p + "mlp.gate_proj.weight", L.wGate().toFloatArray(), h, d)
                        .add(p + "mlp.up_proj.weight", L.wUp().toFloatArray(), h, d)
                        .add(p + "mlp.down_proj.weight", L.wDown().toFloatArray(), d, h);
            }
            st.add("model.norm.weight", w.finalNorm().toFloatArray(), d).write(folder.resolve("model.safetensors"));
            Files.writeString(folder.resolve("config.json"), """
                    {"architectures": ["LlamaForCausalLM"], "model_type": "llama", "hidden_size": %d, "intermediate_size": %d,
                     "num_hidden_layers": %d, "num_attention_heads": %d, "num_key_value_heads": %d, "vocab_size": %d,
                     "max_position_embeddings": %d, "rms_norm_eps": 1e-05, "rope_theta": 10000.0, "tie_word_embeddings": true,
                     "torch_dtype": "float32"}
                    """.formatted(d, h, c.layers(), c.heads(), c.kvHeads(), c.vocabSize(), c.contextLength()));
        }
        int[] ids = Arrays.stream(Files.readString(shared("reference/stories260K_logits_32x512.ids.txt")).trim().split("[,\\s]+"))
                .mapToInt(Integer::parseInt).toArray();
        byte[] raw = Files.readAllBytes(shared("reference/stories260K_logits_32x512.f32"));
        float[] ref = new float[raw.length / 4];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(ref);
        try (LoadedModel m = ModelFiles.open(folder.resolve("model.safetensors"), shared("models/llama2c/tok512.bin"))) {
            assertEquals(RopePairing.HALF_SPLIT, m.config().ropePairing());
            assertTrue(m.config().tiedHead());
            assertEquals(512, m.tokenizer().vocabSize());
            float[] got = m.transformer().allLogits(ids);
            float worst = 0;
            for (int i = 0; i < ref.length; i++) worst = Math.max(worst, Math.abs(ref[i] - got[i]));
            System.out.printf("stories260K as an HF Llama safetensors folder: max |logit diff| vs run.c %.3g%n", worst);
            assertTrue(worst <= 1e-4f, "worst " + worst);
        }
    }
}
