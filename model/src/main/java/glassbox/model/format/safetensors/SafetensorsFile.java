package glassbox.model.format.safetensors;

import glassbox.model.io.ModelFormatException;
import glassbox.model.io.TextFiles;
import glassbox.model.json.Json;
import glassbox.model.tensor.BF16Tensor;
import glassbox.model.tensor.F16Tensor;
import glassbox.model.tensor.F32Tensor;
import glassbox.model.tensor.FloatTensor;

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
 * A .safetensors file, memory-mapped: an 8-byte little-endian header length, a JSON header
 * {@code {"name": {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {...}}}, then the
 * data, offsets relative to its start. Every entry is checked (dtype size × shape = byte range, inside
 * the file, no overlaps) before any tensor is handed out.
 */
public final class SafetensorsFile implements AutoCloseable {
    /** Headers larger than this are refused (real ones are a few hundred KB). */
    static final long MAX_HEADER = 100L << 20;

    /** One tensor's header entry; {@code shape} outermost first (PyTorch order). */
    public record Entry(String name, String dtype, long[] shape, long begin, long end) {
        public Entry { shape = shape.clone(); }
        @Override public long[] shape() { return shape.clone(); }
        public long elements() { long n = 1; for (long d : shape) n *= d; return n; }
    }

    private final Path path;
    private final String name;
    private final Arena arena;
    private final MemorySegment file;
    private final long dataStart;
    private final Map<String, Entry> entries;
    private final Map<String, Object> metadata;

    private SafetensorsFile(Path path, Arena arena, MemorySegment file) {
        this.path = path;
        this.name = path.getFileName().toString();
        this.arena = arena;
        this.file = file;
        long size = file.byteSize();
        if (size < 8) throw bad("too short for a safetensors header (" + size + " bytes)");
        long n = file.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 0);
        if (n < 2 || n > size - 8) throw bad("header length " + Long.toUnsignedString(n) + " does not fit the file of " + size + " bytes");
        if (n > MAX_HEADER) throw bad("header of " + n + " bytes is implausibly large");
        dataStart = 8 + n;
        long dataSize = size - dataStart;
        Map<String, Object> root;
        try {
            root = Json.parseObject(new String(file.asSlice(8, n).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw bad("header is not valid JSON: " + e.getMessage());
        }
        Map<String, Entry> byName = new LinkedHashMap<>();
        Map<String, Object> meta = Map.of();
        for (var e : root.entrySet()) {
            if (e.getKey().equals("__metadata__")) {
                if (e.getValue() instanceof Map<?, ?> m) { @SuppressWarnings("unchecked") var mm = (Map<String, Object>) m; meta = mm; }
                continue;
            }
            byName.put(e.getKey(), entry(e.getKey(), e.getValue(), dataSize));
        }
        List<Entry> sorted = new ArrayList<>(byName.values());
        sorted.sort(Comparator.comparingLong(Entry::begin));
        long end = 0;
        for (Entry e : sorted) {
            if (e.begin() < end) throw bad("tensor " + e.name() + " overlaps the tensor before it");
            end = e.end();
        }
        entries = Collections.unmodifiableMap(byName);
        metadata = Collections.unmodifiableMap(meta);
    }

    private Entry entry(String tensor, Object v, long dataSize) {
        if (!(v instanceof Map<?, ?> m)) throw bad("entry " + tensor + " is not an object");
        if (!(m.get("dtype") instanceof String dtype)) throw bad("tensor " + tensor + " has no dtype");
        if (!(m.get("shape") instanceof List<?> shapeList) || shapeList.size() > 8) throw bad("tensor " + tensor + " has no valid shape");
        if (!(m.get("data_offsets") instanceof List<?> off) || off.size() != 2
                || !(off.get(0) instanceof Long begin) || !(off.get(1) instanceof Long end)) {
            throw bad("tensor " + tensor + " has no valid data_offsets");
        }
        long[] shape = new long[shapeList.size()];
        long elements = 1;
        for (int k = 0; k < shape.length; k++) {
            if (!(shapeList.get(k) instanceof Long d) || d < 0) throw bad("tensor " + tensor + " has dimension " + shapeList.get(k));
            shape[k] = d;
            try { elements = Math.multiplyExact(elements, d); } catch (ArithmeticException e) { throw bad("tensor " + tensor + " has too many elements"); }
        }
        if (begin < 0 || end < begin || end > dataSize) {
            throw bad("tensor " + tensor + " bytes [" + begin + ", " + end + ") lie outside the data section of " + dataSize + " bytes: truncated?");
        }
        int width = width(dtype);
        if (width > 0) {
            long expected;
            try { expected = Math.multiplyExact(elements, width); } catch (ArithmeticException e) { throw bad("tensor " + tensor + " is too large"); }
            if (expected != end - begin) {
                throw bad("tensor " + tensor + " (" + dtype + ", " + elements + " values) needs " + expected + " bytes, the header gives " + (end - begin));
            }
        }
        return new Entry(tensor, dtype, shape, begin, end);
    }

    /** Bytes per value of a dtype, or 0 when unknown. */
    static int width(String dtype) {
        return switch (dtype) {
            case "F64", "I64", "U64" -> 8;
            case "F32", "I32", "U32" -> 4;
            case "F16", "BF16", "I16", "U16" -> 2;
            case "I8", "U8", "BOOL", "F8_E4M3", "F8_E5M2" -> 1;
            default -> 0;
        };
    }

    public static SafetensorsFile open(Path path) throws IOException {
        Arena arena = Arena.ofShared();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            return new SafetensorsFile(path, arena, ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena));
        } catch (RuntimeException | IOException e) {
            arena.close();
            throw e;
        }
    }

    private ModelFormatException bad(String what) { return new ModelFormatException(name + ": " + TextFiles.oneLine(what, 300)); }

    public Path path() { return path; }

    public Map<String, Entry> entries() { return entries; }

    public Map<String, Object> metadata() { return metadata; }

    /** The tensor's bytes, a slice of the mapping. */
    public MemorySegment data(Entry e) { return file.asSlice(dataStart + e.begin(), e.end() - e.begin()); }

    /** The tensor as a FloatTensor view (F32, F16 or BF16). */
    public FloatTensor tensor(Entry e) {
        return switch (e.dtype()) {
            case "F32" -> new F32Tensor(data(e));
            case "F16" -> new F16Tensor(data(e));
            case "BF16" -> new BF16Tensor(data(e));
            default -> throw bad("tensor " + e.name() + " has dtype " + e.dtype() + " (supported: F32, F16, BF16)");
        };
    }

    @Override public void close() { if (arena.scope().isAlive()) arena.close(); }
}
