package glassbox.views;

/**
 * One token as a chip shows it.
 *
 * @param id    the vocabulary id
 * @param piece the vocabulary spelling ("▁the", "Ġthe", "&lt;0x0A&gt;")
 * @param shown the chip text with whitespace/bytes made visible (see {@link TokenText})
 * @param kind  what kind of token it is, for its style
 */
public record TokenChip(int id, String piece, String shown, Kind kind) {
    /** CHUNK: a pre-tokenized chunk, as the merge step-through shows its first stage (not yet a token). */
    public enum Kind { NORMAL, BYTE, SPECIAL, CHUNK }
}
