package glassbox.model.cli;

import glassbox.model.config.ModelConfig;
import glassbox.model.format.llama2c.Llama2cCheckpoint;
import glassbox.model.tensor.F32Tensor;
import glassbox.model.tensor.FloatTensor;
import glassbox.model.transformer.LayerWeights;
import glassbox.model.transformer.ModelWeights;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Deterministic random-weight models of well-known shapes, for benchmarks that need no download. */
final class RandomModels {
    private RandomModels() {}

    private static final ValueLayout.OfFloat LE_FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt LE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** dim, hidden, layers, heads, kvHeads, vocab, seqLen of llama2.c's tinyllamas shapes. */
    static int[] llamaShape(String name) {
        return switch (name.toUpperCase(Locale.ROOT)) {
            case "15M" -> new int[]{288, 768, 6, 6, 6, 32000, 256};
            case "42M" -> new int[]{512, 1376, 8, 8, 8, 32000, 1024};
            case "110M" -> new int[]{768, 2048, 12, 12, 12, 32000, 1024};
            default -> null;
        };
    }

    /** Writes a legacy llama2.c checkpoint (shared classifier) with uniform ±0.05 weights and unit norms. */
    static void writeLlama2c(Path file, int[] s) throws IOException {
        int dim = s[0], hidden = s[1], layers = s[2], heads = s[3], kv = s[4], vocab = s[5], seq = s[6];
        long kvDim = (long) dim / heads * kv, hd = dim / heads;
        long floats = (long) vocab * dim + layers * (2L * dim + 2L * dim * dim + 2L * dim * kvDim + 3L * dim * hidden) + dim + seq * hd;
        try (Arena arena = Arena.ofConfined();
             FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                     StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            MemorySegment seg = ch.map(FileChannel.MapMode.READ_WRITE, 0, 28 + floats * 4, arena);
            int[] header = {dim, hidden, layers, heads, kv, vocab, seq};
            for (int i = 0; i < 7; i++) seg.set(LE_INT, 4L * i, header[i]);
            long at = 28;
            long seed = 0x9E3779B97F4A7C15L;
            at = fill(seg, at, (long) vocab * dim, seed++, 0.05f);
            at = ones(seg, at, (long) layers * dim);                           // attention norms
            at = fill(seg, at, layers * (2L * dim * dim + 2L * dim * kvDim), seed++, 0.05f);  // wq wk wv wo
            at = ones(seg, at, (long) layers * dim);                           // ffn norms
            at = fill(seg, at, layers * 3L * dim * hidden, seed++, 0.05f);     // w1 w2 w3
            at = ones(seg, at, dim);
            fill(seg, at, seq * hd, seed, 1f);                                 // freq_cis (unused)
            seg.force();
        }
    }

    /** A GPT-2-124M-shaped model (LayerNorm, learned positions, GELU, biases, tied head) in an anonymous mapping. */
    static ModelWeights gpt2(ModelConfig c, Arena arena) {
        int d = c.dim(), h = c.hiddenDim();
        long total = (long) c.vocabSize() * d + (long) c.contextLength() * d + 2L * d
                + c.layers() * (4L * d + 4L * d * d + 4L * d + 2L * d * h + h + d);
        MemorySegment seg = arena.allocate(total * 4, 64);
        var cur = new long[]{0};
        long[] seed = {12345};
        java.util.function.LongFunction<FloatTensor> rand = n -> {
            fill(seg, cur[0] * 4, n, seed[0]++, 0.05f);
            var t = new F32Tensor(seg.asSlice(cur[0] * 4, n * 4));
            cur[0] += n;
            return t;
        };
        java.util.function.LongFunction<FloatTensor> one = n -> {
            ones(seg, cur[0] * 4, n);
            var t = new F32Tensor(seg.asSlice(cur[0] * 4, n * 4));
            cur[0] += n;
            return t;
        };
        FloatTensor emb = rand.apply((long) c.vocabSize() * d), pos = rand.apply((long) c.contextLength() * d);
        List<LayerWeights> layers = new ArrayList<>();
        for (int l = 0; l < c.layers(); l++) {
            layers.add(new LayerWeights(one.apply(d), rand.apply(d), rand.apply((long) d * d), rand.apply(d),
                    rand.apply((long) d * d), rand.apply(d), rand.apply((long) d * d), rand.apply(d),
                    rand.apply((long) d * d), rand.apply(d), one.apply(d), rand.apply(d), null,
                    rand.apply((long) h * d), rand.apply(h), rand.apply((long) d * h), rand.apply(d)));
        }
        return new ModelWeights(emb, pos, layers, one.apply(d), rand.apply(d), emb);
    }

    private static long fill(MemorySegment seg, long at, long n, long seed, float scale) {
        long x = seed | 1;
        for (long i = 0; i < n; i++) {
            x ^= x << 13; x ^= x >>> 7; x ^= x << 17;           // xorshift64
            float u = ((x >>> 40) / (float) (1 << 24)) * 2f - 1f;
            seg.set(LE_FLOAT, at + 4 * i, u * scale);
        }
        return at + 4 * n;
    }

    private static long ones(MemorySegment seg, long at, long n) {
        for (long i = 0; i < n; i++) seg.set(LE_FLOAT, at + 4 * i, 1f);
        return at + 4 * n;
    }

    static Llama2cCheckpoint open(Path file) throws IOException { return Llama2cCheckpoint.open(file); }
}
