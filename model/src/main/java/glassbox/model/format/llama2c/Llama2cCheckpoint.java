package glassbox.model.format.llama2c;

import glassbox.model.config.ModelConfig;
import glassbox.model.io.ModelFormatException;
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

/**
 * A llama2.c checkpoint, memory-mapped: the "legacy" header (7 int32: dim, hidden, layers, heads, kvHeads,
 * vocab — negative for an unshared classifier — and seq_len, then float32 weights in run.c's order) or the
 * "version 1" export (magic "ak42", version, the 7 ints, a shared-classifier byte, padded to 256 bytes).
 */
public final class Llama2cCheckpoint implements AutoCloseable {
    public static final int MAGIC_V1 = 0x616b3432;
    private static final ValueLayout.OfInt LE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final Path file;
    private final Arena arena;
    private final ModelConfig config;
    private final ModelWeights weights;
    private final int version;

    private Llama2cCheckpoint(Path file, Arena arena, ModelConfig config, ModelWeights weights, int version) {
        this.file = file; this.arena = arena; this.config = config; this.weights = weights; this.version = version;
    }

    public ModelConfig config() { return config; }
    public ModelWeights weights() { return weights; }
    public Path file() { return file; }
    /** 0 for the legacy header, 1 for the version-1 export. */
    public int version() { return version; }

    @Override public void close() { arena.close(); }

    /** True when the first bytes look like the version-1 export. */
    public static boolean isVersion1(MemorySegment head) {
        return head.byteSize() >= 8 && head.get(LE_INT, 0) == MAGIC_V1;
    }

    public static Llama2cCheckpoint open(Path file) throws IOException {
        Arena arena = Arena.ofShared();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 28) throw bad(file, "is only " + size + " bytes, shorter than a llama2.c header");
            MemorySegment seg = ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            var c = read(file, seg, size);
            return new Llama2cCheckpoint(file, arena, c.config(), c.weights(), c.version());
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    private record Parsed(ModelConfig config, ModelWeights weights, int version) {}

    private static Parsed read(Path file, MemorySegment seg, long size) {
        boolean v1 = isVersion1(seg);
        int base = v1 ? 8 : 0;
        if (v1) {
            int version = seg.get(LE_INT, 4);
            if (version != 1) throw bad(file, "has llama2.c export version " + version + "; only the legacy header and version 1 are supported");
            if (size < 256) throw bad(file, "is shorter than the 256-byte version-1 header");
        }
        int dim = seg.get(LE_INT, base), hidden = seg.get(LE_INT, base + 4), layers = seg.get(LE_INT, base + 8);
        int heads = seg.get(LE_INT, base + 12), kvHeads = seg.get(LE_INT, base + 16);
        int vocabRaw = seg.get(LE_INT, base + 20), seqLen = seg.get(LE_INT, base + 24);
        boolean shared = v1 ? seg.get(ValueLayout.JAVA_BYTE, 36) != 0 : vocabRaw > 0;
        int vocab = Math.abs(vocabRaw);
        if (vocabRaw == Integer.MIN_VALUE) vocab = -1;
        String header = "dim=" + dim + " hidden=" + hidden + " layers=" + layers + " heads=" + heads + " kvHeads=" + kvHeads
                + " vocab=" + vocabRaw + " seqLen=" + seqLen;
        if (dim <= 0 || hidden <= 0 || layers <= 0 || heads <= 0 || kvHeads <= 0 || vocab <= 0 || seqLen <= 0
                || dim > 65536 || hidden > 1 << 20 || layers > 4096 || heads > dim || seqLen > 1 << 24 || vocab > 1 << 24
                || dim % heads != 0 || heads % kvHeads != 0 || (dim / heads) % 2 != 0) {
            throw bad(file, "does not look like a llama2.c checkpoint (header " + header + ")");
        }
        long hd = dim / heads, kvDim = hd * kvHeads;
        long perLayer = 2L * dim + 2L * dim * dim + 2L * dim * kvDim + 3L * dim * hidden;
        long weights = (long) vocab * dim + layers * perLayer + dim + (shared ? 0 : (long) vocab * dim);
        long freqCis = v1 ? 0 : (long) seqLen * hd;        // legacy files carry run.c's RoPE tables, unused here
        long headerBytes = v1 ? 256 : 28;
        long expected = headerBytes + 4 * (weights + freqCis);
        if (size != expected) {
            throw bad(file, "is " + size + " bytes but its header (" + header + (v1 ? ", version 1" : "")
                    + ") implies " + expected + (size < expected ? ": the file is truncated" : ": unexpected trailing data"));
        }
        var config = ModelConfig.llama(file.getFileName().toString(), dim, hidden, layers, heads, kvHeads, vocab, seqLen, shared);
        var cursor = new Cursor(seg, headerBytes);
        return new Parsed(config, v1 ? version1(cursor, config, shared) : legacy(cursor, config, shared, freqCis), v1 ? 1 : 0);
    }

    private static ModelWeights legacy(Cursor cur, ModelConfig c, boolean shared, long freqCis) {
        int L = c.layers(), d = c.dim(), kv = c.kvDim(), h = c.hiddenDim();
        FloatTensor emb = cur.take((long) c.vocabSize() * d);
        List<FloatTensor> attnNorm = cur.takeEach(L, d), wq = cur.takeEach(L, (long) d * d), wk = cur.takeEach(L, (long) kv * d),
                wv = cur.takeEach(L, (long) kv * d), wo = cur.takeEach(L, (long) d * d), mlpNorm = cur.takeEach(L, d),
                w1 = cur.takeEach(L, (long) h * d), w2 = cur.takeEach(L, (long) d * h), w3 = cur.takeEach(L, (long) h * d);
        FloatTensor finalNorm = cur.take(d);
        cur.take(freqCis);
        FloatTensor out = shared ? emb : cur.take((long) c.vocabSize() * d);
        return assemble(c, emb, attnNorm, wq, wk, wv, wo, mlpNorm, w1, w2, w3, finalNorm, out);
    }

    private static ModelWeights version1(Cursor cur, ModelConfig c, boolean shared) {
        int L = c.layers(), d = c.dim(), kv = c.kvDim(), h = c.hiddenDim();
        // export.py version1_export: all norms first (attention, ffn, final), then the matrices
        List<FloatTensor> attnNorm = cur.takeEach(L, d), mlpNorm = cur.takeEach(L, d);
        FloatTensor finalNorm = cur.take(d);
        FloatTensor emb = cur.take((long) c.vocabSize() * d);
        List<FloatTensor> wq = cur.takeEach(L, (long) d * d), wk = cur.takeEach(L, (long) kv * d),
                wv = cur.takeEach(L, (long) kv * d), wo = cur.takeEach(L, (long) d * d),
                w1 = cur.takeEach(L, (long) h * d), w2 = cur.takeEach(L, (long) d * h), w3 = cur.takeEach(L, (long) h * d);
        FloatTensor out = shared ? emb : cur.take((long) c.vocabSize() * d);
        return assemble(c, emb, attnNorm, wq, wk, wv, wo, mlpNorm, w1, w2, w3, finalNorm, out);
    }

    private static ModelWeights assemble(ModelConfig c, FloatTensor emb, List<FloatTensor> attnNorm, List<FloatTensor> wq,
                                         List<FloatTensor> wk, List<FloatTensor> wv, List<FloatTensor> wo,
                                         List<FloatTensor> mlpNorm, List<FloatTensor> w1, List<FloatTensor> w2,
                                         List<FloatTensor> w3, FloatTensor finalNorm, FloatTensor out) {
        List<LayerWeights> layers = new ArrayList<>();
        for (int l = 0; l < c.layers(); l++) {
            // llama2.c: w1 = gate (SiLU), w3 = up, w2 = down
            layers.add(LayerWeights.llama(attnNorm.get(l), wq.get(l), wk.get(l), wv.get(l), wo.get(l), mlpNorm.get(l),
                    w1.get(l), w3.get(l), w2.get(l)));
        }
        return new ModelWeights(emb, null, layers, finalNorm, null, out);
    }

    /** Walks the weights in file order, handing out slices. */
    private static final class Cursor {
        private final MemorySegment seg;
        private long at;

        Cursor(MemorySegment seg, long at) { this.seg = seg; this.at = at; }

        FloatTensor take(long floats) {
            var t = new F32Tensor(seg.asSlice(at, floats * 4));
            at += floats * 4;
            return t;
        }

        List<FloatTensor> takeEach(int n, long floats) {
            List<FloatTensor> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) out.add(take(floats));
            return out;
        }
    }

    private static ModelFormatException bad(Path file, String what) {
        return new ModelFormatException(file + " " + what);
    }
}
