package glassbox.model.format.safetensors;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test helper: writes F32 tensors as a .safetensors file exactly as the format describes it. */
final class SafetensorsWriter {
    private record T(String name, long[] shape, float[] values) {}
    private final List<T> tensors = new ArrayList<>();

    SafetensorsWriter add(String name, float[] values, long... shape) {
        tensors.add(new T(name, shape, values));
        return this;
    }

    static String header(Map<String, long[][]> entries) {
        StringBuilder sb = new StringBuilder("{\"__metadata__\":{\"format\":\"pt\"}");
        for (var e : entries.entrySet()) {
            long[] shape = e.getValue()[0], off = e.getValue()[1];
            sb.append(",\"").append(e.getKey()).append("\":{\"dtype\":\"F32\",\"shape\":[");
            for (int k = 0; k < shape.length; k++) sb.append(k == 0 ? "" : ",").append(shape[k]);
            sb.append("],\"data_offsets\":[").append(off[0]).append(',').append(off[1]).append("]}");
        }
        return sb.append('}').toString();
    }

    void write(Path p) throws IOException {
        Map<String, long[][]> entries = new LinkedHashMap<>();
        long off = 0;
        for (T t : tensors) {
            entries.put(t.name, new long[][]{t.shape, {off, off + 4L * t.values.length}});
            off += 4L * t.values.length;
        }
        byte[] h = header(entries).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate((int) (8 + h.length + off)).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        for (T t : tensors) for (float v : t.values) b.putFloat(v);
        Files.write(p, b.array());
    }
}
