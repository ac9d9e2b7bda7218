package glassbox.model.tokenizer;

import glassbox.model.io.ModelFormatException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GPT-2's byte-level BPE: the text is cut into chunks by a pre-tokenizer regex, each chunk's UTF-8
 * bytes are spelled with {@link ByteUnicode}, and adjacent symbols are merged lowest merge rank first
 * (leftmost on ties), as GPT-2's {@code bpe()} and llama.cpp's {@code llm_tokenizer_bpe} do.
 * Lone surrogates in the input are replaced by U+FFFD (so they encode as the bytes EF BF BD).
 */
public final class ByteLevelBpe implements Tokenizer {
    private final String[] pieces;
    private final int[] types;
    private final Map<String, Integer> ids;
    /** "left right" → rank; a byte-level piece never holds a raw space, so the space is a safe separator. */
    private final Map<String, Integer> ranks;
    private final PreTokenizer pre;
    private final boolean ignoreMerges;
    private final boolean addPrefixSpace;
    private final int bos, eos;
    private final SpecialSplitter specials;
    private final Map<String, int[]> cache = new ConcurrentHashMap<>();

    ByteLevelBpe(String[] pieces, int[] types, List<String> merges, PreTokenizer pre, boolean ignoreMerges,
                 boolean addPrefixSpace, int bos, int eos, String source) {
        int n = pieces.length;
        if (types.length != n) throw new ModelFormatException(source + ": " + n + " tokens but " + types.length + " token types");
        for (int id : new int[]{bos, eos}) {
            if (id >= n) throw new ModelFormatException(source + ": special token id " + id + " is outside the vocabulary of " + n);
        }
        this.pieces = pieces;
        this.types = types;
        this.pre = pre;
        this.ignoreMerges = ignoreMerges;
        this.addPrefixSpace = addPrefixSpace;
        this.bos = bos;
        this.eos = eos;
        this.ids = new HashMap<>(n * 2);
        for (int id = 0; id < n; id++) {
            if (pieces[id] == null) throw new ModelFormatException(source + ": token id " + id + " has no spelling");
            ids.putIfAbsent(pieces[id], id);
        }
        this.ranks = new HashMap<>(merges.size() * 2);
        for (int r = 0; r < merges.size(); r++) {
            String m = merges.get(r);
            int space = m.indexOf(' ', 1);
            if (space < 0 || space == m.length() - 1) {
                throw new ModelFormatException(source + ": merge " + r + " is not two pieces separated by a space: '" + m + "'");
            }
            ranks.putIfAbsent(m, r);
        }
        this.specials = new SpecialSplitter(pieces, types, TokenTypes.USER_DEFINED);
    }

    /** From GGUF {@code tokenizer.ggml.model = "gpt2"} arrays; {@code pre} is {@code tokenizer.ggml.pre}. */
    public static ByteLevelBpe fromVocabulary(List<String> tokens, List<String> merges, int[] tokenTypes, String pre, int bos, int eos) {
        int[] types = tokenTypes == null ? filled(tokens.size()) : tokenTypes.clone();
        return new ByteLevelBpe(tokens.toArray(String[]::new), types, merges, PreTokenizer.named(pre),
                PreTokenizer.ignoresMerges(pre), false, bos, eos, "tokenizer");
    }

    /** OpenAI's GPT-2 files: {@code encoder.json} (piece → id) and {@code vocab.bpe} (merges, ranked by line). */
    public static ByteLevelBpe fromGpt2Files(Path encoderJson, Path vocabBpe) throws IOException {
        return HfTokenizerFiles.gpt2(encoderJson, vocabBpe);
    }

    /** A Hugging Face {@code tokenizer.json} with a BPE model and a byte-level pre-tokenizer. */
    public static ByteLevelBpe fromHuggingFace(Path tokenizerJson) throws IOException {
        return HfTokenizerFiles.tokenizerJson(tokenizerJson);
    }

    static int[] filled(int n) {
        int[] t = new int[n];
        Arrays.fill(t, TokenTypes.NORMAL);
        return t;
    }

    /** Ids only: the same encode without recording steps, with short chunks memoised (text repeats words). */
    @Override public int[] encode(String raw) {
        String text = TextUnits.sanitize(raw);
        if (addPrefixSpace && !text.isEmpty() && !text.startsWith(" ")) text = " " + text;
        IntList out = new IntList();
        List<String> ignored = new ArrayList<>();
        for (SpecialSplitter.Fragment f : specials.split(text)) {
            if (!f.raw()) { out.add(f.id()); continue; }
            for (String chunk : pre.split(f.text())) {
                int[] cached = cache.get(chunk);
                if (cached == null) {
                    IntList one = new IntList();
                    for (String p : PairMerger.merge(units(ByteUnicode.encode(chunk)), rule, 0, null, false)) emit(p, one, ignored);
                    ignored.clear();
                    cached = one.toArray();
                    if (chunk.length() <= 32 && cache.size() < 50_000) cache.put(chunk, cached);
                }
                for (int id : cached) out.add(id);
            }
        }
        return out.toArray();
    }

    private List<String> units(String spelled) {
        return ignoreMerges && ids.containsKey(spelled) ? List.of(spelled) : TextUnits.codePoints(spelled);
    }

    @Override public TokenizationSteps encodeWithSteps(String raw) {
        String text = TextUnits.sanitize(raw);
        if (addPrefixSpace && !text.isEmpty() && !text.startsWith(" ")) text = " " + text;
        List<TokenizationSteps.Merge> merges = new ArrayList<>();
        List<String> chunks = new ArrayList<>(), initial = new ArrayList<>(), outPieces = new ArrayList<>();
        IntList out = new IntList();
        boolean track = TextUnits.utf8Length(text) <= PairMerger.TRACK_LIMIT;   // the initial piece count: one per byte
        for (SpecialSplitter.Fragment f : specials.split(text)) {
            if (!f.raw()) {
                chunks.add(f.text());
                initial.add(pieces[f.id()]);
                out.add(f.id());
                outPieces.add(pieces[f.id()]);
                continue;
            }
            for (String chunk : pre.split(f.text())) {
                String spelled = ByteUnicode.encode(chunk);
                List<String> units = units(spelled);
                initial.addAll(units);
                List<String> merged = PairMerger.merge(units, rule, chunks.size(), merges, track);
                chunks.add(chunk);
                for (String p : merged) emit(p, out, outPieces);
            }
        }
        return new TokenizationSteps(raw, chunks, initial, merges, out.toArray(), outPieces);
    }

    /** A final symbol to ids: itself, else (llama.cpp) each of its byte characters that is a token. */
    private void emit(String p, IntList out, List<String> outPieces) {
        Integer id = ids.get(p);
        if (id != null) { out.add(id); outPieces.add(p); return; }
        for (int k = 0; k < p.length(); k++) {
            Integer b = ids.get(String.valueOf(p.charAt(k)));
            if (b != null) { out.add(b); outPieces.add(pieces[b]); }
        }
    }

    private final PairMerger.Rule rule = new PairMerger.Rule() {
        @Override public double priority(String left, String right) {
            Integer r = ranks.get(left + " " + right);
            return r == null ? Double.NaN : r;
        }

        @Override public int mergedId(String left, String right) { return ids.getOrDefault(left + right, -1); }
    };

    /** The raw bytes a token stands for (control and user-defined tokens: their UTF-8 text). */
    public byte[] bytesOf(int id) {
        int t = types[id];
        // control and user-defined tokens are stored as their literal text, not byte-spelled
        if (t == TokenTypes.CONTROL || t == TokenTypes.USER_DEFINED) return pieces[id].getBytes(StandardCharsets.UTF_8);
        return ByteUnicode.decode(pieces[id]);
    }

    /** One token's text; a token holding part of a UTF-8 character decodes to U+FFFD (decode the sequence to join them). */
    @Override public String decode(int previousId, int id) {
        return new String(tokenBytes(previousId, id), StandardCharsets.UTF_8);
    }

    @Override public byte[] tokenBytes(int previousId, int id) {
        if (id < 0 || id >= pieces.length || types[id] == TokenTypes.CONTROL) return new byte[0];
        return bytesOf(id);
    }

    /** The sequence's bytes joined, then read as UTF-8; control tokens (e.g. {@code <|endoftext|>}) print nothing. */
    @Override public String decode(int[] ids) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int id : ids) {
            if (id >= 0 && id < pieces.length && types[id] != TokenTypes.CONTROL) bytes.writeBytes(bytesOf(id));
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Override public String piece(int id) { return id >= 0 && id < pieces.length ? pieces[id] : "<?" + id + ">"; }

    @Override public int vocabSize() { return pieces.length; }

    @Override public int bos() { return bos; }

    @Override public int eos() { return eos; }

    @Override public String kind() { return "byte-level BPE"; }

    @Override public boolean isSpecial(int id) {
        return id >= 0 && id < types.length && (types[id] == TokenTypes.CONTROL || id == bos || id == eos);
    }

    /** The merge rank of a pair, or -1 if they never merge. */
    public int rank(String left, String right) { return ranks.getOrDefault(left + " " + right, -1); }

    public int mergeCount() { return ranks.size(); }

    public PreTokenizer preTokenizer() { return pre; }

    /** The token id of a vocabulary spelling, or -1. */
    public int id(String piece) { return ids.getOrDefault(piece, -1); }
}
