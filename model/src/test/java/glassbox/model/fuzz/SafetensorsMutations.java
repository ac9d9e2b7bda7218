package glassbox.model.fuzz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Semantic damage to a .safetensors header: its JSON is edited and the length prefix kept consistent. */
final class SafetensorsMutations {
    private SafetensorsMutations() {}

    private static final Pattern OFFSETS = Pattern.compile("\"data_offsets\"\\s*:\\s*\\[\\s*(\\d+)\\s*,\\s*(\\d+)\\s*]");
    private static final Pattern DTYPE = Pattern.compile("\"dtype\"\\s*:\\s*\"[A-Z0-9]+\"");
    private static final Pattern SHAPE = Pattern.compile("\"shape\"\\s*:\\s*\\[[^]]*]");
    private static final Pattern ENTRY = Pattern.compile("\"[^\"]+\"\\s*:\\s*\\{[^{}]*}");

    static Mutator.Mutant apply(Mutation kind, byte[] file, Random r) {
        long n = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        String json = new String(file, 8, (int) n, StandardCharsets.UTF_8);
        long dataSize = file.length - 8 - n;
        String[] edit = switch (kind) {
            case BAD_OFFSET -> {
                List<Matcher> all = matches(OFFSETS, json);
                Matcher m = all.get(r.nextInt(all.size()));
                long a = Long.parseLong(m.group(1)), b = Long.parseLong(m.group(2));
                String v = switch (r.nextInt(6)) {
                    case 0 -> "[" + a + "," + (dataSize + 100) + "]";
                    case 1 -> "[" + b + "," + a + "]";
                    case 2 -> "[0," + (b - a) + "]";
                    case 3 -> "[9223372036854775000,9223372036854775807]";
                    case 4 -> "[" + a + "," + (b + 4) + "]";
                    default -> "[" + a + "]";
                };
                yield replace(json, m, "\"data_offsets\":" + v);
            }
            case DUPLICATE_NAME -> {
                List<Matcher> all = matches(ENTRY, json);
                Matcher m = all.get(r.nextInt(all.size()));
                String entry = m.group();
                // a second entry with the same name, pointing elsewhere
                String copy = r.nextBoolean() ? entry : OFFSETS.matcher(entry).replaceFirst("\"data_offsets\":[0,4]");
                yield new String[]{"{" + copy + "," + json.substring(1), "duplicated " + entry.substring(0, entry.indexOf(':'))};
            }
            case WRONG_TYPE -> {
                if (r.nextBoolean()) {
                    List<Matcher> all = matches(DTYPE, json);
                    Matcher m = all.get(r.nextInt(all.size()));
                    String v = new String[]{"\"F64\"", "\"I8\"", "\"Q4\"", "\"BF16\"", "\"F16\"", "42", "null", "\"\""}[r.nextInt(8)];
                    yield replace(json, m, "\"dtype\":" + v);
                }
                List<Matcher> all = matches(SHAPE, json);
                Matcher m = all.get(r.nextInt(all.size()));
                String v = new String[]{"\"64\"", "[]", "[-1,64]", "[0]", "[4294967296,4294967296]", "[1.5]", "[[2]]", "null"}[r.nextInt(8)];
                yield replace(json, m, "\"shape\":" + v);
            }
            default -> throw new IllegalArgumentException(kind.name());
        };
        byte[] head = edit[0].getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[8 + head.length + (int) dataSize];
        ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putLong(0, head.length);
        System.arraycopy(head, 0, out, 8, head.length);
        System.arraycopy(file, 8 + (int) n, out, 8 + head.length, (int) dataSize);
        return new Mutator.Mutant(kind, edit[1], out);
    }

    /** After a splice inside the JSON header, the u64 length prefix is moved by delta. */
    static void fixHeaderLength(byte[] file, int delta) {
        if (file.length < 8) return;
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, b.getLong(0) + delta);
    }

    private static List<Matcher> matches(Pattern p, String s) {
        List<Matcher> out = new ArrayList<>();
        Matcher m = p.matcher(s);
        while (m.find()) {
            Matcher one = p.matcher(s);
            one.find(m.start());
            out.add(one);
        }
        return out;
    }

    private static String[] replace(String json, Matcher m, String with) {
        return new String[]{json.substring(0, m.start()) + with + json.substring(m.end()), m.group() + " -> " + with};
    }
}
