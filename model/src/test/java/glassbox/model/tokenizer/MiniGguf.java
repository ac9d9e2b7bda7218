package glassbox.model.tokenizer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A test-only GGUF metadata reader (the spec's value types), independent of the production reader. */
final class MiniGguf {
    private MiniGguf() {}

    static Map<String, Object> metadata(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt() != 0x46554747) throw new IOException("not GGUF: " + file);
        int version = b.getInt();
        if (version < 2) throw new IOException("GGUF v" + version);
        b.getLong();
        long kvs = b.getLong();
        Map<String, Object> m = new LinkedHashMap<>();
        for (long k = 0; k < kvs; k++) {
            String key = str(b);
            m.put(key, value(b, b.getInt()));
        }
        return m;
    }

    private static String str(ByteBuffer b) {
        byte[] s = new byte[Math.toIntExact(b.getLong())];
        b.get(s);
        return new String(s, StandardCharsets.UTF_8);
    }

    private static Object value(ByteBuffer b, int type) {
        return switch (type) {
            case 0 -> (long) (b.get() & 0xFF);
            case 1 -> (long) b.get();
            case 2 -> (long) (b.getShort() & 0xFFFF);
            case 3 -> (long) b.getShort();
            case 4 -> b.getInt() & 0xFFFFFFFFL;
            case 5 -> (long) b.getInt();
            case 6 -> (double) b.getFloat();
            case 7 -> b.get() != 0;
            case 8 -> str(b);
            case 9 -> {
                int t = b.getInt();
                long n = b.getLong();
                List<Object> out = new ArrayList<>();
                for (long k = 0; k < n; k++) out.add(value(b, t));
                yield out;
            }
            case 10, 11 -> b.getLong();
            case 12 -> b.getDouble();
            default -> throw new IllegalStateException("GGUF value type " + type);
        };
    }
}
