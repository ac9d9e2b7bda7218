package glassbox.model.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A test-side GGUF model, independent of the production reader: parses a real file into its
 * metadata entries (type + raw value bytes) and tensor infos, records the byte layout, and writes
 * it back after semantic mutations (a key's type changed, a duplicated name, a forged dim).
 */
final class GgufImage {
    /** One metadata entry; {@code raw} is the serialized value exactly as in the file. */
    record Kv(byte[] key, int type, byte[] raw) {
        String name() { return new String(key, StandardCharsets.UTF_8); }
    }

    record TensorInfo(byte[] name, long[] dims, int type, long offset) {}

    int version;
    final List<Kv> kvs = new ArrayList<>();
    final List<TensorInfo> tensors = new ArrayList<>();
    /** Padding unit the data section starts on (what the original file used). */
    int alignment = 32;
    byte[] data = new byte[0];
    final Layout layout = new Layout();

    static GgufImage parse(byte[] bytes) {
        GgufImage img = new GgufImage();
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        Layout l = img.layout;
        l.field(0, 4, Field.Kind.MAGIC, "magic");
        b.getInt();
        l.field(4, 4, Field.Kind.MAGIC, "version");
        img.version = b.getInt();
        l.field(8, 8, Field.Kind.COUNT, "tensor count");
        long tensorCount = b.getLong();
        l.field(16, 8, Field.Kind.COUNT, "metadata count");
        long kvCount = b.getLong();
        for (long k = 0; k < kvCount; k++) {
            byte[] key = string(b, l, "key " + k);
            l.field(b.position(), 4, Field.Kind.TYPE, "type of key " + k);
            int type = b.getInt();
            int start = b.position();
            skipValue(b, l, type, new String(key, StandardCharsets.UTF_8));
            byte[] raw = new byte[b.position() - start];
            System.arraycopy(bytes, start, raw, 0, raw.length);
            img.kvs.add(new Kv(key, type, raw));
            l.boundary(b.position());
            if (new String(key, StandardCharsets.UTF_8).equals("general.alignment")) {
                img.alignment = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).getInt();
            }
        }
        for (long t = 0; t < tensorCount; t++) {
            byte[] name = string(b, l, "tensor name " + t);
            l.field(b.position(), 4, Field.Kind.COUNT, "dimension count of tensor " + t);
            int nd = b.getInt();
            long[] dims = new long[nd];
            for (int d = 0; d < nd; d++) {
                l.field(b.position(), 8, Field.Kind.DIM, "dim " + d + " of tensor " + t);
                dims[d] = b.getLong();
            }
            l.field(b.position(), 4, Field.Kind.TYPE, "ggml type of tensor " + t);
            int type = b.getInt();
            l.field(b.position(), 8, Field.Kind.OFFSET, "offset of tensor " + t);
            long offset = b.getLong();
            img.tensors.add(new TensorInfo(name, dims, type, offset));
        }
        int headerEnd = b.position();
        int dataStart = (headerEnd + img.alignment - 1) / img.alignment * img.alignment;
        l.boundary(headerEnd);
        l.markHeaderEnd(dataStart);
        for (TensorInfo t : img.tensors) l.boundary(dataStart + t.offset());
        img.data = new byte[Math.max(0, bytes.length - dataStart)];
        System.arraycopy(bytes, Math.min(dataStart, bytes.length), img.data, 0, img.data.length);
        return img;
    }

    private static byte[] string(ByteBuffer b, Layout l, String label) {
        l.field(b.position(), 8, Field.Kind.LENGTH, "length of " + label);
        int n = Math.toIntExact(b.getLong());
        l.field(b.position(), n, Field.Kind.TEXT, label);
        byte[] s = new byte[n];
        b.get(s);
        return s;
    }

    private static void skipValue(ByteBuffer b, Layout l, int type, String key) {
        switch (type) {
            case 0, 1, 7 -> b.position(b.position() + 1);
            case 2, 3 -> b.position(b.position() + 2);
            case 4, 5 -> { l.field(b.position(), 4, Field.Kind.DIM, key); b.getInt(); }
            case 6 -> { l.field(b.position(), 4, Field.Kind.FLOAT, key); b.getFloat(); }
            case 10, 11 -> { l.field(b.position(), 8, Field.Kind.DIM, key); b.getLong(); }
            case 12 -> b.getDouble();
            case 8 -> string(b, l, key);
            case 9 -> {
                l.field(b.position(), 4, Field.Kind.TYPE, "element type of " + key);
                int et = b.getInt();
                l.field(b.position(), 8, Field.Kind.COUNT, "length of " + key);
                long n = b.getLong();
                // field entries for every element of a 32k vocabulary would swamp the choice: sample the first 64
                for (long k = 0; k < n; k++) {
                    if (k < 64) skipValue(b, l, et, key + "[" + k + "]");
                    else skipValue(b, new Layout(), et, key);
                }
            }
            default -> throw new IllegalStateException("GGUF value type " + type + " in seed");
        }
    }

    GgufImage copy() {
        GgufImage c = new GgufImage();
        c.version = version;
        c.kvs.addAll(kvs);
        c.tensors.addAll(tensors);
        c.alignment = alignment;
        c.data = data;
        return c;
    }

    int kvIndex(String key) {
        for (int k = 0; k < kvs.size(); k++) if (kvs.get(k).name().equals(key)) return k;
        return -1;
    }

    byte[] write() {
        var out = new LeOut();
        out.i32(0x46554747);
        out.i32(version);
        out.i64(tensors.size());
        out.i64(kvs.size());
        for (Kv kv : kvs) {
            out.i64(kv.key.length);
            out.bytes(kv.key);
            out.i32(kv.type);
            out.bytes(kv.raw);
        }
        for (TensorInfo t : tensors) {
            out.i64(t.name.length);
            out.bytes(t.name);
            out.i32(t.dims.length);
            for (long d : t.dims) out.i64(d);
            out.i32(t.type);
            out.i64(t.offset);
        }
        while (out.size() % alignment != 0) out.bytes(new byte[1]);
        out.bytes(data);
        return out.toByteArray();
    }

    static byte[] stringValue(String s) { return stringValue(s.getBytes(StandardCharsets.UTF_8)); }

    static byte[] stringValue(byte[] s) {
        var out = new LeOut();
        out.i64(s.length);
        out.bytes(s);
        return out.toByteArray();
    }

    /** Little-endian writer. */
    static final class LeOut extends ByteArrayOutputStream {
        void i32(int v) { for (int k = 0; k < 4; k++) write(v >>> (8 * k)); }

        void i64(long v) { for (int k = 0; k < 8; k++) write((int) (v >>> (8 * k))); }

        void f32(float v) { i32(Float.floatToRawIntBits(v)); }

        void bytes(byte[] b) { writeBytes(b); }
    }
}
