package glassbox.model.tokenizer;

import glassbox.model.io.ModelFormatException;
import glassbox.model.json.Json;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class SentencePieceBpeTest {

    @Test
    void reproducesRunCEncodeOnTok512() throws Exception {
        SentencePieceBpe tok = SentencePieceBpe.fromLlama2c(TokenizerFixtures.shared("models/llama2c/tok512.bin"), 512);
        Path ref = TokenizerFixtures.shared("reference/tok512_encode.json");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> cases = (List<Map<String, Object>>) Json.parse(Files.readString(ref));
        assertEquals(20, cases.size());
        for (Map<String, Object> c : cases) {
            String text = (String) c.get("text");
            int[] expected = ((List<?>) c.get("ids_bos")).stream().mapToInt(o -> ((Number) o).intValue()).toArray();
            int[] got = Tokenizer.concat(tok.bos(), tok.encode(text));
            assertArrayEquals(expected, got, "encode of " + Json.class.getSimpleName() + " case '" + text + "'");
        }
    }

    @Test
    void decodesBackToTheText() throws Exception {
        SentencePieceBpe tok = SentencePieceBpe.fromLlama2c(TokenizerFixtures.shared("models/llama2c/tok512.bin"), 512);
        for (String s : List.of("Once upon a time", "Lily and Tom went to the park.", "naïve café ☃ 日本", "a\nb\tc")) {
            assertEquals(s, tok.decode(tok.encode(s)), "round trip of " + s);
        }
        assertEquals("Hello", tok.decode(new int[]{1, 346, 306, 414}).replace("\n", ""));
    }

    @Test
    void stepsReplayToTheFinalPieces() throws Exception {
        SentencePieceBpe tok = SentencePieceBpe.fromLlama2c(TokenizerFixtures.shared("models/llama2c/tok512.bin"), 512);
        TokenizationSteps steps = tok.encodeWithSteps("Lily and Tom");
        assertEquals(List.of(" ", "L", "i", "l", "y", " ", "a", "n", "d", " ", "T", "o", "m"), steps.initial());
        assertFalse(steps.merges().isEmpty());
        TokenizationSteps.Merge last = steps.merges().getLast();
        assertEquals(steps.pieces(), last.after());
        for (TokenizationSteps.Merge m : steps.merges()) {
            assertEquals(m.left() + m.right(), m.merged());
            assertEquals(m.merged(), tok.piece(m.mergedId()));
            assertEquals(-tok.score(m.mergedId()), m.priority(), 0.0);
        }
        // the replay: applying each merge at its position to the previous list gives the next list
        List<String> current = steps.initial();
        for (TokenizationSteps.Merge m : steps.merges()) {
            List<String> next = new java.util.ArrayList<>(current);
            assertEquals(m.left(), next.get(m.position()));
            assertEquals(m.right(), next.get(m.position() + 1));
            next.set(m.position(), m.merged());
            next.remove(m.position() + 1);
            assertEquals(m.after(), next);
            current = next;
        }
    }

    @Test
    void emptyTextHasNoTokens() throws Exception {
        SentencePieceBpe tok = SentencePieceBpe.fromLlama2c(TokenizerFixtures.shared("models/llama2c/tok512.bin"), 512);
        assertEquals(0, tok.encode("").length);
    }

    @Test
    void longTextEncodesInNearLinearTime() throws Exception {
        SentencePieceBpe tok = SentencePieceBpe.fromLlama2c(TokenizerFixtures.shared("models/llama2c/tok512.bin"), 512);
        String text = "The little dog ran to the park and played with a ball. ".repeat(2000);
        long t0 = System.nanoTime();
        int[] ids = tok.encode(text);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("SentencePiece encode of " + text.length() + " chars: " + ids.length + " tokens in " + ms + " ms");
        assertEquals(text, tok.decode(ids));
        assertTrue(ms < 20_000, "hang guard");
    }

    @Test
    void truncatedTokenizerFileIsAClearError(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        byte[] bytes = Files.readAllBytes(TokenizerFixtures.shared("models/llama2c/tok512.bin"));
        Path cut = dir.resolve("cut.bin");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> SentencePieceBpe.fromLlama2c(cut, 512));
        assertTrue(e.getMessage().contains("cut.bin"), e.getMessage());
    }
}
