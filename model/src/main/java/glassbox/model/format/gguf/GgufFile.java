package glassbox.model.format.gguf;

import glassbox.model.io.ModelFormatException;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A GGUF file (v2/v3), memory-mapped: its metadata, tensor infos and tensor data slices.
 * Everything read from the header is checked against the file's size before it is allocated or
 * indexed, because model files are untrusted input.
 *
 * <p>Metadata values: integers are {@code Long}, float32 {@code Float}, float64 {@code Double},
 * bool {@code Boolean}, strings {@code String}; arrays of strings {@code List<String>}, of 8–32-bit
 * integers {@code int[]}, of 64-bit integers {@code long[]}, of float32 {@code float[]}, of float64
 * {@code double[]}, of bool {@code boolean[]}, nested arrays {@code List<Object>}.
 */
public final class GgufFile implements AutoCloseable {
    public static final int MAGIC = 0x46554747; // "GGUF" little-endian
    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final int MAX_DEPTH = 4;

    private final Path path;
    private final String name;
    private final Arena arena;
    private final MemorySegment file;
    private final int version;
    private final Map<String, Object> metadata;
    private final Map<String, GgufTensorInfo> tensors;
    private final long dataStart;
    private final int alignment;
    private long pos;

    private GgufFile(Path path, Arena arena, MemorySegment file) {
        this.path = path;
        this.name = path.getFileName().toString();
        this.arena = arena;
        this.file = file;
        if (file.byteSize() < 24) throw bad("too short for a GGUF header (" + file.byteSize() + " bytes)");
        if (file.get(I32, 0) != MAGIC) throw bad("not a GGUF file (bad magic)");
        version = file.get(I32, 4);
        if (version != 2 && version != 3) throw bad("GGUF version " + version + " is not supported (2 and 3 are)");
        pos = 8;
        long tensorCount = u64("tensor count");
        long kvCount = u64("metadata count");
        // the smallest KV entry is 8 (key length) + 1 (key) + 4 (type) + 1 (value) bytes; a tensor info 8+1+4+8+4+8
        if (kvCount > remaining() / 14) throw bad("metadata count " + kvCount + " cannot fit in the file");
        if (tensorCount > remaining() / 33) throw bad("tensor count " + tensorCount + " cannot fit in the file");
        Map<String, Object> md = new LinkedHashMap<>();
        for (long k = 0; k < kvCount; k++) {
            String key = string("metadata key " + k);
            int type = i32("type of " + key);
            if (md.containsKey(key)) throw bad("duplicate metadata key '" + key + "'");
            md.put(key, value(type, key, 0));
        }
        metadata = Collections.unmodifiableMap(md);
        Object a = md.get("general.alignment");
        long align = a == null ? 32 : a instanceof Number n ? n.longValue() : -1;
        if (align <= 0 || align > 1 << 20 || (align & (align - 1)) != 0) throw bad("general.alignment " + a + " is not a power of two");
        alignment = (int) align;
        List<GgufTensorInfo> infos = new ArrayList<>();
        Map<String, GgufTensorInfo> byName = new LinkedHashMap<>();
        for (long t = 0; t < tensorCount; t++) {
            String tn = string("tensor name " + t);
            int nd = i32("dimension count of " + tn);
            if (nd < 1 || nd > 4) throw bad("tensor " + tn + " has " + nd + " dimensions (1 to 4 allowed)");
            long[] dims = new long[nd];
            long elements = 1;
            for (int d = 0; d < nd; d++) {
                dims[d] = u64("dimension " + d + " of " + tn);
                if (dims[d] <= 0) throw bad("tensor " + tn + " has dimension " + dims[d]);
                try { elements = Math.multiplyExact(elements, dims[d]); }
                catch (ArithmeticException e) { throw bad("tensor " + tn + " has too many elements"); }
            }
            int typeId = i32("type of " + tn);
            GgmlType type = GgmlType.byId(typeId);
            if (type == null) throw bad("tensor " + tn + " has unknown ggml type " + typeId);
            long offset = u64("offset of " + tn);
            long bytes;
            try { bytes = type.bytesFor(elements); } catch (ArithmeticException e) { bytes = -1; }
            if (bytes < 0) throw bad("tensor " + tn + " (" + elements + " elements) is not a whole number of " + type + " blocks");
            if (byName.containsKey(tn)) throw bad("duplicate tensor name '" + tn + "'");
            GgufTensorInfo info = new GgufTensorInfo(tn, dims, type, offset, elements, bytes);
            infos.add(info);
            byName.put(tn, info);
        }
        dataStart = (pos + alignment - 1) / alignment * alignment;
        long dataBytes = file.byteSize() - dataStart;
        infos.sort(Comparator.comparingLong(GgufTensorInfo::offset));
        long end = 0;
        for (GgufTensorInfo t : infos) {
            if (t.offset() % alignment != 0) throw bad("tensor " + t.name() + " offset " + t.offset() + " is not aligned to " + alignment);
            if (t.offset() < end) throw bad("tensor " + t.name() + " overlaps the tensor before it");
            if (t.offset() > dataBytes || t.bytes() > dataBytes - t.offset()) {
                throw bad("tensor " + t.name() + " (" + t.bytes() + " bytes at " + t.offset() + ") runs past the end of the file: truncated?");
            }
            end = t.offset() + t.bytes();
        }
        tensors = Collections.unmodifiableMap(byName);
    }

    /** Maps and parses the file; closes the mapping again if the header is invalid. */
    public static GgufFile open(Path path) throws IOException {
        Arena arena = Arena.ofShared();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            MemorySegment seg = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
            return new GgufFile(path, arena, seg);
        } catch (RuntimeException | IOException e) {
            arena.close();
            throw e;
        }
    }

    /** True when the file starts with the GGUF magic. */
    public static boolean hasMagic(byte[] head) {
        return head.length >= 4 && (head[0] & 0xFF | (head[1] & 0xFF) << 8 | (head[2] & 0xFF) << 16 | (head[3] & 0xFF) << 24) == MAGIC;
    }

    private ModelFormatException bad(String what) { return new ModelFormatException(name + ": " + what); }

    private long remaining() { return file.byteSize() - pos; }

    private void need(long n, String what) {
        if (n < 0 || n > remaining()) throw bad("truncated while reading " + what + " (at byte " + pos + ")");
    }

    private long u64(String what) {
        need(8, what);
        long v = file.get(I64, pos);
        pos += 8;
        if (v < 0) throw bad(what + " is too large (" + Long.toUnsignedString(v) + ")");
        return v;
    }

    private int i32(String what) {
        need(4, what);
        int v = file.get(I32, pos);
        pos += 4;
        return v;
    }

    private String string(String what) {
        long len = u64("length of " + what);
        need(len, what);
        if (len > Integer.MAX_VALUE - 8) throw bad(what + " is too long");
        byte[] b = file.asSlice(pos, len).toArray(ValueLayout.JAVA_BYTE);
        pos += len;
        return new String(b, StandardCharsets.UTF_8);
    }

    private Object value(int type, String key, int depth) {
        return switch (type) {
            case 0, 1 -> { need(1, key); byte b = file.get(ValueLayout.JAVA_BYTE, pos++); yield (long) (type == 0 ? b & 0xFF : b); }
            case 2, 3 -> { need(2, key); short s = file.get(I16, pos); pos += 2; yield (long) (type == 2 ? s & 0xFFFF : s); }
            case 4, 5 -> { int v = i32(key); yield type == 4 ? Integer.toUnsignedLong(v) : (long) v; }
            case 6 -> { need(4, key); float f = file.get(F32, pos); pos += 4; yield f; }
            case 7 -> { need(1, key); byte b = file.get(ValueLayout.JAVA_BYTE, pos++); yield b != 0; }
            case 8 -> string(key);
            case 9 -> array(key, depth);
            case 10, 11 -> { need(8, key); long v = file.get(I64, pos); pos += 8; yield v; }
            case 12 -> { need(8, key); double d = file.get(F64, pos); pos += 8; yield d; }
            default -> throw bad("metadata '" + key + "' has unknown value type " + type);
        };
    }

    private Object array(String key, int depth) {
        if (depth >= MAX_DEPTH) throw bad("metadata '" + key + "' nests arrays too deeply");
        int et = i32("element type of " + key);
        long n = u64("length of " + key);
        int width = switch (et) {
            case 0, 1, 7 -> 1; case 2, 3 -> 2; case 4, 5, 6 -> 4; case 10, 11, 12, 8 -> 8; case 9 -> 12;
            default -> throw bad("metadata '" + key + "' has arrays of unknown type " + et);
        };
        if (n > remaining() / width) throw bad("metadata '" + key + "' claims " + n + " elements, more than the file holds");
        int count = (int) n;
        switch (et) {
            case 0, 1, 2, 3, 4, 5 -> {
                int[] a = new int[count];
                for (int k = 0; k < count; k++) a[k] = (int) (long) (Long) value(et, key, depth);
                return a;
            }
            case 10, 11 -> {
                long[] a = new long[count];
                for (int k = 0; k < count; k++) a[k] = (Long) value(et, key, depth);
                return a;
            }
            case 6 -> {
                float[] a = new float[count];
                for (int k = 0; k < count; k++) { a[k] = file.get(F32, pos); pos += 4; }
                return a;
            }
            case 12 -> {
                double[] a = new double[count];
                for (int k = 0; k < count; k++) { a[k] = file.get(F64, pos); pos += 8; }
                return a;
            }
            case 7 -> {
                boolean[] a = new boolean[count];
                for (int k = 0; k < count; k++) a[k] = file.get(ValueLayout.JAVA_BYTE, pos++) != 0;
                return a;
            }
            case 8 -> {
                List<String> a = new ArrayList<>(count);
                for (int k = 0; k < count; k++) a.add(string(key + "[" + k + "]"));
                return Collections.unmodifiableList(a);
            }
            default -> {
                List<Object> a = new ArrayList<>(count);
                for (int k = 0; k < count; k++) a.add(value(9, key, depth + 1));
                return Collections.unmodifiableList(a);
            }
        }
    }

    public Path path() { return path; }

    public int version() { return version; }

    public int alignment() { return alignment; }

    public Map<String, Object> metadata() { return metadata; }

    public boolean has(String key) { return metadata.containsKey(key); }

    public String getString(String key, String fallback) {
        Object v = metadata.get(key);
        if (v == null) return fallback;
        if (v instanceof String s) return s;
        throw bad("metadata '" + key + "' should be a string, is " + v.getClass().getSimpleName());
    }

    public String getString(String key) {
        String s = getString(key, null);
        if (s == null) throw bad("metadata '" + key + "' is missing");
        return s;
    }

    public long getLong(String key, long fallback) {
        Object v = metadata.get(key);
        if (v == null) return fallback;
        if (v instanceof Long l) return l;
        throw bad("metadata '" + key + "' should be an integer, is " + v.getClass().getSimpleName());
    }

    /** An integer key that must be present and fit an int in [min, max]. */
    public int getInt(String key, int min, int max) {
        if (!metadata.containsKey(key)) throw bad("metadata '" + key + "' is missing");
        long v = getLong(key, 0);
        if (v < min || v > max) throw bad("metadata '" + key + "' = " + v + " is outside " + min + ".." + max);
        return (int) v;
    }

    public int getInt(String key, int fallback, int min, int max) {
        return metadata.containsKey(key) ? getInt(key, min, max) : fallback;
    }

    public float getFloat(String key, float fallback) {
        Object v = metadata.get(key);
        if (v == null) return fallback;
        if (v instanceof Number n && !(v instanceof Long)) {
            float f = n.floatValue();
            if (!Float.isFinite(f)) throw bad("metadata '" + key + "' is not finite");
            return f;
        }
        if (v instanceof Long l) return l;
        throw bad("metadata '" + key + "' should be a number, is " + v.getClass().getSimpleName());
    }

    public boolean getBool(String key, boolean fallback) {
        Object v = metadata.get(key);
        if (v == null) return fallback;
        if (v instanceof Boolean b) return b;
        throw bad("metadata '" + key + "' should be a bool");
    }

    @SuppressWarnings("unchecked")
    public List<String> getStringArray(String key) {
        Object v = metadata.get(key);
        if (v == null) return null;
        if (v instanceof List<?> l && l.stream().allMatch(o -> o instanceof String)) return (List<String>) l;
        throw bad("metadata '" + key + "' should be an array of strings");
    }

    public float[] getFloatArray(String key) {
        Object v = metadata.get(key);
        if (v == null) return null;
        if (v instanceof float[] f) return f.clone();
        if (v instanceof double[] d) { float[] f = new float[d.length]; for (int k = 0; k < d.length; k++) f[k] = (float) d[k]; return f; }
        throw bad("metadata '" + key + "' should be an array of floats");
    }

    public int[] getIntArray(String key) {
        Object v = metadata.get(key);
        if (v == null) return null;
        if (v instanceof int[] a) return a.clone();
        throw bad("metadata '" + key + "' should be an array of integers");
    }

    public Map<String, GgufTensorInfo> tensors() { return tensors; }

    public GgufTensorInfo tensor(String tensorName) { return tensors.get(tensorName); }

    /** The bytes of a tensor, a slice of the mapping (no copy). */
    public MemorySegment tensorData(GgufTensorInfo t) { return file.asSlice(dataStart + t.offset(), t.bytes()); }

    public long dataStart() { return dataStart; }

    public long fileSize() { return file.byteSize(); }

    /** Unmaps the file; tensors sliced from it must no longer be used. */
    @Override public void close() { if (arena.scope().isAlive()) arena.close(); }
}
