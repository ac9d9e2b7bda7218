package glassbox.model.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Unicode helpers shared by the tokenizers. */
final class TextUnits {
    private TextUnits() {}

    /** Lone surrogates cannot be encoded to UTF-8: they become U+FFFD so every string tokenizes. */
    static String sanitize(String s) {
        StringBuilder b = null;
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            boolean lone = Character.isHighSurrogate(c)
                    ? !(k + 1 < s.length() && Character.isLowSurrogate(s.charAt(k + 1)))
                    : Character.isLowSurrogate(c) && !(k > 0 && Character.isHighSurrogate(s.charAt(k - 1)));
            if (lone && b == null) { b = new StringBuilder(s.length()); b.append(s, 0, k); }
            if (b != null) b.append(lone ? '\uFFFD' : c);
        }
        return b == null ? s : b.toString();
    }

    /** The code points of a (sanitized) string, each as its own string. */
    static List<String> codePoints(String s) {
        List<String> out = new ArrayList<>(s.length());
        s.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
        return out;
    }

    static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    /** "<0x0A>" → 10, anything else → -1. */
    static int byteTokenValue(String piece) {
        if (piece.length() == 6 && piece.startsWith("<0x") && piece.endsWith(">")) {
            try { return Integer.parseInt(piece.substring(3, 5), 16); } catch (NumberFormatException e) { return -1; }
        }
        return -1;
    }

    /** UTF-8 length of a sanitized string, without encoding it. */
    static int utf8Length(String s) {
        int n = 0;
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c < 0x80) n += 1;
            else if (c < 0x800) n += 2;
            else if (Character.isHighSurrogate(c)) { n += 4; k++; }
            else n += 3;
        }
        return n;
    }
}
