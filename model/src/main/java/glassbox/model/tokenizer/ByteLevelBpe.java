package glassbox.model.tokenizer;

import glassbox.model.io.ModelFormatException;
import glassbox.model.io.TextFiles;
import glassbox.model.json.Json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GPT-2's byte-level BPE: the text is split by a pre-tokenizer regex, each chunk's UTF-8 bytes are
 * spelled with printable stand-in characters (byte→unicode), then ranked merges are applied, lowest
 * rank first, within the chunk. Every byte has a token, so nothing is ever unknown.
 */
public final class ByteLevelBpe implements Tokenizer {
    private static final char[] BYTE_TO_CHAR = new char[256];
    private static final int[] CHAR_TO_BYTE = new int[512];

    static {
        Arrays.fill(CHAR_TO_BYTE, -1);
        int n = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            BYTE_TO_CHAR[b] = (char) (printable ? b : 256 + n++);
            CHAR_TO_BYTE[BYTE_TO_CHAR[b]] = b;
        }
    }

    private final String[] tokens;
    private final int[] types;
    private final Map<String, Integer> ids;
    private final Map<String, Integer> ranks;
    private final PreTokenizer pre;
    private final int bos, eos;
    private final Map<String, int[]> cache = new ConcurrentHashMap<>();

    private ByteLevelBpe(String[] tokens, int[] types, List<String> merges, PreTokenizer pre, int bos, int eos) {
        this(tokens, types, merges, pre, bos, eos, "tokenizer");
    }

    /** @param source the file named in error messages */
    private ByteLevelBpe(String[] tokens, int[] types, List<String> merges, PreTokenizer pre, int bos, int eos, String source) {
        this.tokens = tokens;
        this.types = types;
        this.pre = pre;
        this.bos = bos;
        this.eos = eos;
        this.ids = new HashMap<>(tokens.length * 2);
        for (int id = 0; id < tokens.length; id++) ids.putIfAbsent(tokens[id], id);
        this.ranks = new HashMap<>(merges.size() * 2);
        for (int r = 0; r < merges.size(); r++) {
            String m = merges.get(r);
            int sp = m.indexOf(' ', 1);
            if (sp <= 0) throw new ModelFormatException(source + ": merge " + r + " is not 'left right': '" + TextFiles.oneLine(m, 80) + "'");
            ranks.putIfAbsent(m.substring(0, sp) + ' ' + m.substring(sp + 1), r);
        }
    }

    /** GGUF {@code tokenizer.ggml.model = "gpt2"}. */
    public static ByteLevelBpe fromVocabulary(List<String> tokens, List<String> merges, int[] tokenTypes, String pre,
                                              int bos, int eos) {
        int[] types = tokenTypes == null ? filled(tokens.size()) : tokenTypes.clone();
        if (types.length != tokens.size()) {
            throw new ModelFormatException("tokenizer: " + tokens.size() + " tokens but " + types.length + " token types");
        }
        if (bos >= tokens.size() || eos >= tokens.size()) throw new ModelFormatException("tokenizer: BOS/EOS id outside the vocabulary");
        return new ByteLevelBpe(tokens.toArray(String[]::new), types, merges, PreTokenizer.named(pre), bos, eos);
    }

    /** OpenAI's GPT-2 files: encoder.json (token → id) and vocab.bpe (ranked merges, one per line). */
    public static ByteLevelBpe fromGpt2Files(Path encoderJson, Path vocabBpe) throws IOException {
        Map<String, Object> enc;
        try {
            enc = Json.parseObject(TextFiles.readUtf8(encoderJson));
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(encoderJson.getFileName() + ": " + e.getMessage(), e);
        }
        String[] tokens = vocabArray(enc, encoderJson);
        List<String> merges = new ArrayList<>();
        for (String line : TextFiles.readUtf8(vocabBpe).split("\\R")) {
            if (line.startsWith("#version") || line.isBlank()) continue;
            merges.add(line);
        }
        int eot = Arrays.asList(tokens).indexOf("<|endoftext|>");
        int[] types = filled(tokens.length);
        if (eot >= 0) types[eot] = SentencePieceBpe.CONTROL;
        return new ByteLevelBpe(tokens, types, merges, PreTokenizer.gpt2(), eot, eot, vocabBpe.getFileName().toString());
    }

    /** A Hugging Face tokenizer.json with a BPE model and a ByteLevel pre-tokenizer. */
    @SuppressWarnings("unchecked")
    public static ByteLevelBpe fromHuggingFace(Path tokenizerJson) throws IOException {
        String name = tokenizerJson.getFileName().toString();
        Map<String, Object> root;
        try {
            root = Json.parseObject(TextFiles.readUtf8(tokenizerJson));
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(name + ": " + e.getMessage(), e);
        }
        if (!(root.get("model") instanceof Map<?, ?> model) || !"BPE".equals(model.get("type"))) {
            throw new ModelFormatException(name + ": only BPE tokenizer.json models are supported");
        }
        if (!(model.get("vocab") instanceof Map<?, ?> vocab)) throw new ModelFormatException(name + ": model.vocab missing");
        String[] tokens = vocabArray((Map<String, Object>) vocab, tokenizerJson);
        List<String> merges = new ArrayList<>();
        if (model.get("merges") instanceof List<?> ms) {
            for (Object m : ms) {
                if (m instanceof String s) merges.add(s);
                else if (m instanceof List<?> pair && pair.size() == 2) merges.add(pair.get(0) + " " + pair.get(1));
                else throw new ModelFormatException(name + ": unreadable merge " + TextFiles.oneLine(String.valueOf(m), 80));
            }
        }
        int[] types = filled(tokens.length);
        int bos = -1, eos = -1;
        if (root.get("added_tokens") instanceof List<?> added) {
            for (Object o : added) {
                if (o instanceof Map<?, ?> t && t.get("id") instanceof Number id && id.intValue() >= 0 && id.intValue() < tokens.length) {
                    if (Boolean.TRUE.equals(t.get("special"))) types[id.intValue()] = SentencePieceBpe.CONTROL;
                    String content = String.valueOf(t.get("content"));
                    if (content.equals("<|endoftext|>") || content.contains("begin_of_text") || content.equals("<s>")) bos = id.intValue();
                    if (content.equals("<|endoftext|>") || content.contains("end_of_text") || content.equals("</s>")) eos = id.intValue();
                }
            }
        }
        return new ByteLevelBpe(tokens, types, merges, PreTokenizer.gpt2(), bos, eos, name);
    }

    private static String[] vocabArray(Map<String, Object> vocab, Path file) {
        int max = -1;
        for (Object v : vocab.values()) {
            if (!(v instanceof Long id) || id < 0 || id > 10_000_000) {
                throw new ModelFormatException(file.getFileName() + ": token id " + v + " is not a valid id");
            }
            max = Math.max(max, id.intValue());
        }
        if (max + 1 > vocab.size() * 2L + 1024) throw new ModelFormatException(file.getFileName() + ": ids are sparse up to " + max);
        String[] tokens = new String[max + 1];
        vocab.forEach((k, v) -> tokens[((Long) v).intValue()] = k);
        for (int k = 0; k < tokens.length; k++) if (tokens[k] == null) tokens[k] = "<unused" + k + ">";
        return tokens;
    }

    private static int[] filled(int n) {
        int[] t = new int[n];
        Arrays.fill(t, SentencePieceBpe.NORMAL);
        return t;
    }

    /** The printable stand-in spelling of raw bytes. */
    public static String spell(byte[] bytes) {
        char[] c = new char[bytes.length];
        for (int k = 0; k < bytes.length; k++) c[k] = BYTE_TO_CHAR[bytes[k] & 0xFF];
        return new String(c);
    }

    private final PairMerger.Rule rule = new PairMerger.Rule() {
        @Override public double priority(String left, String right) {
            Integer r = ranks.get(left + ' ' + right);
            return r == null ? Double.NaN : r;
        }

        @Override public int mergedId(String left, String right) { return ids.getOrDefault(left + right, -1); }
    };

    @Override public int[] encode(String text) {
        List<String> chunks = pre.split(TextUnits.sanitize(text));
        int[] out = new int[Math.max(16, text.length())];
        int n = 0;
        for (String chunk : chunks) {
            int[] ids = cache.get(chunk);
            if (ids == null) {
                ids = idsOf(PairMerger.merge(initial(chunk), rule, 0, null));
                if (chunk.length() < 64 && cache.size() < 100_000) cache.put(chunk, ids);
            }
            if (n + ids.length > out.length) out = Arrays.copyOf(out, Math.max(out.length * 2, n + ids.length));
            System.arraycopy(ids, 0, out, n, ids.length);
            n += ids.length;
        }
        return Arrays.copyOf(out, n);
    }

    @Override public TokenizationSteps encodeWithSteps(String text) {
        List<String> chunks = pre.split(TextUnits.sanitize(text));
        List<String> initial = new ArrayList<>();
        List<TokenizationSteps.Merge> merges = new ArrayList<>();
        List<String> pieces = new ArrayList<>();
        for (int c = 0; c < chunks.size(); c++) {
            List<String> start = initial(chunks.get(c));
            initial.addAll(start);
            // PairMerger drops the per-merge piece lists itself for very long chunks
            List<String> merged = PairMerger.merge(start, rule, c, merges);
            pieces.addAll(merged);
        }
        int[] ids = idsOf(pieces);
        return new TokenizationSteps(text, chunks, initial, merges, ids, pieces);
    }

    private static List<String> initial(String chunk) {
        String spelled = spell(chunk.getBytes(StandardCharsets.UTF_8));
        List<String> out = new ArrayList<>(spelled.length());
        for (int k = 0; k < spelled.length(); k++) out.add(String.valueOf(spelled.charAt(k)));
        return out;
    }

    private int[] idsOf(List<String> pieces) {
        int[] out = new int[pieces.size()];
        int n = 0;
        for (String p : pieces) {
            Integer id = ids.get(p);
            // some vocabularies lack tokens for bytes that never occur in valid UTF-8: such a byte is dropped
            if (id != null) out[n++] = id;
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    @Override public String decode(int previousId, int id) {
        if (id < 0 || id >= tokens.length) return "";
        if (types[id] == SentencePieceBpe.CONTROL) return "";
        return new String(bytesOf(id), StandardCharsets.ISO_8859_1);
    }

    @Override public String decode(int[] ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int id : ids) {
            if (id < 0 || id >= tokens.length || types[id] == SentencePieceBpe.CONTROL) continue;
            out.writeBytes(bytesOf(id));
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The raw bytes a token stands for (user-defined tokens are their UTF-8 text). */
    public byte[] bytesOf(int id) {
        String t = tokens[id];
        ByteArrayOutputStream b = new ByteArrayOutputStream(t.length());
        for (int k = 0; k < t.length(); k++) {
            char c = t.charAt(k);
            int v = c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1;
            if (v < 0) return t.getBytes(StandardCharsets.UTF_8);
            b.write(v);
        }
        return b.toByteArray();
    }

    @Override public String piece(int id) { return id >= 0 && id < tokens.length ? tokens[id] : "<?" + id + ">"; }

    @Override public int vocabSize() { return tokens.length; }

    @Override public int bos() { return bos; }

    @Override public int eos() { return eos; }

    @Override public String kind() { return "byte-level BPE"; }

    @Override public boolean isSpecial(int id) { return id >= 0 && id < types.length && types[id] == SentencePieceBpe.CONTROL; }

    /** Merge rank of a pair, or -1. */
    public int rank(String left, String right) { return ranks.getOrDefault(left + ' ' + right, -1); }

    public PreTokenizer preTokenizer() { return pre; }
}
