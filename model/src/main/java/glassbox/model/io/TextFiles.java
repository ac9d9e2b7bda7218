package glassbox.model.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads text files that come with models (JSON, merges lists), with a clear error when they are not UTF-8. */
public final class TextFiles {
    private TextFiles() {}

    /** The file as UTF-8 text; invalid UTF-8 is a {@link ModelFormatException} naming the file. */
    public static String readUtf8(Path file) throws IOException {
        return readUtf8(file, Integer.MAX_VALUE - 16);
    }

    /** As {@link #readUtf8(Path)}, refusing files larger than {@code maxBytes} before reading them. */
    public static String readUtf8(Path file, long maxBytes) throws IOException {
        long size = Files.size(file);
        if (size > maxBytes) throw new ModelFormatException(file.getFileName() + ": " + size + " bytes is too large for this kind of file");
        byte[] bytes = Files.readAllBytes(file);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ModelFormatException(file.getFileName() + ": is not valid UTF-8 text");
        }
    }

    /**
     * Text from a file shown inside a one-line message: control characters escaped, at most {@code max}
     * characters (a forged key can be megabytes of binary).
     */
    public static String oneLine(String s, int max) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), max) + 8);
        for (int k = 0; k < s.length(); k++) {
            if (b.length() >= max) return b.append('…').toString();
            char c = s.charAt(k);
            if (c == '\n') b.append("\\n");
            else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.toString();
    }
}
