package glassbox.model.tokenizer;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The recorded steps replay to the final ids, for both kinds, and stay linear for long texts. */
class StepsTest {

    static ByteLevelBpe gpt2() throws Exception {
        Path dir = TokenizerFixtures.shared("models/gpt2-tokenizer");
        return ByteLevelBpe.fromGpt2Files(dir.resolve("encoder.json"), dir.resolve("vocab.bpe"));
    }

    /** Applies each merge at its recorded position within its chunk and checks the recorded lists. */
    static void replay(TokenizationSteps s, List<List<String>> chunksInitial) {
        List<List<String>> current = new ArrayList<>();
        for (List<String> c : chunksInitial) current.add(new ArrayList<>(c));
        for (TokenizationSteps.Merge m : s.merges()) {
            List<String> c = current.get(m.chunk());
            assertEquals(m.left(), c.get(m.position()), "left piece at " + m.position());
            assertEquals(m.right(), c.get(m.position() + 1), "right piece");
            c.set(m.position(), m.merged());
            c.remove(m.position() + 1);
            if (!m.after().isEmpty()) assertEquals(m.after(), c);
        }
        assertEquals(s.pieces(), current.stream().flatMap(List::stream).toList());
    }

    @Test
    void byteLevelStepsReplayChunkByChunk() throws Exception {
        ByteLevelBpe t = gpt2();
        String text = "Hello, y'all! How are you 😁 ?我想在apple工作1314151天～";
        TokenizationSteps s = t.encodeWithSteps(text);
        assertEquals(text, String.join("", s.chunks()));
        List<List<String>> perChunk = new ArrayList<>();
        for (String c : s.chunks()) perChunk.add(TextUnits.codePoints(ByteUnicode.encode(c)));
        assertEquals(perChunk.stream().flatMap(List::stream).toList(), s.initial());
        replay(s, perChunk);
        assertArrayEquals(t.encode(text), s.ids());
        for (TokenizationSteps.Merge m : s.merges()) assertEquals(t.rank(m.left(), m.right()), (int) m.priority());
    }

    @Test
    void longTextsKeepMergesButNotEveryIntermediateList() throws Exception {
        ByteLevelBpe t = gpt2();
        String text = "The quick brown fox jumps over the lazy dog. ".repeat(200);
        TokenizationSteps s = t.encodeWithSteps(text);
        assertTrue(s.initial().size() > PairMerger.TRACK_LIMIT);
        assertFalse(s.merges().isEmpty());
        assertTrue(s.merges().stream().allMatch(m -> m.after().isEmpty()));
        List<List<String>> perChunk = new ArrayList<>();
        for (String c : s.chunks()) perChunk.add(TextUnits.codePoints(ByteUnicode.encode(c)));
        replay(s, perChunk);
        assertArrayEquals(t.encode(text), s.ids());

        SentencePieceBpe spm = SentencePieceBpe.fromLlama2c(TokenizerFixtures.shared("models/llama2c/tok512.bin"), 512);
        TokenizationSteps long1 = spm.encodeWithSteps(text);
        assertTrue(long1.merges().stream().allMatch(m -> m.after().isEmpty()));
        replay(long1, List.of(long1.initial()));
        assertArrayEquals(spm.encode(text), long1.ids());
    }

    @Test
    void userDefinedTokensAreCutOutAndControlTokensAreNot() {
        // hand-built vocabulary: "<x>" is user-defined, "<s>" control; scores favour longer pieces
        List<String> tokens = List.of("<unk>", "<s>", "</s>", "<x>", "\u2581", "a", "b", "<", ">", "s", "x", "\u2581a", "ab");
        float[] scores = {0, 0, 0, 0, -1, -2, -2, -3, -3, -3, -3, -0.5f, -0.7f};
        int[] types = {2, 3, 3, 4, 1, 1, 1, 1, 1, 1, 1, 1, 1};
        SentencePieceBpe t = SentencePieceBpe.fromVocabulary(tokens, scores, types, 1, 2, 0, true);
        // llama.cpp: the dummy prefix goes before the first fragment and after each cut-out token
        assertArrayEquals(new int[]{11, 3, 11, 6}, t.encode("a<x>ab"));
        // "<s>" typed as text stays characters: ▁ < s >
        assertArrayEquals(new int[]{4, 7, 9, 8}, t.encode("<s>"));
        TokenizationSteps s = t.encodeWithSteps("a<x>ab");
        assertEquals(List.of("\u2581a", "<x>", "\u2581ab"), s.chunks());
    }
}
