package glassbox.views;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * How a vocabulary piece is written on a chip so that invisible things show: a space as ␣, a newline
 * as ↵, a tab as ⇥, a byte-fallback token as ⟨0x0A⟩. Byte-level BPE pieces (GPT-2's "Ġthe") are mapped
 * back to their bytes first; bytes that are not complete UTF-8 are shown as ⟨0xE4⟩.
 */
public final class TokenText {
    private TokenText() {}

    private static final int[] UNICODE_TO_BYTE = byteLevelInverse();

    /** The chip text for a piece; byteLevel for GPT-2-style vocabularies. */
    public static String display(String piece, boolean byteLevel) {
        if (piece == null) return "";
        if (isByteFallback(piece)) return "⟨" + piece.substring(1, piece.length() - 1) + "⟩";
        String text = byteLevel ? fromByteLevel(piece) : piece.replace('\u2581', ' ');
        return visible(text);
    }

    /** True for SentencePiece byte-fallback pieces such as {@code <0x0A>}. */
    public static boolean isByteFallback(String piece) {
        return piece.length() == 6 && piece.startsWith("<0x") && piece.endsWith(">")
                && Character.digit(piece.charAt(3), 16) >= 0 && Character.digit(piece.charAt(4), 16) >= 0;
    }

    /** Whitespace and control characters made visible. */
    public static String visible(String text) {
        StringBuilder sb = new StringBuilder();
        text.codePoints().forEach(cp -> {
            switch (cp) {
                case ' ' -> sb.append('␣');
                case '\n' -> sb.append('↵');
                case '\r' -> sb.append('⏎');
                case '\t' -> sb.append('⇥');
                default -> {
                    if (Character.isISOControl(cp)) sb.append(String.format("⟨0x%02X⟩", cp));
                    else sb.appendCodePoint(cp);
                }
            }
        });
        return sb.toString();
    }

    /** Undoes GPT-2's bytes→unicode map; incomplete UTF-8 comes out as ⟨0xNN⟩ markers. */
    static String fromByteLevel(String piece) {
        byte[] bytes = new byte[piece.length()];
        int n = 0;
        for (int i = 0; i < piece.length(); i++) {
            char ch = piece.charAt(i);
            int b = ch < UNICODE_TO_BYTE.length ? UNICODE_TO_BYTE[ch] : -1;
            if (b < 0) return piece; // not a byte-level piece after all (e.g. <|endoftext|>)
            bytes[n++] = (byte) b;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, n)).toString();
        } catch (CharacterCodingException e) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) {
                int b = bytes[i] & 0xFF;
                if (b >= 0x20 && b < 0x7F) sb.append((char) b); else sb.append(String.format("⟨0x%02X⟩", b));
            }
            return sb.toString();
        }
    }

    private static int[] byteLevelInverse() {
        int[] inv = new int[512];
        java.util.Arrays.fill(inv, -1);
        int extra = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174);
            inv[printable ? b : 256 + extra++] = b;
        }
        return inv;
    }
}
