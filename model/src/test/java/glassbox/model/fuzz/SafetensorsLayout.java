package glassbox.model.fuzz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The layout of a .safetensors file: u64 header length, JSON header, raw tensor bytes. */
final class SafetensorsLayout {
    private SafetensorsLayout() {}

    private static final Pattern OFFSETS = Pattern.compile("\"data_offsets\"\\s*:\\s*\\[\\s*(\\d+)\\s*,\\s*(\\d+)\\s*]");

    static Layout of(byte[] bytes) {
        Layout l = new Layout();
        l.field(0, 8, Field.Kind.COUNT, "header length");
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        String json = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        // every structural character, number and string of the JSON header is a place to cut or edit
        l.include(TextLayout.of(java.util.Arrays.copyOfRange(bytes, 8, 8 + (int) n)), 8);
        l.markHeaderEnd(8 + n);
        Matcher o = OFFSETS.matcher(json);
        while (o.find()) {
            l.boundary(8 + n + Long.parseLong(o.group(1)));
            long start = 8 + n + Long.parseLong(o.group(1));
            l.field(start, 4, Field.Kind.FLOAT, "first weight of a tensor");
        }
        return l;
    }
}
