package glassbox.model.train;

/** GPT-2's reversible byte→unicode spelling, so every byte has a printable character in the vocabulary. */
public final class ByteUnicode {
    private static final char[] BYTE_TO_CHAR = new char[256];
    private static final int[] CHAR_TO_BYTE = new int[512];

    static {
        boolean[] direct = new boolean[256];
        for (int b = '!'; b <= '~'; b++) direct[b] = true;
        for (int b = 0xA1; b <= 0xAC; b++) direct[b] = true;
        for (int b = 0xAE; b <= 0xFF; b++) direct[b] = true;
        int n = 0;
        java.util.Arrays.fill(CHAR_TO_BYTE, -1);
        for (int b = 0; b < 256; b++) {
            BYTE_TO_CHAR[b] = direct[b] ? (char) b : (char) (256 + n++);
            CHAR_TO_BYTE[BYTE_TO_CHAR[b]] = b;
        }
    }

    private ByteUnicode() {}

    public static char of(int b) { return BYTE_TO_CHAR[b & 0xFF]; }

    /** The vocabulary spelling of a byte string. */
    public static String spell(byte[] bytes) {
        var sb = new StringBuilder(bytes.length);
        for (byte b : bytes) sb.append(of(b));
        return sb.toString();
    }

    /** The bytes a vocabulary spelling stands for (inverse of {@link #spell}). */
    public static byte[] unspell(String s) {
        byte[] out = new byte[s.length()];
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int b = c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1;
            if (b < 0) throw new IllegalArgumentException("not a byte-level spelling: U+" + Integer.toHexString(c));
            out[i] = (byte) b;
        }
        return out;
    }
}
