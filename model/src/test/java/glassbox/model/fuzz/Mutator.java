package glassbox.model.fuzz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Deterministic damage to a seed file: the same seed and case number always give the same bytes.
 * Byte-level kinds use the file's {@link Layout}; GGUF's semantic kinds rewrite a {@link GgufImage}.
 */
final class Mutator {
    /** A damaged file and what was done to it. */
    record Mutant(Mutation kind, String what, byte[] bytes) {}

    private static final long[] HUGE_64 = {0x7fffffffL, 0xffffffffL, 0x80000000L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 32, 1L << 40};
    private static final int[] HUGE_32 = {0x7fffffff, 0xffffffff, 0x80000000, 0x40000000, 1 << 20, 65536};
    private static final String[] HUGE_TEXT = {"2147483647", "2147483648", "4294967296", "9223372036854775807",
            "18446744073709551615", "1e308", "99999999999999999999999"};
    private static final byte[][] BAD_UTF8 = {{(byte) 0xFF}, {(byte) 0xC0, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xC3}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0x80}, {0}};

    private final byte[] original;
    private final Layout layout;
    private final GgufImage image;
    private final Seed.Format format;
    private final long[] boundaries;

    Mutator(byte[] original, Seed.Format format) {
        this.original = original;
        this.format = format;
        this.image = format == Seed.Format.GGUF ? GgufImage.parse(original) : null;
        this.layout = switch (format) {
            case GGUF -> image.layout;
            case LLAMA2C -> Llama2cLayout.checkpoint(original);
            case TOKENIZER_BIN -> Llama2cLayout.tokenizer(original);
            case SAFETENSORS -> SafetensorsLayout.of(original);
            case JSON, TEXT -> TextLayout.of(original);
        };
        this.boundaries = Arrays.stream(layout.boundaries()).filter(b -> b >= 0 && b < original.length).toArray();
    }

    Layout layout() { return layout; }

    /** The kinds that make sense for this format, in a fixed order (cases cycle through them). */
    List<Mutation> kinds() {
        return switch (format) {
            case GGUF -> List.of(Mutation.values());
            case LLAMA2C -> List.of(Mutation.TRUNCATE_AT_BOUNDARY, Mutation.TRUNCATE_RANDOM, Mutation.BIT_FLIP, Mutation.BYTE_REPLACE,
                    Mutation.SHIFT_BYTES, Mutation.HUGE_COUNT, Mutation.NEGATIVE_VALUE, Mutation.ZERO_VALUE, Mutation.RANDOM_FIELD,
                    Mutation.NAN_INF, Mutation.EMPTY);
            case TOKENIZER_BIN -> List.of(Mutation.TRUNCATE_AT_BOUNDARY, Mutation.TRUNCATE_RANDOM, Mutation.BIT_FLIP,
                    Mutation.BYTE_REPLACE, Mutation.SHIFT_BYTES, Mutation.HUGE_COUNT, Mutation.NEGATIVE_VALUE, Mutation.ZERO_VALUE,
                    Mutation.RANDOM_FIELD, Mutation.NAN_INF, Mutation.INVALID_UTF8, Mutation.EMPTY);
            case SAFETENSORS -> List.of(Mutation.TRUNCATE_AT_BOUNDARY, Mutation.TRUNCATE_RANDOM, Mutation.BIT_FLIP,
                    Mutation.BYTE_REPLACE, Mutation.SHIFT_BYTES, Mutation.HUGE_COUNT, Mutation.NEGATIVE_VALUE, Mutation.ZERO_VALUE,
                    Mutation.RANDOM_FIELD, Mutation.BAD_OFFSET, Mutation.DUPLICATE_NAME, Mutation.WRONG_TYPE, Mutation.NAN_INF,
                    Mutation.INVALID_UTF8, Mutation.EMPTY);
            case JSON, TEXT -> List.of(Mutation.TRUNCATE_AT_BOUNDARY, Mutation.TRUNCATE_RANDOM, Mutation.BIT_FLIP,
                    Mutation.BYTE_REPLACE, Mutation.SHIFT_BYTES, Mutation.HUGE_COUNT, Mutation.NEGATIVE_VALUE, Mutation.ZERO_VALUE,
                    Mutation.RANDOM_FIELD, Mutation.INVALID_UTF8, Mutation.EMPTY);
        };
    }

    Mutant mutate(Mutation kind, Random r) {
        return switch (kind) {
            case EMPTY -> new Mutant(kind, "empty file", new byte[0]);
            case TRUNCATE_AT_BOUNDARY -> {
                long b = boundaries.length == 0 ? 0 : boundaries[r.nextInt(boundaries.length)];
                long at = Math.clamp(b + (r.nextInt(4) == 0 ? r.nextInt(3) - 1 : 0), 0, original.length - 1);
                yield new Mutant(kind, "cut at " + at + " of " + original.length, Arrays.copyOf(original, (int) at));
            }
            case TRUNCATE_RANDOM -> {
                int at = r.nextInt(original.length);
                yield new Mutant(kind, "cut at " + at + " of " + original.length, Arrays.copyOf(original, at));
            }
            case BIT_FLIP -> {
                byte[] b = original.clone();
                int n = 1 + r.nextInt(8);
                StringBuilder w = new StringBuilder("bits");
                for (int k = 0; k < n; k++) {
                    int at = position(r);
                    int bit = r.nextInt(8);
                    b[at] ^= (byte) (1 << bit);
                    w.append(' ').append(at).append('.').append(bit);
                }
                yield new Mutant(kind, w.toString(), b);
            }
            case BYTE_REPLACE -> {
                byte[] b = original.clone();
                int n = 1 + r.nextInt(4);
                StringBuilder w = new StringBuilder("bytes");
                for (int k = 0; k < n; k++) {
                    int at = position(r);
                    int v = switch (r.nextInt(5)) { case 0 -> 0; case 1 -> 0xFF; case 2 -> 0x7F; case 3 -> 0x80; default -> r.nextInt(256); };
                    b[at] = (byte) v;
                    w.append(' ').append(at).append('=').append(v);
                }
                yield new Mutant(kind, w.toString(), b);
            }
            case SHIFT_BYTES -> {
                long headerEnd = layout.headerEnd(original.length);
                long[] inHeader = Arrays.stream(boundaries).filter(x -> x <= headerEnd).toArray();
                int at = (int) (inHeader.length == 0 ? 0 : inHeader[r.nextInt(inHeader.length)]);
                int n = 1 + r.nextInt(8);
                byte[] b;
                if (r.nextBoolean() && at + n <= original.length) {
                    b = new byte[original.length - n];
                    System.arraycopy(original, 0, b, 0, at);
                    System.arraycopy(original, at + n, b, at, original.length - at - n);
                    yield new Mutant(kind, "deleted " + n + " at " + at, b);
                }
                b = new byte[original.length + n];
                System.arraycopy(original, 0, b, 0, at);
                for (int k = 0; k < n; k++) b[at + k] = (byte) r.nextInt(256);
                System.arraycopy(original, at, b, at + n, original.length - at);
                yield new Mutant(kind, "inserted " + n + " at " + at, b);
            }
            case HUGE_COUNT, NEGATIVE_VALUE, ZERO_VALUE, RANDOM_FIELD -> numeric(kind, r);
            case NAN_INF -> nanInf(r);
            case INVALID_UTF8 -> invalidUtf8(r);
            case BAD_OFFSET, DUPLICATE_NAME, WRONG_TYPE -> format == Seed.Format.GGUF
                    ? GgufMutations.apply(kind, image, r)
                    : SafetensorsMutations.apply(kind, original, r);
        };
    }

    /** A byte position: 80% inside the header, where the structure lives. */
    private int position(Random r) {
        long headerEnd = Math.max(1, Math.min(layout.headerEnd(original.length), original.length));
        return (int) (r.nextInt(5) < 4 ? r.nextLong(headerEnd) : r.nextInt(original.length));
    }

    private Mutant numeric(Mutation kind, Random r) {
        if (kind == Mutation.HUGE_COUNT && format == Seed.Format.GGUF && r.nextInt(3) == 0) return GgufMutations.apply(kind, image, r);
        List<Field> fields = layout.fields().stream()
                .filter(f -> f.kind() == Field.Kind.COUNT || f.kind() == Field.Kind.LENGTH || f.kind() == Field.Kind.DIM
                        || f.kind() == Field.Kind.OFFSET || f.kind() == Field.Kind.TYPE)
                .filter(f -> f.end() <= original.length).toList();
        if (fields.isEmpty()) return mutate(Mutation.BYTE_REPLACE, r);
        Field f = fields.get(r.nextInt(fields.size()));
        boolean text = format == Seed.Format.JSON || format == Seed.Format.TEXT || format == Seed.Format.SAFETENSORS && f.offset() >= 8;
        if (text) {
            String v = switch (kind) {
                case HUGE_COUNT -> HUGE_TEXT[r.nextInt(HUGE_TEXT.length)];
                case NEGATIVE_VALUE -> "-" + (1 + r.nextInt(r.nextBoolean() ? 2 : 100000));
                case ZERO_VALUE -> "0";
                default -> String.valueOf(r.nextInt(70000));
            };
            return new Mutant(kind, f.label() + " at " + f.offset() + " = " + v, splice(f, v.getBytes(StandardCharsets.US_ASCII)));
        }
        long v = switch (kind) {
            case HUGE_COUNT -> r.nextInt(4) == 0 ? original.length + 1L : f.width() == 8 ? HUGE_64[r.nextInt(HUGE_64.length)] : HUGE_32[r.nextInt(HUGE_32.length)];
            case NEGATIVE_VALUE -> r.nextBoolean() ? -1 : r.nextBoolean() ? (f.width() == 8 ? Long.MIN_VALUE : Integer.MIN_VALUE) : -1 - r.nextInt(1000);
            case ZERO_VALUE -> 0;
            default -> r.nextBoolean() ? r.nextInt(16) : r.nextInt(70000);
        };
        byte[] b = original.clone();
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        switch (f.width()) {
            case 8 -> buf.putLong((int) f.offset(), v);
            case 4 -> buf.putInt((int) f.offset(), (int) v);
            case 1 -> b[(int) f.offset()] = (byte) v;
            default -> { return mutate(Mutation.BYTE_REPLACE, r); }
        }
        return new Mutant(kind, f.label() + " = " + v, b);
    }

    private Mutant nanInf(Random r) {
        if (format == Seed.Format.GGUF && r.nextBoolean()) return GgufMutations.apply(Mutation.NAN_INF, image, r);
        List<Field> floats = layout.fields(Field.Kind.FLOAT).stream().filter(f -> f.end() <= original.length).toList();
        if (floats.isEmpty()) return mutate(Mutation.BYTE_REPLACE, r);
        byte[] b = original.clone();
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int n = 1 + r.nextInt(3);
        StringBuilder w = new StringBuilder();
        for (int k = 0; k < n; k++) {
            Field f = floats.get(r.nextInt(floats.size()));
            float v = switch (r.nextInt(5)) { case 0 -> Float.NaN; case 1 -> Float.POSITIVE_INFINITY; case 2 -> Float.NEGATIVE_INFINITY;
                case 3 -> Float.MAX_VALUE; default -> Float.MIN_VALUE; };
            buf.putFloat((int) f.offset(), v);
            w.append(f.label()).append(" = ").append(v).append("; ");
        }
        return new Mutant(Mutation.NAN_INF, w.toString(), b);
    }

    private Mutant invalidUtf8(Random r) {
        List<Field> texts = layout.fields(Field.Kind.TEXT).stream().filter(f -> f.width() > 0 && f.end() <= original.length).toList();
        if (texts.isEmpty()) return mutate(Mutation.BYTE_REPLACE, r);
        Field f = texts.get(r.nextInt(texts.size()));
        byte[] bad = BAD_UTF8[r.nextInt(BAD_UTF8.length)];
        byte[] b = original.clone();
        int at = (int) f.offset() + r.nextInt(f.width());
        for (int k = 0; k < bad.length && at + k < f.end(); k++) b[at + k] = bad[k];
        return new Mutant(Mutation.INVALID_UTF8, f.label() + " at " + at + " gets " + Arrays.toString(bad), b);
    }

    /** Replaces a field's bytes with others of any length (text formats). */
    private byte[] splice(Field f, byte[] with) {
        int start = (int) f.offset(), end = (int) f.end();
        byte[] b = new byte[original.length - (end - start) + with.length];
        System.arraycopy(original, 0, b, 0, start);
        System.arraycopy(with, 0, b, start, with.length);
        System.arraycopy(original, end, b, start + with.length, original.length - end);
        if (format == Seed.Format.SAFETENSORS) SafetensorsMutations.fixHeaderLength(b, with.length - (end - start));
        return b;
    }
}
