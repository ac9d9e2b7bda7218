package glassbox.views;

import glassbox.model.tokenizer.TokenizationSteps;
import glassbox.model.tokenizer.TokenizationSteps.Merge;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class MergeReplayTest {
    @Test void replaysOneChunkOfCharacters() {
        // "hello": l+l at 2, then h+e at 0, then he+ll at 0 (hand-made, SentencePiece style)
        var steps = new TokenizationSteps("hello", List.of("▁hello"), List.of("h", "e", "l", "l", "o"),
                List.of(new Merge(0, 2, "l", "l", "ll", 7, -1, List.of()), new Merge(0, 0, "h", "e", "he", 8, -2, List.of()),
                        new Merge(0, 0, "he", "ll", "hell", 9, -3, List.of())),
                new int[]{9, 5}, List.of("hell", "o"));
        var r = new MergeReplay(steps);
        assertEquals(5, r.stageCount());
        assertEquals(List.of("▁hello"), r.piecesAt(0));
        assertEquals(List.of("h", "e", "l", "l", "o"), r.piecesAt(1));
        assertEquals(List.of("h", "e", "ll", "o"), r.piecesAt(2));
        assertEquals(2, r.mergedIndexAt(2));
        assertEquals(List.of("he", "ll", "o"), r.piecesAt(3));
        assertEquals(List.of("hell", "o"), r.piecesAt(4));
        assertEquals(steps.pieces(), r.piecesAt(r.stageCount() - 1), "the last stage is the tokenizer's result");
    }

    @Test void replaysSeveralByteChunksWithPositionsInsideEachChunk() {
        // byte-level: chunks "ab" and " ab" → initial a b Ġ a b; merges inside chunk 1 then chunk 0
        var steps = new TokenizationSteps("ab ab", List.of("ab", " ab"), List.of("a", "b", "Ġ", "a", "b"),
                List.of(new Merge(1, 1, "a", "b", "ab", 10, 0, List.of()), new Merge(0, 0, "a", "b", "ab", 10, 0, List.of()),
                        new Merge(1, 0, "Ġ", "ab", "Ġab", 11, 1, List.of())),
                new int[]{10, 11}, List.of("ab", "Ġab"));
        var r = new MergeReplay(steps);
        assertEquals(List.of("a", "b", "Ġ", "ab"), r.piecesAt(2));
        assertEquals(3, r.mergedIndexAt(2), "chunk 1 starts after chunk 0's two pieces");
        assertEquals(List.of("ab", "Ġ", "ab"), r.piecesAt(3));
        assertEquals(0, r.mergedIndexAt(3));
        assertEquals(List.of("ab", "Ġab"), r.piecesAt(4));
        assertEquals(1, r.mergedIndexAt(4));
    }

    /**
     * A real SentencePiece tokenizer on a text past the tokenizer's tracking limit (no piece lists kept, only each
     * merge's position): every stage's marked piece is what its merge made, and the last stage is the result.
     */
    @Test void replaysALongSentencePieceTextFromPositionsAlone() throws Exception {
        var file = java.nio.file.Path.of(System.getProperty("glassbox.shared", "../shared"), "models", "llama2c", "tok512.bin");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isRegularFile(file), "skipped: " + file + " is not here");
        var tok = glassbox.model.tokenizer.TokenizerFiles.open(file);
        String text = "Once upon a time, there was a little girl named Lily. She loved to play outside in the sunshine. ".repeat(8);
        TokenizationSteps steps = tok.encodeWithSteps(text);
        assertTrue(steps.merges().stream().allMatch(m -> m.after().isEmpty()), "past the limit: positions only");
        var r = new MergeReplay(steps);
        for (int s = 2; s < r.stageCount(); s += 7) {
            assertEquals(r.mergeAt(s).merged(), r.piecesAt(s).get(r.mergedIndexAt(s)), "stage " + s);
        }
        assertEquals(steps.pieces(), r.piecesAt(r.stageCount() - 1), "the last stage is the tokenizer's result");
    }
}
