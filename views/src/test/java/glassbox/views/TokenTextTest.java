package glassbox.views;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.*;

class TokenTextTest {
    /** GPT-2's bytes_to_unicode, written out as in the paper's released encoder.py. */
    private static String byteLevel(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b0 : bytes) {
            int b = b0 & 0xFF;
            boolean direct = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE);
            if (direct) { sb.append((char) b); continue; }
            int n = 0;
            for (int x = 0; x < b; x++) if (!((x >= '!' && x <= '~') || (x >= 0xA1 && x <= 0xAC) || (x >= 0xAE))) n++;
            sb.append((char) (256 + n));
        }
        return sb.toString();
    }

    @Test void sentencePieceWhitespaceAndBytesAreVisible() {
        assertEquals("␣the", TokenText.display("▁the", false));
        assertEquals("⟨0x0A⟩", TokenText.display("<0x0A>", false));
        assertTrue(TokenText.isByteFallback("<0xE4>"));
        assertFalse(TokenText.isByteFallback("<s>"));
        assertEquals("a↵b⇥", TokenText.display("a\nb\t", false));
    }

    @Test void byteLevelPiecesDecodeToTextOrShowTheirBytes() {
        assertEquals("Ġthe", byteLevel(" the".getBytes(StandardCharsets.UTF_8)), "the test's own map agrees with GPT-2's Ġ");
        assertEquals("␣the", TokenText.display(byteLevel(" the".getBytes(StandardCharsets.UTF_8)), true));
        assertEquals("↵", TokenText.display(byteLevel("\n".getBytes(StandardCharsets.UTF_8)), true));
        assertEquals("中", TokenText.display(byteLevel("中".getBytes(StandardCharsets.UTF_8)), true));
        byte[] partial = {(byte) 0xE4, (byte) 0xB8};
        assertEquals("⟨0xE4⟩⟨0xB8⟩", TokenText.display(byteLevel(partial), true), "half a character shows as bytes");
        assertEquals("<|endoftext|>", TokenText.display("<|endoftext|>", true));
    }
}
