package glassbox.model.fuzz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Semantic damage to a GGUF file: rewrites the parsed {@link GgufImage} rather than raw bytes. */
final class GgufMutations {
    private GgufMutations() {}

    /** Keys every reader looks at: the ones worth giving a wrong type. */
    private static final List<String> KNOWN = List.of("general.architecture", "general.alignment", "block_count",
            "embedding_length", "feed_forward_length", "head_count", "head_count_kv", "context_length", "epsilon",
            "rope", "tokenizer.ggml.model", "tokenizer.ggml.tokens", "tokenizer.ggml.scores", "tokenizer.ggml.token_type",
            "tokenizer.ggml.merges", "token_id", "tokenizer.ggml.pre", "add_space_prefix");

    static Mutator.Mutant apply(Mutation kind, GgufImage original, Random r) {
        GgufImage img = original.copy();
        String what = switch (kind) {
            case BAD_OFFSET -> badOffset(img, r);
            case DUPLICATE_NAME -> duplicate(img, r);
            case WRONG_TYPE -> wrongType(img, r);
            case NAN_INF -> nanInf(img, r);
            case HUGE_COUNT -> hugeDims(img, r);
            default -> throw new IllegalArgumentException(kind.name());
        };
        return new Mutator.Mutant(kind, what, img.write());
    }

    private static String badOffset(GgufImage img, Random r) {
        if (img.tensors.isEmpty()) return wrongType(img, r);
        int t = r.nextInt(img.tensors.size());
        GgufImage.TensorInfo ti = img.tensors.get(t);
        GgufImage.TensorInfo other = img.tensors.get(r.nextInt(img.tensors.size()));
        long align = img.alignment;
        long v = switch (r.nextInt(7)) {
            case 0 -> img.data.length;
            case 1 -> (img.data.length / align) * align;
            case 2 -> 1L << 62;
            case 3 -> -1L;
            case 4 -> other.offset() == ti.offset() && img.tensors.size() > 1 ? img.tensors.get((t + 1) % img.tensors.size()).offset() : other.offset();
            case 5 -> ti.offset() + 1;
            default -> Long.MAX_VALUE - 16;
        };
        img.tensors.set(t, new GgufImage.TensorInfo(ti.name(), ti.dims(), ti.type(), v));
        return "offset of tensor " + t + " = " + v;
    }

    private static String duplicate(GgufImage img, Random r) {
        if (r.nextBoolean() && img.tensors.size() > 1) {
            int a = r.nextInt(img.tensors.size()), b = (a + 1 + r.nextInt(img.tensors.size() - 1)) % img.tensors.size();
            GgufImage.TensorInfo tb = img.tensors.get(b);
            img.tensors.set(b, new GgufImage.TensorInfo(img.tensors.get(a).name().clone(), tb.dims(), tb.type(), tb.offset()));
            return "tensor " + b + " renamed like tensor " + a;
        }
        int a = r.nextInt(img.kvs.size());
        GgufImage.Kv src = img.kvs.get(a);
        GgufImage.Kv other = img.kvs.get(r.nextInt(img.kvs.size()));
        // the copy carries another entry's value, so "first wins" and "last wins" readers would disagree
        img.kvs.add(r.nextInt(img.kvs.size() + 1), new GgufImage.Kv(src.key(), other.type(), other.raw()));
        return "key " + src.name() + " duplicated";
    }

    private static String wrongType(GgufImage img, Random r) {
        if (r.nextInt(4) == 0 && !img.tensors.isEmpty()) {
            int t = r.nextInt(img.tensors.size());
            GgufImage.TensorInfo ti = img.tensors.get(t);
            int type = new int[]{0, 1, 2, 8, 12, 14, 30, 4, 5, 99, -1}[r.nextInt(11)];
            img.tensors.set(t, new GgufImage.TensorInfo(ti.name(), ti.dims(), type, ti.offset()));
            return "tensor " + t + " type " + type;
        }
        int k = pickKnown(img, r);
        GgufImage.Kv kv = img.kvs.get(k);
        var v = switch (r.nextInt(7)) {
            case 0 -> new GgufImage.Kv(kv.key(), 8, GgufImage.stringValue("64"));
            case 1 -> new GgufImage.Kv(kv.key(), 6, le(4, Float.floatToIntBits(64.5f)));
            case 2 -> new GgufImage.Kv(kv.key(), 7, new byte[]{1});
            case 3 -> new GgufImage.Kv(kv.key(), 10, le(8, -1L));
            case 4 -> new GgufImage.Kv(kv.key(), 9, intArray(3));
            case 5 -> new GgufImage.Kv(kv.key(), 5, le(4, -7));
            default -> null;
        };
        if (v == null) {
            img.kvs.remove(k);
            return "key " + kv.name() + " removed";
        }
        img.kvs.set(k, v);
        return "key " + kv.name() + " as type " + v.type();
    }

    private static int pickKnown(GgufImage img, Random r) {
        List<Integer> known = new ArrayList<>();
        for (int k = 0; k < img.kvs.size(); k++) {
            String n = img.kvs.get(k).name();
            if (KNOWN.stream().anyMatch(n::contains)) known.add(k);
        }
        return known.isEmpty() || r.nextInt(5) == 0 ? r.nextInt(img.kvs.size()) : known.get(r.nextInt(known.size()));
    }

    private static String nanInf(GgufImage img, Random r) {
        float v = new float[]{Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MAX_VALUE}[r.nextInt(4)];
        List<Integer> floats = new ArrayList<>();
        for (int k = 0; k < img.kvs.size(); k++) if (img.kvs.get(k).type() == 6) floats.add(k);
        if (!floats.isEmpty() && r.nextBoolean()) {
            int k = floats.get(r.nextInt(floats.size()));
            img.kvs.set(k, new GgufImage.Kv(img.kvs.get(k).key(), 6, le(4, Float.floatToRawIntBits(v))));
            return "key " + img.kvs.get(k).name() + " = " + v;
        }
        int scores = img.kvIndex("tokenizer.ggml.scores");
        if (scores >= 0 && r.nextBoolean()) {
            byte[] raw = img.kvs.get(scores).raw().clone();
            int n = (raw.length - 12) / 4;
            int at = 12 + 4 * r.nextInt(Math.max(1, n));
            ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).putFloat(at, v);
            img.kvs.set(scores, new GgufImage.Kv(img.kvs.get(scores).key(), 9, raw));
            return "a token score = " + v;
        }
        // weights: F32 and F16 tensors get NaN/Inf in their data (a valid file: the forward pass must not throw)
        if (img.tensors.isEmpty()) return "nothing";
        GgufImage.TensorInfo t = img.tensors.get(r.nextInt(img.tensors.size()));
        byte[] data = img.data.clone();
        int width = t.type() == 0 ? 4 : t.type() == 1 ? 2 : 0;
        if (width == 0 || t.offset() + width > data.length) return "nothing";
        long elems = Arrays.stream(t.dims()).reduce(1, (a, b) -> a * b);
        int at = (int) (t.offset() + width * r.nextLong(Math.max(1, Math.min(elems, (data.length - t.offset()) / width))));
        if (width == 4) ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).putFloat(at, v);
        else ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).putShort(at, Float.isNaN(v) ? (short) 0x7e00 : v > 0 ? (short) 0x7c00 : (short) 0xfc00);
        img.data = data;
        return "a weight = " + v;
    }

    private static String hugeDims(GgufImage img, Random r) {
        if (img.tensors.isEmpty()) return wrongType(img, r);
        int t = r.nextInt(img.tensors.size());
        GgufImage.TensorInfo ti = img.tensors.get(t);
        long[] dims = switch (r.nextInt(4)) {
            case 0 -> new long[]{1L << 32, 1L << 32};       // product overflows... almost
            case 1 -> new long[]{1L << 40, 1L << 40};       // product overflows long
            case 2 -> new long[]{ti.dims()[0], 0x7fffffffL};
            default -> new long[]{1, 1, 1, 1, 1};            // too many dimensions
        };
        img.tensors.set(t, new GgufImage.TensorInfo(ti.name(), dims, ti.type(), ti.offset()));
        return "dims of tensor " + t + " = " + Arrays.toString(dims);
    }

    private static byte[] intArray(int n) {
        var out = new GgufImage.LeOut();
        out.i32(5);
        out.i64(n);
        for (int k = 0; k < n; k++) out.i32(k);
        return out.toByteArray();
    }

    private static byte[] le(int width, long v) {
        var out = new GgufImage.LeOut();
        if (width == 4) out.i32((int) v); else out.i64(v);
        return out.toByteArray();
    }
}
