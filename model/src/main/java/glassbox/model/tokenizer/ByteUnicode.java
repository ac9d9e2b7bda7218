package glassbox.model.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * GPT-2's byte→unicode table: every byte gets a printable character, so a byte-level vocabulary is
 * plain text. Printable Latin-1 bytes map to themselves; the other 68 bytes (controls, space, 0x7F–0xA0,
 * 0xAD) map, in byte order, to U+0100, U+0101, … — which is why a space shows as "Ġ" and a newline as "Ċ".
 */
public final class ByteUnicode {
    private static final char[] TO_CHAR = new char[256];
    private static final int[] TO_BYTE = new int[0x200];

    static {
        java.util.Arrays.fill(TO_BYTE, -1);
        int extra = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            char c = printable ? (char) b : (char) (256 + extra++);
            TO_CHAR[b] = c;
            TO_BYTE[c] = b;
        }
    }

    private ByteUnicode() {}

    /** The character standing for one byte. */
    public static char charOf(int b) { return TO_CHAR[b & 0xFF]; }

    /** The byte a character stands for, or -1 if it is not in the table. */
    public static int byteOf(char c) { return c < TO_BYTE.length ? TO_BYTE[c] : -1; }

    /** Text → its UTF-8 bytes, each spelled as its table character. */
    public static String encode(String text) { return spell(text.getBytes(StandardCharsets.UTF_8)); }

    /** Raw bytes, each spelled as its table character. */
    public static String spell(byte[] bytes) {
        char[] out = new char[bytes.length];
        for (int k = 0; k < bytes.length; k++) out[k] = TO_CHAR[bytes[k] & 0xFF];
        return new String(out);
    }

    /** Table characters → bytes; characters outside the table (added tokens) contribute their own UTF-8. */
    public static byte[] decode(String spelled) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(spelled.length());
        for (int k = 0; k < spelled.length(); k++) {
            int b = byteOf(spelled.charAt(k));
            if (b >= 0) {
                out.write(b);
            } else {
                int cp = spelled.codePointAt(k);
                out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                k += Character.charCount(cp) - 1;
            }
        }
        return out.toByteArray();
    }
}
