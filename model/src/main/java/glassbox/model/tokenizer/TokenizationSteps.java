package glassbox.model.tokenizer;

import java.util.List;

/**
 * How an encode got from text to ids, for the step-through view.
 *
 * @param text      the input text
 * @param chunks    pre-tokenized chunks (byte-level BPE's regex split; one chunk for SentencePiece)
 * @param initial   the pieces before any merge, all chunks concatenated in order (bytes or characters)
 * @param merges    each merge in the order applied
 * @param ids       the final ids
 * @param pieces    the final pieces, parallel to ids
 */
public record TokenizationSteps(String text, List<String> chunks, List<String> initial, List<Merge> merges,
                                int[] ids, List<String> pieces) {
    public TokenizationSteps {
        chunks = List.copyOf(chunks);
        initial = List.copyOf(initial);
        merges = List.copyOf(merges);
        ids = ids.clone();
        pieces = List.copyOf(pieces);
    }

    @Override public int[] ids() { return ids.clone(); }

    /**
     * One merge inside chunk {@code chunk}: pieces {@code left} and {@code right} at {@code position}
     * (index into that chunk's piece list before the merge) became {@code merged}; {@code priority} is the
     * score (SentencePiece, higher first) or the rank (byte-level BPE, lower first); {@code after} is the
     * chunk's piece list after it (empty when the text is too long to keep every intermediate list).
     */
    public record Merge(int chunk, int position, String left, String right, String merged, int mergedId,
                        double priority, List<String> after) {
        public Merge { after = List.copyOf(after); }
    }
}
