package glassbox.model.train;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads back a model written by {@link GgufExport} (F32/F16 tensors) so the trainer can evaluate it. */
public record GgufModelFile(TinyTransformer model, TrainedBpe tokenizer, Map<String, Object> metadata) {

    public static GgufModelFile read(Path path) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(path)).order(ByteOrder.LITTLE_ENDIAN);
        try {
            if (b.remaining() < 24 || b.getInt() != 0x46554747) throw new IOException(path + " is not a GGUF file");
            int version = b.getInt();
            if (version != 3 && version != 2) throw new IOException("unsupported GGUF version " + version);
            long nt = b.getLong(), nkv = b.getLong();
            if (nt < 0 || nt > 100_000 || nkv < 0 || nkv > 100_000) throw new IOException("implausible GGUF counts");
            Map<String, Object> kv = new HashMap<>();
            for (long i = 0; i < nkv; i++) { String k = str(b); kv.put(k, value(b, b.getInt())); }
            record Info(String name, long[] dims, int type, long off) {}
            List<Info> infos = new ArrayList<>();
            for (long i = 0; i < nt; i++) {
                String name = str(b);
                int nd = b.getInt();
                if (nd < 1 || nd > 4) throw new IOException("tensor " + name + " has " + nd + " dims");
                long[] dims = new long[nd];
                for (int d = 0; d < nd; d++) dims[d] = b.getLong();
                infos.add(new Info(name, dims, b.getInt(), b.getLong()));
            }
            int align = kv.get("general.alignment") instanceof Number n ? n.intValue() : 32;
            long data = (b.position() + align - 1) / align * align;
            String arch = (String) kv.get("general.architecture");
            Arch a = Arch.parse(arch);
            List<?> tokens = (List<?>) kv.get("tokenizer.ggml.tokens");
            List<?> merges = (List<?>) kv.get("tokenizer.ggml.merges");
            Map<String, Integer> idOf = new HashMap<>();
            for (int i = 0; i < tokens.size(); i++) idOf.put((String) tokens.get(i), i);
            int[] left = new int[merges.size()], right = new int[merges.size()];
            for (int r = 0; r < merges.size(); r++) {
                String m = (String) merges.get(r);
                int sp = m.indexOf(' ');
                left[r] = idOf.get(m.substring(0, sp));
                right[r] = idOf.get(m.substring(sp + 1));
            }
            var bpe = new TrainedBpe(left, right);
            int heads = num(kv, arch + ".attention.head_count");
            var shape = new ModelShape(a, tokens.size(), num(kv, arch + ".embedding_length"), num(kv, arch + ".block_count"), heads,
                    kv.containsKey(arch + ".attention.head_count_kv") ? num(kv, arch + ".attention.head_count_kv") : heads,
                    num(kv, arch + ".feed_forward_length"), num(kv, arch + ".context_length"));
            var layout = ParamLayout.of(shape);
            float[] params = new float[layout.total()];
            if (infos.size() != layout.tensors().size())
                throw new IOException("expected " + layout.tensors().size() + " tensors for " + shape + ", found " + infos.size());
            for (Info in : infos) {
                var t = layout.get(in.name());
                long n = 1;
                for (long d : in.dims()) n *= d;
                if (n != t.size()) throw new IOException("tensor " + in.name() + " has " + n + " values, expected " + t.size());
                int pos = Math.toIntExact(data + in.off());
                for (int i = 0; i < n; i++) {
                    params[t.offset() + i] = switch (in.type()) {
                        case GgufExport.GGML_F32 -> b.getFloat(pos + 4 * i);
                        case GgufExport.GGML_F16 -> Float.float16ToFloat(b.getShort(pos + 2 * i));
                        default -> throw new IOException("tensor type " + in.type() + " not supported by the trainer's reader");
                    };
                }
            }
            return new GgufModelFile(new TinyTransformer(shape, params), bpe, kv);
        } catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException | ClassCastException | NullPointerException
                 | IllegalArgumentException | ArithmeticException e) {
            throw new IOException("malformed GGUF " + path + ": " + e, e);
        }
    }

    private static int num(Map<String, Object> kv, String k) throws IOException {
        if (!(kv.get(k) instanceof Number n)) throw new IOException("GGUF lacks " + k);
        return n.intValue();
    }

    private static String str(ByteBuffer b) throws IOException {
        long n = b.getLong();
        if (n < 0 || n > b.remaining()) throw new IOException("string length " + n + " past end of file");
        byte[] x = new byte[(int) n];
        b.get(x);
        return new String(x, StandardCharsets.UTF_8);
    }

    private static Object value(ByteBuffer b, int type) throws IOException {
        return switch (type) {
            case 0, 1 -> (int) b.get();
            case 2, 3 -> (int) b.getShort();
            case 4, 5 -> b.getInt();
            case 6 -> b.getFloat();
            case 7 -> b.get() != 0;
            case 8 -> str(b);
            case 9 -> {
                int et = b.getInt();
                long n = b.getLong();
                if (n < 0 || n > b.remaining()) throw new IOException("array length " + n + " past end of file");
                List<Object> list = new ArrayList<>((int) n);
                for (long i = 0; i < n; i++) list.add(value(b, et));
                yield list;
            }
            case 10, 11 -> b.getLong();
            case 12 -> b.getDouble();
            default -> throw new IOException("unknown GGUF value type " + type);
        };
    }
}
