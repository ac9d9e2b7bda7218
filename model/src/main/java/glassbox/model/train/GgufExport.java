package glassbox.model.train;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal standard GGUF v3 writer for the trained models: llama.cpp names and keys, 2-D weights
 * as F16, 1-D as F32, 32-byte alignment. Any GGUF reader can load the result.
 */
public final class GgufExport {
    public static final int ALIGNMENT = 32;
    static final int T_UINT32 = 4, T_INT32 = 5, T_FLOAT32 = 6, T_BOOL = 7, T_STRING = 8, T_ARRAY = 9;
    public static final int GGML_F32 = 0, GGML_F16 = 1;

    private final Le meta = new Le();
    private int kvCount;

    private GgufExport() {}

    /** Writes the model and its tokenizer to {@code path} (atomically, via a temporary file). */
    public static void write(Path path, ModelShape s, float[] params, TrainedBpe bpe, String name) throws IOException {
        if (bpe.vocabSize() != s.vocab()) throw new IllegalArgumentException("tokenizer has " + bpe.vocabSize() + " ids, model " + s.vocab());
        var g = new GgufExport();
        String a = s.arch().ggufName;
        g.string("general.architecture", a);
        g.string("general.name", name);
        g.u32("general.alignment", ALIGNMENT);
        g.u32("general.file_type", 1);
        g.u32(a + ".context_length", s.context());
        g.u32(a + ".embedding_length", s.dim());
        g.u32(a + ".feed_forward_length", s.ffn());
        g.u32(a + ".block_count", s.layers());
        g.u32(a + ".attention.head_count", s.heads());
        if (s.arch() == Arch.GPT2) {
            g.f32(a + ".attention.layer_norm_epsilon", LayerNormLayer.EPS);
        } else {
            g.u32(a + ".attention.head_count_kv", s.kvHeads());
            g.f32(a + ".rope.freq_base", (float) RopeLayer.THETA);
            g.u32(a + ".rope.dimension_count", s.headDim());
            g.f32(a + ".attention.layer_norm_rms_epsilon", RmsNormLayer.EPS);
            g.u32(a + ".vocab_size", s.vocab());
        }
        g.string("tokenizer.ggml.model", "gpt2");
        g.string("tokenizer.ggml.pre", "gpt-2");
        g.strings("tokenizer.ggml.tokens", bpe.pieces());
        g.strings("tokenizer.ggml.merges", bpe.mergeStrings());
        int[] types = new int[bpe.vocabSize()];
        java.util.Arrays.fill(types, 1);
        types[bpe.endOfText()] = 3;
        g.i32s("tokenizer.ggml.token_type", types);
        g.u32("tokenizer.ggml.bos_token_id", bpe.endOfText());
        g.u32("tokenizer.ggml.eos_token_id", bpe.endOfText());
        g.bool("tokenizer.ggml.add_bos_token", false);

        var layout = ParamLayout.of(s);
        var infos = new Le();
        List<ParamLayout.Tensor> tensors = layout.tensors();
        long dataOff = 0;
        List<Long> offsets = new ArrayList<>();
        for (var t : tensors) {
            infos.str(t.name());
            if (t.matrix()) { infos.u32(2); infos.u64(t.cols()); infos.u64(t.rows()); infos.u32(GGML_F16); }
            else { infos.u32(1); infos.u64(t.size()); infos.u32(GGML_F32); }
            infos.u64(dataOff);
            offsets.add(dataOff);
            dataOff = align(dataOff + (long) t.size() * (t.matrix() ? 2 : 4));
        }
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        if (path.getParent() != null) Files.createDirectories(path.getParent());
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
            var head = new Le();
            head.raw(new byte[]{'G', 'G', 'U', 'F'});
            head.u32(3);
            head.u64(tensors.size());
            head.u64(g.kvCount);
            long pos = 0;
            for (Le part : List.of(head, g.meta, infos)) { part.buf.writeTo(out); pos += part.buf.size(); }
            pos = pad(out, pos);
            for (var t : tensors) {
                var d = new Le();
                for (int i = 0; i < t.size(); i++) {
                    float v = params[t.offset() + i];
                    if (t.matrix()) d.u16(Float.floatToFloat16(v)); else d.u32(Float.floatToRawIntBits(v));
                }
                d.buf.writeTo(out);
                pos = pad(out, pos + d.buf.size());
            }
        }
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static long align(long x) { return (x + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT; }

    private static long pad(OutputStream out, long pos) throws IOException {
        long a = align(pos);
        for (long i = pos; i < a; i++) out.write(0);
        return a;
    }

    private void key(String k, int type) { meta.str(k); meta.u32(type); kvCount++; }
    private void string(String k, String v) { key(k, T_STRING); meta.str(v); }
    private void u32(String k, int v) { key(k, T_UINT32); meta.u32(v); }
    private void f32(String k, float v) { key(k, T_FLOAT32); meta.u32(Float.floatToRawIntBits(v)); }
    private void bool(String k, boolean v) { key(k, T_BOOL); meta.buf.write(v ? 1 : 0); }
    private void strings(String k, List<String> v) {
        key(k, T_ARRAY); meta.u32(T_STRING); meta.u64(v.size());
        for (String s : v) meta.str(s);
    }
    private void i32s(String k, int[] v) {
        key(k, T_ARRAY); meta.u32(T_INT32); meta.u64(v.length);
        for (int x : v) meta.u32(x);
    }

    /** Little-endian byte sink. */
    private static final class Le {
        final ByteArrayOutputStream buf = new ByteArrayOutputStream();
        void raw(byte[] b) { buf.writeBytes(b); }
        void u16(int v) { buf.write(v); buf.write(v >>> 8); }
        void u32(int v) { for (int i = 0; i < 4; i++) buf.write(v >>> (8 * i)); }
        void u64(long v) { for (int i = 0; i < 8; i++) buf.write((int) (v >>> (8 * i))); }
        void str(String s) { byte[] b = s.getBytes(StandardCharsets.UTF_8); u64(b.length); raw(b); }
    }
}
