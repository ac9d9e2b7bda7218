package glassbox.model.tokenizer;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class TextStreamTest {

    @Test
    void byteFallbackTokensJoinIntoOneCharacter() throws Exception {
        SentencePieceBpe tok = SentencePieceBpe.fromLlama2c(TokenizerFixtures.shared("models/llama2c/tok512.bin"), 512);
        for (String text : List.of("Lily saw a 🐶 and a 日本 cat.", "naïve ☃", "x")) {
            int[] ids = tok.encode(text);
            TextStream stream = new TextStream(tok).after(tok.bos());
            StringBuilder out = new StringBuilder();
            for (int id : ids) {
                String piece = stream.push(id);
                assertFalse(piece.contains("\uFFFD"), "a partial character leaked for " + text);
                out.append(piece);
            }
            out.append(stream.flush());
            assertEquals(text, out.toString());
        }
    }

    @Test
    void byteLevelTokensJoinToo() throws Exception {
        ByteLevelBpe tok = StepsTest.gpt2();
        String text = "emoji 😶‍🌫️ and 🦙 and ✅";
        TextStream stream = new TextStream(tok);
        StringBuilder out = new StringBuilder();
        for (int id : tok.encode(text)) out.append(stream.push(id));
        assertEquals(text, out.append(stream.flush()).toString());
    }

    @Test
    void completePrefixStopsBeforeAnUnfinishedCharacter() {
        assertEquals(1, TextStream.completePrefix(new byte[]{'a', (byte) 0xF0, (byte) 0x9F}));
        assertEquals(5, TextStream.completePrefix(new byte[]{'a', (byte) 0xF0, (byte) 0x9F, (byte) 0x90, (byte) 0xB6}));
        assertEquals(2, TextStream.completePrefix(new byte[]{'a', 'b'}));
        assertEquals(0, TextStream.completePrefix(new byte[]{(byte) 0xE6}));
    }
}
