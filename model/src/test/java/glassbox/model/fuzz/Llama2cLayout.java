package glassbox.model.fuzz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Field layouts of llama2.c's files: the checkpoint (legacy and version-1 headers) and tokenizer.bin. */
final class Llama2cLayout {
    private Llama2cLayout() {}

    private static final String[] HEADER = {"dim", "hidden_dim", "n_layers", "n_heads", "n_kv_heads", "vocab_size", "seq_len"};

    static Layout checkpoint(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        Layout l = new Layout();
        boolean v1 = b.getInt(0) == 0x616b3432;
        int base = 0;
        if (v1) {
            l.field(0, 4, Field.Kind.MAGIC, "magic");
            l.field(4, 4, Field.Kind.MAGIC, "version");
            base = 8;
        }
        int[] h = new int[7];
        for (int k = 0; k < 7; k++) {
            l.field(base + 4L * k, 4, Field.Kind.DIM, HEADER[k]);
            h[k] = b.getInt(base + 4 * k);
        }
        long dim = h[0], hidden = h[1], layers = h[2], heads = h[3], kvHeads = h[4], vocab = Math.abs(h[5]), seq = h[6];
        long kvDim = dim * kvHeads / heads, headSize = dim / heads;
        long pos;
        long[] sizes;
        if (v1) {
            l.field(base + 28, 1, Field.Kind.TYPE, "shared classifier flag");
            pos = 256;
            sizes = new long[]{layers * dim, layers * dim, dim, vocab * dim, layers * dim * dim, layers * dim * kvDim,
                    layers * dim * kvDim, layers * dim * dim, layers * dim * hidden, layers * hidden * dim, layers * dim * hidden};
        } else {
            pos = 28;
            sizes = new long[]{vocab * dim, layers * dim, layers * dim * dim, layers * dim * kvDim, layers * dim * kvDim,
                    layers * dim * dim, layers * dim, layers * dim * hidden, layers * hidden * dim, layers * dim * hidden, dim,
                    seq * headSize / 2, seq * headSize / 2};
        }
        l.markHeaderEnd(pos);
        for (long s : sizes) {
            // a few weights of each array are marked as floats, for NaN/Inf injection
            for (int k = 0; k < 4 && k < s; k++) l.field(pos + 4L * k * (s / 4), 4, Field.Kind.FLOAT, "weight");
            pos += 4 * s;
            l.boundary(pos);
        }
        return l;
    }

    static Layout tokenizer(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        Layout l = new Layout();
        l.field(0, 4, Field.Kind.COUNT, "max token length");
        b.position(4);
        int token = 0;
        while (b.remaining() >= 8) {
            l.field(b.position(), 4, Field.Kind.FLOAT, "score of token " + token);
            b.getFloat();
            l.field(b.position(), 4, Field.Kind.LENGTH, "length of token " + token);
            int len = b.getInt();
            l.field(b.position(), len, Field.Kind.TEXT, "token " + token);
            b.position(b.position() + len);
            token++;
        }
        l.markHeaderEnd(bytes.length);
        return l;
    }
}
