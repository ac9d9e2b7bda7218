package glassbox.model.train;

import glassbox.model.format.gguf.GgufFile;
import glassbox.model.format.gguf.GgufTensorInfo;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads back a model written by {@link GgufExport} (F32/F16 tensors) so the trainer can evaluate it. Parsing and
 * validation are the app's {@link GgufFile}; this only maps the tensors onto the trainer's flat parameter array.
 */
public record GgufModelFile(TinyTransformer model, TrainedBpe tokenizer, Map<String, Object> metadata) {
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort F16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    public static GgufModelFile read(Path path) throws IOException {
        try (GgufFile f = GgufFile.open(path)) {
            Map<String, Object> kv = f.metadata();
            String arch = f.getString("general.architecture");
            Arch a = Arch.parse(arch);
            List<String> tokens = f.getStringArray("tokenizer.ggml.tokens");
            List<String> merges = f.getStringArray("tokenizer.ggml.merges");
            if (tokens == null || merges == null) throw new IOException(path + ": no byte-level BPE vocabulary (tokens and merges)");
            Map<String, Integer> idOf = new HashMap<>();
            for (int i = 0; i < tokens.size(); i++) idOf.put(tokens.get(i), i);
            int[] left = new int[merges.size()], right = new int[merges.size()];
            for (int r = 0; r < merges.size(); r++) {
                String m = merges.get(r);
                int sp = m.indexOf(' ');
                Integer l = sp < 0 ? null : idOf.get(m.substring(0, sp)), rt = sp < 0 ? null : idOf.get(m.substring(sp + 1));
                if (l == null || rt == null) throw new IOException(path + ": merge " + r + " names a token not in the vocabulary");
                left[r] = l;
                right[r] = rt;
            }
            var bpe = new TrainedBpe(left, right);
            int heads = num(kv, arch + ".attention.head_count");
            var shape = new ModelShape(a, tokens.size(), num(kv, arch + ".embedding_length"), num(kv, arch + ".block_count"), heads,
                    kv.containsKey(arch + ".attention.head_count_kv") ? num(kv, arch + ".attention.head_count_kv") : heads,
                    num(kv, arch + ".feed_forward_length"), num(kv, arch + ".context_length"));
            var layout = ParamLayout.of(shape);
            float[] params = new float[layout.total()];
            if (f.tensors().size() != layout.tensors().size())
                throw new IOException("expected " + layout.tensors().size() + " tensors for " + shape + ", found " + f.tensors().size());
            for (GgufTensorInfo in : f.tensors().values()) {
                var t = layout.get(in.name());
                if (in.elements() != t.size()) throw new IOException("tensor " + in.name() + " has " + in.elements() + " values, expected " + t.size());
                MemorySegment data = f.tensorData(in);
                for (int i = 0; i < t.size(); i++) {
                    params[t.offset() + i] = switch (in.type()) {
                        case F32 -> data.getAtIndex(F32, i);
                        case F16 -> Float.float16ToFloat(data.getAtIndex(F16, i));
                        default -> throw new IOException("tensor type " + in.type() + " not supported by the trainer's reader");
                    };
                }
            }
            return new GgufModelFile(new TinyTransformer(shape, params), bpe, kv);
        } catch (glassbox.model.io.ModelFormatException e) {
            throw new IOException(e.getMessage(), e); // the trainer's callers handle I/O errors only
        } catch (IllegalArgumentException | ArithmeticException | NullPointerException e) {
            throw new IOException("malformed GGUF " + path + ": " + e, e);
        }
    }

    private static int num(Map<String, Object> kv, String k) throws IOException {
        if (!(kv.get(k) instanceof Number n)) throw new IOException("GGUF lacks " + k);
        return n.intValue();
    }
}
