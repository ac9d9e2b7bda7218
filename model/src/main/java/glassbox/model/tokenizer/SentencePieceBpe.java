package glassbox.model.tokenizer;

import glassbox.model.io.ModelFormatException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SentencePiece-style BPE as llama2.c's run.c and llama.cpp's SPM tokenizer run it: a dummy-prefix
 * space, the text split into code points, then the adjacent pair whose merged piece has the highest
 * score merged first (ties: leftmost), until no merged piece is in the vocabulary; code points
 * left unknown fall back to byte tokens {@code <0xNN>} (or one unknown token per code point when the
 * vocabulary has no byte tokens). Lone surrogates in the input become U+FFFD first (bytes EF BF BD).
 */
public final class SentencePieceBpe implements Tokenizer {
    /** GGUF token types (see {@link TokenTypes}). */
    public static final int NORMAL = TokenTypes.NORMAL, UNKNOWN = TokenTypes.UNKNOWN, CONTROL = TokenTypes.CONTROL,
            USER_DEFINED = TokenTypes.USER_DEFINED, UNUSED = TokenTypes.UNUSED, BYTE = TokenTypes.BYTE;
    private static final String META_SPACE = "\u2581";

    private final String[] pieces;
    private final float[] scores;
    private final int[] types;
    private final Map<String, Integer> ids;
    private final int[] byteIds = new int[256];
    private final int bos, eos, unk;
    private final boolean addSpacePrefix;
    /** True when the vocabulary spells a space as ▁ (GGUF, HF); llama2.c's tokenizer.bin uses a real space. */
    private final boolean metaSpace;

    private final SpecialSplitter specials;

    /** @param lookupAll run.c semantics: every vocabulary entry (even {@code <s>} or {@code <0x0A>}) can be formed by merges */
    private SentencePieceBpe(String[] pieces, float[] scores, int[] types, int bos, int eos, int unk, boolean addSpacePrefix,
                             boolean lookupAll) {
        this.pieces = pieces;
        this.scores = scores;
        this.types = types;
        this.bos = bos;
        this.eos = eos;
        this.unk = unk;
        this.addSpacePrefix = addSpacePrefix;
        this.ids = new HashMap<>(pieces.length * 2);
        Arrays.fill(byteIds, -1);
        boolean sawMeta = false;
        for (int id = 0; id < pieces.length; id++) {
            int b = TextUnits.byteTokenValue(pieces[id]);
            if (b >= 0 && (types[id] == BYTE || types[id] == NORMAL || types[id] == 0)) {
                if (byteIds[b] < 0) byteIds[b] = id;
                types[id] = BYTE;
                if (!lookupAll) continue;
            }
            if (!lookupAll && (types[id] == CONTROL || types[id] == UNUSED)) continue;
            ids.putIfAbsent(pieces[id], id);
            if (pieces[id].contains(META_SPACE)) sawMeta = true;
        }
        this.metaSpace = sawMeta && !ids.containsKey(" ");
        this.specials = new SpecialSplitter(pieces, types, USER_DEFINED);
    }

    /** Reads llama2.c's tokenizer.bin: int32 max_token_length, then per token float score, int32 length, bytes. */
    public static SentencePieceBpe fromLlama2c(Path file, int vocabSize) throws IOException {
        long size = Files.size(file);
        // a 256k-token vocabulary is a few MB; anything far larger is not a tokenizer.bin
        if (size > 64L << 20) throw new ModelFormatException(file.getFileName() + ": " + size + " bytes is too large for a llama2.c tokenizer");
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        String name = file.getFileName().toString();
        if (bytes.length < 4) throw new ModelFormatException(name + ": too short for a llama2.c tokenizer (" + bytes.length + " bytes)");
        int maxLen = in.getInt();
        if (maxLen <= 0 || maxLen > 1 << 16) throw new ModelFormatException(name + ": implausible max token length " + maxLen);
        List<String> tokens = new ArrayList<>();
        List<Float> sc = new ArrayList<>();
        while (in.remaining() > 0 && (vocabSize <= 0 || tokens.size() < vocabSize)) {
            if (in.remaining() < 8) throw new ModelFormatException(name + ": truncated inside token " + tokens.size());
            float score = in.getFloat();
            int len = in.getInt();
            if (len < 0 || len > maxLen || len > in.remaining()) {
                throw new ModelFormatException(name + ": token " + tokens.size() + " has length " + len
                        + " (max " + maxLen + ", " + in.remaining() + " bytes left)");
            }
            byte[] t = new byte[len];
            in.get(t);
            tokens.add(new String(t, StandardCharsets.UTF_8));
            sc.add(score);
        }
        if (vocabSize > 0 && tokens.size() < vocabSize) {
            throw new ModelFormatException(name + ": has " + tokens.size() + " tokens, the model needs " + vocabSize);
        }
        if (tokens.size() < 3) throw new ModelFormatException(name + ": has only " + tokens.size() + " tokens");
        float[] scores = new float[tokens.size()];
        int[] types = new int[tokens.size()];
        for (int k = 0; k < scores.length; k++) { scores[k] = sc.get(k); types[k] = NORMAL; }
        types[0] = UNKNOWN;
        types[1] = CONTROL;
        types[2] = CONTROL;
        return new SentencePieceBpe(tokens.toArray(String[]::new), scores, types, 1, 2, 0, true, true);
    }

    /** From GGUF {@code tokenizer.ggml.model = "llama"} arrays. */
    public static SentencePieceBpe fromVocabulary(List<String> tokens, float[] scores, int[] tokenTypes,
                                                  int bos, int eos, int unk, boolean addSpacePrefix) {
        int n = tokens.size();
        if (scores.length != n) throw new ModelFormatException("tokenizer: " + n + " tokens but " + scores.length + " scores");
        int[] types = tokenTypes == null ? new int[n] : tokenTypes.clone();
        if (types.length != n) throw new ModelFormatException("tokenizer: " + n + " tokens but " + types.length + " token types");
        if (tokenTypes == null) Arrays.fill(types, NORMAL);
        for (int id : new int[]{bos, eos, unk}) {
            if (id >= n) throw new ModelFormatException("tokenizer: special token id " + id + " is outside the vocabulary of " + n);
        }
        return new SentencePieceBpe(tokens.toArray(String[]::new), scores.clone(), types, bos, eos, unk, addSpacePrefix, false);
    }

    @Override public TokenizationSteps encodeWithSteps(String raw) {
        String text = TextUnits.sanitize(raw);
        List<TokenizationSteps.Merge> merges = new ArrayList<>();
        List<String> chunks = new ArrayList<>(), initial = new ArrayList<>(), outPieces = new ArrayList<>();
        IntList out = new IntList();
        boolean track = text.codePointCount(0, text.length()) < PairMerger.TRACK_LIMIT;   // ~ the initial piece count
        boolean prevSpecial = true;   // llama.cpp: the dummy prefix goes before text that starts a fragment run
        for (SpecialSplitter.Fragment f : specials.split(text)) {
            if (!f.raw()) {
                chunks.add(f.text());
                initial.add(f.text());
                out.add(f.id());
                outPieces.add(pieces[f.id()]);
                prevSpecial = true;
                continue;
            }
            String space = metaSpace ? META_SPACE : " ";
            String normalized = (addSpacePrefix && prevSpecial ? space : "") + (metaSpace ? f.text().replace(" ", META_SPACE) : f.text());
            prevSpecial = false;
            List<String> units = TextUnits.codePoints(normalized);
            initial.addAll(units);
            List<String> merged = PairMerger.merge(units, rule, chunks.size(), merges, track);
            chunks.add(normalized);
            for (String p : merged) emit(p, out, outPieces);
        }
        return new TokenizationSteps(raw, chunks, initial, merges, out.toArray(), outPieces);
    }

    /** A final piece to ids: itself, else its UTF-8 bytes as {@code <0xNN>} tokens, else one unknown token. */
    private void emit(String p, IntList out, List<String> outPieces) {
        Integer id = ids.get(p);
        if (id != null) { out.add(id); outPieces.add(p); return; }
        if (!hasByteFallback()) {
            if (unk >= 0) { out.add(unk); outPieces.add(pieces[unk]); }
            return;
        }
        for (byte b : TextUnits.utf8(p)) {
            int tok = byteIds[b & 0xFF] >= 0 ? byteIds[b & 0xFF] : unk;
            if (tok < 0) continue;
            out.add(tok);
            outPieces.add(pieces[tok]);
        }
    }

    private boolean hasByteFallback() { return byteIds[0x41] >= 0 || byteIds[0] >= 0; }

    private final PairMerger.Rule rule = new PairMerger.Rule() {
        @Override public double priority(String left, String right) {
            Integer id = ids.get(left + right);
            return id == null ? Double.NaN : -scores[id];
        }

        @Override public int mergedId(String left, String right) { return ids.getOrDefault(left + right, -1); }
    };

    /**
     * One token as run.c's {@code decode} prints it: the leading space dropped after BOS, {@code <0xNN>} as its
     * byte. A byte that is only part of a UTF-8 character reads as U+FFFD here; {@link TextStream} joins them.
     */
    @Override public String decode(int previousId, int id) {
        return new String(tokenBytes(previousId, id), StandardCharsets.UTF_8);
    }

    @Override public byte[] tokenBytes(int previousId, int id) {
        if (id < 0 || id >= pieces.length || types[id] == CONTROL) return new byte[0];
        int b = types[id] == BYTE ? TextUnits.byteTokenValue(pieces[id]) : -1;
        if (b >= 0) return new byte[]{(byte) b};
        String s = metaSpace ? pieces[id].replace(META_SPACE, " ") : pieces[id];
        if (previousId == bos && s.startsWith(" ")) s = s.substring(1);
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override public String decode(int[] ids) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int prev = -1;
        boolean first = true;
        for (int id : ids) {
            if (id < 0 || id >= pieces.length) continue;
            if (types[id] == CONTROL) { prev = id; continue; }
            int b = types[id] == BYTE ? TextUnits.byteTokenValue(pieces[id]) : -1;
            if (b >= 0) {
                bytes.write(b);
            } else {
                String s = metaSpace ? pieces[id].replace(META_SPACE, " ") : pieces[id];
                // the dummy prefix added by encode is not part of the text
                if ((first && addSpacePrefix || prev == bos) && s.startsWith(" ")) s = s.substring(1);
                bytes.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            }
            first = false;
            prev = id;
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Override public String piece(int id) { return id >= 0 && id < pieces.length ? pieces[id] : "<?" + id + ">"; }

    public float score(int id) { return scores[id]; }

    @Override public int vocabSize() { return pieces.length; }

    @Override public int bos() { return bos; }

    @Override public int eos() { return eos; }

    public int unknown() { return unk; }

    @Override public String kind() { return "SentencePiece BPE"; }

    @Override public boolean isByteToken(int id) { return id >= 0 && id < types.length && types[id] == BYTE; }

    @Override public boolean isSpecial(int id) {
        return id >= 0 && id < types.length && (types[id] == CONTROL || types[id] == UNKNOWN);
    }

    /** True when spaces are spelled ▁ in this vocabulary. */
    public boolean usesMetaSpace() { return metaSpace; }
}
