package glassbox.model.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Turns generated ids into text as they arrive, holding back the bytes of a UTF-8 character until
 * its last byte has come (an emoji may span several byte tokens). Not thread-safe: one per generation.
 */
public final class TextStream {
    private final Tokenizer tokenizer;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private int previous = -1;

    public TextStream(Tokenizer tokenizer) { this.tokenizer = tokenizer; }

    /** Starts with this id as the previous token (e.g. BOS, so the first piece loses its dummy-prefix space). */
    public TextStream after(int previousId) {
        previous = previousId;
        return this;
    }

    /** Adds one token; returns the text that is now complete (possibly empty). */
    public String push(int id) {
        pending.writeBytes(tokenizer.tokenBytes(previous, id));
        previous = id;
        byte[] b = pending.toByteArray();
        int complete = completePrefix(b);
        pending.reset();
        pending.write(b, complete, b.length - complete);
        return new String(b, 0, complete, StandardCharsets.UTF_8);
    }

    /** Whatever is left (an unfinished character reads as U+FFFD). */
    public String flush() {
        String s = pending.toString(StandardCharsets.UTF_8);
        pending.reset();
        return s;
    }

    /** Length of the longest prefix that does not end inside a UTF-8 sequence that could still be completed. */
    static int completePrefix(byte[] b) {
        int n = b.length;
        // look back at most 3 bytes for the lead byte of a possibly unfinished character
        for (int k = n - 1; k >= Math.max(0, n - 4); k--) {
            int v = b[k] & 0xFF;
            if (v < 0x80) return n;                  // ASCII: everything before is complete or already invalid
            if (v >= 0xC0) {                          // a lead byte: does its sequence fit in what we have?
                int need = v >= 0xF0 ? 4 : v >= 0xE0 ? 3 : 2;
                return n - k >= need ? n : k;
            }
        }
        return n;                                     // only continuation bytes: invalid anyway, let them out
    }
}
