package glassbox.model.format.gguf;

import glassbox.model.tensor.Quantize;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Writes a GGUF v3 file: metadata of every value type (arrays included), then tensor infos, then the
 * tensor data, each tensor padded to {@code general.alignment} (32 unless set). Tensor bytes are asked
 * for one tensor at a time while writing, so a converter never holds the whole model twice.
 */
public final class GgufWriter {
    private record Kv(int type, int elementType, Object value) {}
    private record Tensor(String name, long[] dims, GgmlType type, long bytes, Supplier<byte[]> data) {}

    private final Map<String, Kv> metadata = new LinkedHashMap<>();
    private final List<Tensor> tensors = new ArrayList<>();
    private int alignment = 32;

    public GgufWriter putUInt8(String key, int v) { return put(key, 0, -1, (long) v); }
    public GgufWriter putInt8(String key, int v) { return put(key, 1, -1, (long) v); }
    public GgufWriter putUInt16(String key, int v) { return put(key, 2, -1, (long) v); }
    public GgufWriter putInt16(String key, int v) { return put(key, 3, -1, (long) v); }
    public GgufWriter putUInt32(String key, long v) {
        if (key.equals("general.alignment")) setAlignment(v);
        return put(key, 4, -1, v);
    }
    public GgufWriter putInt32(String key, int v) { return put(key, 5, -1, (long) v); }
    public GgufWriter putFloat32(String key, float v) { return put(key, 6, -1, v); }
    public GgufWriter putBool(String key, boolean v) { return put(key, 7, -1, v); }
    public GgufWriter putString(String key, String v) { return put(key, 8, -1, v); }
    public GgufWriter putUInt64(String key, long v) { return put(key, 10, -1, v); }
    public GgufWriter putInt64(String key, long v) { return put(key, 11, -1, v); }
    public GgufWriter putFloat64(String key, double v) { return put(key, 12, -1, v); }
    public GgufWriter putStrings(String key, List<String> v) { return put(key, 9, 8, List.copyOf(v)); }
    public GgufWriter putFloats(String key, float[] v) { return put(key, 9, 6, v.clone()); }
    public GgufWriter putInts(String key, int[] v) { return put(key, 9, 5, v.clone()); }
    public GgufWriter putUInts(String key, int[] v) { return put(key, 9, 4, v.clone()); }
    public GgufWriter putLongs(String key, long[] v) { return put(key, 9, 11, v.clone()); }
    public GgufWriter putDoubles(String key, double[] v) { return put(key, 9, 12, v.clone()); }
    public GgufWriter putBools(String key, boolean[] v) { return put(key, 9, 7, v.clone()); }
    public GgufWriter putBytes(String key, byte[] v) { return put(key, 9, 0, v.clone()); }

    private void setAlignment(long v) {
        if (v <= 0 || v > 1 << 20 || (v & (v - 1)) != 0) throw new IllegalArgumentException("alignment " + v + " is not a power of two");
        alignment = (int) v;
    }

    private GgufWriter put(String key, int type, int elementType, Object value) {
        if (metadata.containsKey(key)) throw new IllegalArgumentException("duplicate metadata key " + key);
        metadata.put(key, new Kv(type, elementType, value));
        return this;
    }

    /**
     * Adds a tensor whose bytes are already encoded in {@code type}.
     * @param dims ggml order: row length first (a rows×cols matrix is {cols, rows})
     */
    public GgufWriter addTensor(String name, long[] dims, GgmlType type, Supplier<byte[]> data) {
        long n = 1;
        for (long d : dims) n = Math.multiplyExact(n, d);
        long bytes = type.bytesFor(n);
        if (bytes < 0) throw new IllegalArgumentException(name + ": " + n + " elements are not whole " + type + " blocks");
        if (tensors.stream().anyMatch(t -> t.name.equals(name))) throw new IllegalArgumentException("duplicate tensor " + name);
        tensors.add(new Tensor(name, dims.clone(), type, bytes, data));
        return this;
    }

    /** Adds float values, encoded now into F32, F16, BF16, Q8_0 or Q4_0. */
    public GgufWriter addTensor(String name, long[] dims, GgmlType type, float[] values) {
        byte[] bytes = encode(type, values);
        return addTensor(name, dims, type, () -> bytes);
    }

    public static byte[] encode(GgmlType type, float[] values) {
        return switch (type) {
            case F32 -> Quantize.f32(values);
            case F16 -> Quantize.f16(values);
            case BF16 -> Quantize.bf16(values);
            case Q8_0 -> Quantize.q8_0(values);
            case Q4_0 -> Quantize.q4_0(values);
            default -> throw new IllegalArgumentException("cannot encode " + type);
        };
    }

    public void write(Path path) throws IOException {
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16)) {
            Out out = new Out(os);
            out.i32(GgufFile.MAGIC);
            out.i32(3);
            out.i64(tensors.size());
            out.i64(metadata.size());
            for (var e : metadata.entrySet()) {
                out.str(e.getKey());
                out.i32(e.getValue().type());
                value(out, e.getValue().type(), e.getValue().elementType(), e.getValue().value());
            }
            long offset = 0;
            for (Tensor t : tensors) {
                out.str(t.name());
                out.i32(t.dims().length);
                for (long d : t.dims()) out.i64(d);
                out.i32(t.type().id);
                out.i64(offset);
                offset = align(offset + t.bytes());
            }
            out.pad(align(out.written) - out.written);
            for (Tensor t : tensors) {
                byte[] b = t.data().get();
                if (b.length != t.bytes()) throw new IllegalArgumentException(t.name() + ": " + b.length + " bytes given, " + t.bytes() + " expected");
                out.bytes(b);
                out.pad(align(b.length) - b.length);
            }
        }
    }

    private long align(long n) { return (n + alignment - 1) / alignment * alignment; }

    private static void value(Out out, int type, int elementType, Object v) throws IOException {
        switch (type) {
            case 0, 1 -> out.u8((int) (long) (Long) v);
            case 2, 3 -> { int s = (int) (long) (Long) v; out.u8(s); out.u8(s >> 8); }
            case 4, 5 -> out.i32((int) (long) (Long) v);
            case 6 -> out.i32(Float.floatToRawIntBits((Float) v));
            case 7 -> out.u8((Boolean) v ? 1 : 0);
            case 8 -> out.str((String) v);
            case 10, 11 -> out.i64((Long) v);
            case 12 -> out.i64(Double.doubleToRawLongBits((Double) v));
            case 9 -> {
                out.i32(elementType);
                switch (v) {
                    case List<?> l -> { out.i64(l.size()); for (Object s : l) out.str((String) s); }
                    case float[] a -> { out.i64(a.length); for (float f : a) out.i32(Float.floatToRawIntBits(f)); }
                    case int[] a -> { out.i64(a.length); for (int i : a) out.i32(i); }
                    case long[] a -> { out.i64(a.length); for (long l : a) out.i64(l); }
                    case double[] a -> { out.i64(a.length); for (double d : a) out.i64(Double.doubleToRawLongBits(d)); }
                    case boolean[] a -> { out.i64(a.length); for (boolean b : a) out.u8(b ? 1 : 0); }
                    case byte[] a -> { out.i64(a.length); out.bytes(a); }
                    default -> throw new IllegalStateException(v.getClass().toString());
                }
            }
            default -> throw new IllegalStateException("type " + type);
        }
    }

    /** Little-endian output that counts bytes (for the alignment padding). */
    private static final class Out {
        final OutputStream os;
        long written;
        Out(OutputStream os) { this.os = os; }
        void u8(int v) throws IOException { os.write(v); written++; }
        void i32(int v) throws IOException { for (int k = 0; k < 4; k++) os.write(v >>> (8 * k)); written += 4; }
        void i64(long v) throws IOException { for (int k = 0; k < 8; k++) os.write((int) (v >>> (8 * k))); written += 8; }
        void bytes(byte[] b) throws IOException { os.write(b); written += b.length; }
        void str(String s) throws IOException { byte[] b = s.getBytes(StandardCharsets.UTF_8); i64(b.length); bytes(b); }
        void pad(long n) throws IOException { for (long k = 0; k < n; k++) os.write(0); written += n; }
    }
}
