package glassbox.model.fuzz;

import glassbox.model.json.Json;
import glassbox.model.json.JsonText;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** Small valid files the fuzz seeds start from, written by the test itself. */
final class TinyFiles {
    private TinyFiles() {}

    static final int DIM = 8, FFN = 16, HEADS = 2, KV_HEADS = 1, CONTEXT = 32;

    /** The SentencePiece vocabulary of the tiny models: specials, 256 byte tokens, a few words. */
    static List<String> spmTokens() {
        List<String> t = new ArrayList<>(List.of("<unk>", "<s>", "</s>"));
        for (int b = 0; b < 256; b++) t.add(String.format("<0x%02X>", b));
        for (String w : List.of("▁", "e", "a", "o", "n", "t", "▁t", "▁a", "he", "▁the", "in", "▁on", "ce", "▁Once", "up", "▁upon"))
            t.add(w);
        return t;
    }

    /** A tiny Llama GGUF (F32 norms, F16 and F32 matrices, an untied head) with a SentencePiece vocabulary. */
    static byte[] tinyGguf() {
        List<String> tokens = spmTokens();
        int vocab = tokens.size(), kvDim = DIM / HEADS * KV_HEADS;
        GgufImage img = new GgufImage();
        img.version = 3;
        kv(img, "general.architecture", 8, GgufImage.stringValue("llama"));
        kv(img, "general.name", 8, GgufImage.stringValue("fuzz-tiny"));
        kv(img, "llama.block_count", 4, u32(1));
        kv(img, "llama.embedding_length", 4, u32(DIM));
        kv(img, "llama.feed_forward_length", 4, u32(FFN));
        kv(img, "llama.attention.head_count", 4, u32(HEADS));
        kv(img, "llama.attention.head_count_kv", 4, u32(KV_HEADS));
        kv(img, "llama.context_length", 4, u32(CONTEXT));
        kv(img, "llama.rope.dimension_count", 4, u32(DIM / HEADS));
        kv(img, "llama.attention.layer_norm_rms_epsilon", 6, f32(1e-5f));
        kv(img, "llama.rope.freq_base", 6, f32(10000f));
        kv(img, "tokenizer.ggml.model", 8, GgufImage.stringValue("llama"));
        var arr = new GgufImage.LeOut();
        arr.i32(8);
        arr.i64(vocab);
        for (String s : tokens) arr.bytes(GgufImage.stringValue(s));
        kv(img, "tokenizer.ggml.tokens", 9, arr.toByteArray());
        var scores = new GgufImage.LeOut();
        scores.i32(6);
        scores.i64(vocab);
        for (int k = 0; k < vocab; k++) scores.f32(k < 259 ? 0 : -(k - 259));
        kv(img, "tokenizer.ggml.scores", 9, scores.toByteArray());
        var types = new GgufImage.LeOut();
        types.i32(5);
        types.i64(vocab);
        for (int k = 0; k < vocab; k++) types.i32(k == 0 ? 2 : k < 3 ? 3 : k < 259 ? 6 : 1);
        kv(img, "tokenizer.ggml.token_type", 9, types.toByteArray());
        kv(img, "tokenizer.ggml.bos_token_id", 4, u32(1));
        kv(img, "tokenizer.ggml.eos_token_id", 4, u32(2));
        kv(img, "tokenizer.ggml.unknown_token_id", 4, u32(0));
        kv(img, "general.alignment", 4, u32(32));
        Random r = new Random(7);
        var data = new GgufImage.LeOut();
        tensor(img, data, "token_embd.weight", 1, r, DIM, vocab);
        tensor(img, data, "blk.0.attn_norm.weight", 0, r, DIM);
        tensor(img, data, "blk.0.attn_q.weight", 0, r, DIM, DIM);
        tensor(img, data, "blk.0.attn_k.weight", 1, r, DIM, kvDim);
        tensor(img, data, "blk.0.attn_v.weight", 0, r, DIM, kvDim);
        tensor(img, data, "blk.0.attn_output.weight", 1, r, DIM, DIM);
        tensor(img, data, "blk.0.ffn_norm.weight", 0, r, DIM);
        tensor(img, data, "blk.0.ffn_gate.weight", 0, r, DIM, FFN);
        tensor(img, data, "blk.0.ffn_up.weight", 1, r, DIM, FFN);
        tensor(img, data, "blk.0.ffn_down.weight", 0, r, FFN, DIM);
        tensor(img, data, "output_norm.weight", 0, r, DIM);
        tensor(img, data, "output.weight", 1, r, DIM, vocab);
        img.data = data.toByteArray();
        return img.write();
    }

    private static void kv(GgufImage img, String key, int type, byte[] raw) {
        img.kvs.add(new GgufImage.Kv(key.getBytes(StandardCharsets.UTF_8), type, raw));
    }

    /** Appends a tensor (type 0 = F32, 1 = F16) at the next 32-byte aligned offset of data. */
    private static void tensor(GgufImage img, GgufImage.LeOut data, String name, int type, Random r, long... dims) {
        while (data.size() % 32 != 0) data.write(0);
        img.tensors.add(new GgufImage.TensorInfo(name.getBytes(StandardCharsets.UTF_8), dims, type, data.size()));
        long n = 1;
        for (long d : dims) n *= d;
        for (long k = 0; k < n; k++) {
            float v = (float) (r.nextGaussian() * 0.3);
            if (type == 0) data.f32(v);
            else { short h = Float.floatToFloat16(v); data.write(h & 0xFF); data.write((h >> 8) & 0xFF); }
        }
    }

    private static byte[] u32(int v) { var o = new GgufImage.LeOut(); o.i32(v); return o.toByteArray(); }

    private static byte[] f32(float v) { var o = new GgufImage.LeOut(); o.f32(v); return o.toByteArray(); }

    /**
     * GPT-2's vocabulary cut to its 256 byte tokens, the first {@code merges} merges and {@code <|endoftext|>}:
     * a consistent byte-level BPE small enough to load thousands of times.
     */
    static Map<String, byte[]> miniGpt2(String encoderJson, String vocabBpe, int merges) {
        @SuppressWarnings("unchecked")
        Map<String, Object> enc = (Map<String, Object>) Json.parse(encoderJson);
        TreeMap<Long, String> byId = new TreeMap<>();
        enc.forEach((k, v) -> { long id = (Long) v; if (id < 256 + merges) byId.put(id, k); });
        byId.put(256L + merges, "<|endoftext|>");
        StringBuilder e = new StringBuilder("{");
        byId.forEach((id, tok) -> e.append(e.length() > 1 ? ", " : "").append(JsonText.quote(tok)).append(": ").append(id));
        e.append('}');
        List<String> lines = vocabBpe.lines().toList();
        StringBuilder m = new StringBuilder(lines.getFirst()).append('\n');
        lines.stream().skip(1).limit(merges).forEach(l -> m.append(l).append('\n'));
        StringBuilder hf = new StringBuilder("{\"version\":\"1.0\",\"added_tokens\":[{\"id\":").append(256 + merges)
                .append(",\"content\":\"<|endoftext|>\",\"special\":true}],\"pre_tokenizer\":{\"type\":\"ByteLevel\"},")
                .append("\"model\":{\"type\":\"BPE\",\"vocab\":").append(e).append(",\"merges\":[");
        lines.stream().skip(1).limit(merges).forEach(l -> hf.append(hf.charAt(hf.length() - 1) == '[' ? "" : ",").append(JsonText.quote(l)));
        hf.append("]}}");
        return Map.of("encoder.json", e.toString().getBytes(StandardCharsets.UTF_8),
                "vocab.bpe", m.toString().getBytes(StandardCharsets.UTF_8),
                "tokenizer.json", hf.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A safetensors file from name → (shape, float values), F32 little-endian, offsets in order. */
    static byte[] safetensors(Map<String, float[]> tensors, Map<String, long[]> shapes) {
        StringBuilder h = new StringBuilder("{\"__metadata__\":{\"format\":\"pt\"}");
        long off = 0;
        for (var t : tensors.entrySet()) {
            long end = off + 4L * t.getValue().length;
            h.append(',').append(JsonText.quote(t.getKey())).append(":{\"dtype\":\"F32\",\"shape\":[");
            long[] s = shapes.get(t.getKey());
            for (int k = 0; k < s.length; k++) h.append(k > 0 ? "," : "").append(s[k]);
            h.append("],\"data_offsets\":[").append(off).append(',').append(end).append("]}");
            off = end;
        }
        h.append('}');
        while ((8 + h.length()) % 8 != 0) h.append(' ');
        byte[] head = h.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + head.length + (int) off).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(head.length).put(head);
        for (float[] v : tensors.values()) for (float f : v) b.putFloat(f);
        return b.array();
    }

    /** A tiny Hugging Face Llama folder: model.safetensors, config.json and the given tokenizer.json. */
    static Map<String, byte[]> tinySafetensorsLlama(byte[] tokenizerJson, int vocab) {
        Random r = new Random(11);
        int kv = DIM / HEADS * KV_HEADS;
        Map<String, float[]> t = new java.util.LinkedHashMap<>();
        Map<String, long[]> shapes = new java.util.HashMap<>();
        java.util.function.BiConsumer<String, long[]> add = (name, shape) -> {
            long n = 1;
            for (long d : shape) n *= d;
            float[] v = new float[(int) n];
            for (int k = 0; k < v.length; k++) v[k] = (float) (r.nextGaussian() * 0.3);
            t.put(name, v);
            shapes.put(name, shape);
        };
        add.accept("model.embed_tokens.weight", new long[]{vocab, DIM});
        String p = "model.layers.0.";
        add.accept(p + "input_layernorm.weight", new long[]{DIM});
        add.accept(p + "self_attn.q_proj.weight", new long[]{DIM, DIM});
        add.accept(p + "self_attn.k_proj.weight", new long[]{kv, DIM});
        add.accept(p + "self_attn.v_proj.weight", new long[]{kv, DIM});
        add.accept(p + "self_attn.o_proj.weight", new long[]{DIM, DIM});
        add.accept(p + "post_attention_layernorm.weight", new long[]{DIM});
        add.accept(p + "mlp.gate_proj.weight", new long[]{FFN, DIM});
        add.accept(p + "mlp.up_proj.weight", new long[]{FFN, DIM});
        add.accept(p + "mlp.down_proj.weight", new long[]{DIM, FFN});
        add.accept("model.norm.weight", new long[]{DIM});
        add.accept("lm_head.weight", new long[]{vocab, DIM});
        String config = """
                {"architectures": ["LlamaForCausalLM"], "model_type": "llama", "hidden_size": %d, "intermediate_size": %d,
                 "num_hidden_layers": 1, "num_attention_heads": %d, "num_key_value_heads": %d, "vocab_size": %d,
                 "max_position_embeddings": %d, "rms_norm_eps": 1e-05, "rope_theta": 10000.0, "tie_word_embeddings": false}
                """.formatted(DIM, FFN, HEADS, KV_HEADS, vocab, CONTEXT);
        return Map.of("model.safetensors", safetensors(t, shapes), "config.json", config.getBytes(StandardCharsets.UTF_8),
                "tokenizer.json", tokenizerJson);
    }
}
