package glassbox.model.tokenizer;

import java.util.List;

/** Text to token ids and back; every encoder can also explain how it got there. */
public interface Tokenizer {

    /** Token ids for the text, without BOS/EOS. */
    default int[] encode(String text) { return encodeWithSteps(text).ids(); }

    /** Token ids plus every step: pre-tokenized chunks, initial pieces, each merge in order. */
    TokenizationSteps encodeWithSteps(String text);

    /** The text of one token as it appears in output (byte-fallback tokens decode to their byte). */
    String decode(int previousId, int id);

    /**
     * The bytes one token adds to the output (a byte-fallback or byte-level token may hold part of a
     * UTF-8 character); {@link TextStream} assembles them into text while generating.
     */
    default byte[] tokenBytes(int previousId, int id) {
        return decode(previousId, id).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The whole sequence decoded to text. */
    String decode(int[] ids);

    /** The vocabulary spelling of a token (e.g. "▁the", "Ġthe", "<0x0A>"). */
    String piece(int id);

    int vocabSize();

    /** Beginning-of-sequence id, or -1 if the vocabulary has none. */
    int bos();

    /** End-of-sequence id, or -1 if the vocabulary has none. */
    int eos();

    /** Which algorithm this is, for the views ("SentencePiece BPE", "byte-level BPE"). */
    String kind();

    /** True for a byte-fallback token such as {@code <0x0A>}. */
    default boolean isByteToken(int id) { return false; }

    /** True for control tokens such as {@code <s>} and {@code </s>}. */
    default boolean isSpecial(int id) { return id == bos() || id == eos(); }

    static int[] concat(int first, int[] rest) {
        int[] out = new int[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }

    static List<String> pieces(Tokenizer t, int[] ids) {
        return java.util.Arrays.stream(ids).mapToObj(t::piece).toList();
    }
}
