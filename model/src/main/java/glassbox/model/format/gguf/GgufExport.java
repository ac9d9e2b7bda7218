package glassbox.model.format.gguf;

import glassbox.model.config.Activation;
import glassbox.model.config.Family;
import glassbox.model.config.ModelConfig;
import glassbox.model.config.NormKind;
import glassbox.model.config.PositionScheme;
import glassbox.model.config.RopePairing;
import glassbox.model.tensor.FloatTensor;
import glassbox.model.tokenizer.SentencePieceBpe;
import glassbox.model.transformer.LayerWeights;
import glassbox.model.transformer.ModelWeights;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes any in-memory model (config + weights) as a GGUF file llama.cpp can read: architecture metadata
 * and tensors under llama.cpp's names. Matrices are stored in the requested type; norms and biases stay F32
 * (as llama.cpp does), and a matrix whose rows are not whole 32-value blocks falls back to F16.
 */
public final class GgufExport {
    private GgufExport() {}

    private static final Pattern BYTE_TOKEN = Pattern.compile("<0x[0-9A-Fa-f]{2}>");

    /** What was written, for the converter to print. */
    public record Report(int tensors, long bytes, List<String> fallbacks) {}

    /** Adds architecture metadata and every tensor to the writer (the caller adds the vocabulary and writes). */
    public static Report addModel(GgufWriter w, ModelConfig c, ModelWeights weights, GgmlType type) {
        String arch = switch (c.family()) { case LLAMA -> "llama"; case QWEN2 -> "qwen2"; case GPT2 -> "gpt2"; };
        checkExpressible(c, arch);
        w.putString("general.architecture", arch);
        w.putString("general.name", c.name());
        w.putUInt32("general.file_type", switch (type) { case F32 -> 0; case F16 -> 1; case Q4_0 -> 2; case Q8_0 -> 7; case BF16 -> 32; default -> 0; });
        w.putUInt32(arch + ".context_length", c.contextLength());
        w.putUInt32(arch + ".embedding_length", c.dim());
        w.putUInt32(arch + ".block_count", c.layers());
        w.putUInt32(arch + ".feed_forward_length", c.hiddenDim());
        w.putUInt32(arch + ".attention.head_count", c.heads());
        w.putUInt32(arch + ".attention.head_count_kv", c.kvHeads());
        if (c.norm() == NormKind.RMS_NORM) w.putFloat32(arch + ".attention.layer_norm_rms_epsilon", c.normEps());
        else w.putFloat32(arch + ".attention.layer_norm_epsilon", c.normEps());
        if (c.positions() == PositionScheme.ROPE) {
            w.putFloat32(arch + ".rope.freq_base", c.ropeTheta());
            w.putUInt32(arch + ".rope.dimension_count", c.ropeDims());
        }
        List<String> fallbacks = new ArrayList<>();
        long[] bytes = {0};
        int[] count = {0};
        Adder add = (name, t, rows, cols, matrixType) -> {
            if (t == null) return;
            GgmlType ty = matrixType;
            if (rows > 1 && cols % ty.blockSize != 0) { ty = GgmlType.F16; fallbacks.add(name + " (rows of " + cols + ")"); }
            if (rows == 1) ty = GgmlType.F32;
            float[] values = t.slice(0, (long) rows * cols).toFloatArray();
            GgmlType fty = ty;
            long[] dims = rows == 1 ? new long[]{cols} : new long[]{cols, rows};
            w.addTensor(name, dims, fty, () -> GgufWriter.encode(fty, values));
            bytes[0] += fty.bytesFor((long) rows * cols);
            count[0]++;
        };
        int d = c.dim(), kv = c.kvDim(), h = c.hiddenDim(), v = c.vocabSize();
        add.add("token_embd.weight", weights.tokenEmbedding(), v, d, type);
        if (c.positions() == PositionScheme.LEARNED) add.add("position_embd.weight", weights.positionEmbedding(), c.contextLength(), d, type == GgmlType.F32 ? GgmlType.F32 : GgmlType.F16);
        add.add("output_norm.weight", weights.finalNorm(), 1, d, GgmlType.F32);
        add.add("output_norm.bias", weights.finalNormBias(), 1, d, GgmlType.F32);
        if (weights.output() != weights.tokenEmbedding()) add.add("output.weight", weights.output(), v, d, type);
        for (int i = 0; i < c.layers(); i++) {
            LayerWeights l = weights.layers().get(i);
            String p = "blk." + i + ".";
            add.add(p + "attn_norm.weight", l.attnNorm(), 1, d, GgmlType.F32);
            add.add(p + "attn_norm.bias", l.attnNormBias(), 1, d, GgmlType.F32);
            if (c.family() == Family.GPT2) {
                // llama.cpp's gpt2 graph reads one fused [q; k; v] matrix and bias
                add.add(p + "attn_qkv.weight", F32(concat(l.wq(), (long) d * d, l.wk(), (long) kv * d, l.wv(), (long) kv * d)), d + 2 * kv, d, type);
                if (l.bq() != null) add.add(p + "attn_qkv.bias", F32(concat(l.bq(), d, l.bk(), kv, l.bv(), kv)), 1, d + 2 * kv, GgmlType.F32);
            } else {
                add.add(p + "attn_q.weight", l.wq(), d, d, type);
                add.add(p + "attn_k.weight", l.wk(), kv, d, type);
                add.add(p + "attn_v.weight", l.wv(), kv, d, type);
                add.add(p + "attn_q.bias", l.bq(), 1, d, GgmlType.F32);
                add.add(p + "attn_k.bias", l.bk(), 1, kv, GgmlType.F32);
                add.add(p + "attn_v.bias", l.bv(), 1, kv, GgmlType.F32);
            }
            add.add(p + "attn_output.weight", l.wo(), d, d, type);
            add.add(p + "attn_output.bias", l.bo(), 1, d, GgmlType.F32);
            add.add(p + "ffn_norm.weight", l.mlpNorm(), 1, d, GgmlType.F32);
            add.add(p + "ffn_norm.bias", l.mlpNormBias(), 1, d, GgmlType.F32);
            add.add(p + "ffn_gate.weight", l.wGate(), h, d, type);
            add.add(p + "ffn_up.weight", l.wUp(), h, d, type);
            add.add(p + "ffn_up.bias", l.bUp(), 1, h, GgmlType.F32);
            add.add(p + "ffn_down.weight", l.wDown(), d, h, type);
            add.add(p + "ffn_down.bias", l.bDown(), 1, d, GgmlType.F32);
        }
        return new Report(count[0], bytes[0], fallbacks);
    }

    /** GGUF names only describe what llama.cpp's graphs compute; refuse configs they would read differently. */
    private static void checkExpressible(ModelConfig c, String arch) {
        boolean ok = switch (c.family()) {
            case LLAMA -> c.ropePairing() == RopePairing.INTERLEAVED && c.activation() == Activation.SWIGLU && c.norm() == NormKind.RMS_NORM;
            case QWEN2 -> c.ropePairing() == RopePairing.HALF_SPLIT && c.activation() == Activation.SWIGLU;
            case GPT2 -> c.positions() == PositionScheme.LEARNED && c.activation() == Activation.GELU && c.norm() == NormKind.LAYER_NORM;
        };
        if (!ok) throw new IllegalArgumentException("this " + c.family() + " configuration cannot be written as GGUF '" + arch + "': " + c);
    }

    /** The llama2.c / SentencePiece vocabulary as a {@code llama} GGUF vocab (spaces spelled ▁, as SentencePiece does). */
    public static void addLlamaVocab(GgufWriter w, SentencePieceBpe tok) {
        int n = tok.vocabSize();
        List<String> tokens = new ArrayList<>(n);
        float[] scores = new float[n];
        int[] types = new int[n];
        for (int id = 0; id < n; id++) {
            String piece = tok.piece(id);
            boolean isByte = BYTE_TOKEN.matcher(piece).matches();
            tokens.add(isByte ? piece : piece.replace(' ', '\u2581'));
            scores[id] = tok.score(id);
            types[id] = isByte ? SentencePieceBpe.BYTE
                    : id == tok.unknown() ? SentencePieceBpe.UNKNOWN
                    : id == tok.bos() || id == tok.eos() ? SentencePieceBpe.CONTROL : SentencePieceBpe.NORMAL;
        }
        w.putString("tokenizer.ggml.model", "llama");
        w.putStrings("tokenizer.ggml.tokens", tokens);
        w.putFloats("tokenizer.ggml.scores", scores);
        w.putInts("tokenizer.ggml.token_type", types);
        w.putUInt32("tokenizer.ggml.bos_token_id", tok.bos());
        w.putUInt32("tokenizer.ggml.eos_token_id", tok.eos());
        w.putUInt32("tokenizer.ggml.unknown_token_id", tok.unknown());
        w.putBool("tokenizer.ggml.add_bos_token", true);
        w.putBool("tokenizer.ggml.add_space_prefix", tok.addsSpacePrefix());
    }

    public static Report write(Path out, ModelConfig c, ModelWeights weights, GgmlType type, SentencePieceBpe vocabOrNull) throws IOException {
        GgufWriter w = new GgufWriter();
        Report r = addModel(w, c, weights, type);
        if (vocabOrNull != null) addLlamaVocab(w, vocabOrNull);
        w.write(out);
        return r;
    }

    @FunctionalInterface private interface Adder { void add(String name, FloatTensor t, int rows, int cols, GgmlType type); }

    private static float[] concat(FloatTensor a, long na, FloatTensor b, long nb, FloatTensor c, long nc) {
        float[] out = new float[Math.toIntExact(na + nb + nc)];
        a.copyTo(0, out, 0, (int) na);
        b.copyTo(0, out, (int) na, (int) nb);
        c.copyTo(0, out, (int) (na + nb), (int) nc);
        return out;
    }

    private static FloatTensor F32(float[] v) { return glassbox.model.tensor.F32Tensor.of(v); }
}
