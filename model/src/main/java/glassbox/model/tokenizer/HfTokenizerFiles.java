package glassbox.model.tokenizer;

import glassbox.model.io.ModelFormatException;
import glassbox.model.json.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads byte-level BPE vocabularies from OpenAI's GPT-2 files and Hugging Face tokenizer.json. */
final class HfTokenizerFiles {
    /** Larger than any real vocabulary file; refuses to read a mislabelled multi-gigabyte file into memory. */
    private static final long MAX_BYTES = 256L << 20;

    private HfTokenizerFiles() {}

    static ByteLevelBpe gpt2(Path encoderJson, Path vocabBpe) throws IOException {
        Map<String, Object> encoder = object(read(encoderJson), encoderJson);
        String[] pieces = denseVocabulary(encoder, encoderJson);
        List<String> merges = new ArrayList<>();
        for (String line : read(vocabBpe).split("\n")) {
            String l = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (l.isEmpty() || l.startsWith("#version")) continue;
            merges.add(l);
        }
        int[] types = ByteLevelBpe.filled(pieces.length);
        int eot = indexOf(pieces, "<|endoftext|>");
        if (eot >= 0) types[eot] = TokenTypes.CONTROL;
        return new ByteLevelBpe(pieces, types, merges, PreTokenizer.gpt2(), false, false, eot, eot, vocabBpe.getFileName().toString());
    }

    static ByteLevelBpe tokenizerJson(Path file) throws IOException {
        if (any(file) instanceof ByteLevelBpe b) return b;
        throw new ModelFormatException(file.getFileName() + ": not a byte-level BPE tokenizer.json (it is SentencePiece-style)");
    }

    /**
     * A tokenizer.json with a BPE model: byte-level (GPT-2, Llama 3, Qwen, SmolLM) when a ByteLevel
     * pre-tokenizer is present, else SentencePiece-style (Llama 2, TinyLlama: ▁ for spaces, byte fallback).
     */
    @SuppressWarnings("unchecked")
    static Tokenizer any(Path file) throws IOException {
        String name = file.getFileName().toString();
        Map<String, Object> root = object(read(file), file);
        if (!(root.get("model") instanceof Map<?, ?> modelRaw)) throw new ModelFormatException(name + ": no \"model\" object");
        Map<String, Object> model = (Map<String, Object>) modelRaw;
        Object type = model.get("type");
        if (type != null && !"BPE".equals(type)) {
            throw new ModelFormatException(name + ": tokenizer model type " + type + " is not supported (only BPE)");
        }
        if (!(model.get("vocab") instanceof Map<?, ?> vocab)) throw new ModelFormatException(name + ": model has no vocab object");
        List<String> merges = new ArrayList<>();
        if (model.get("merges") instanceof List<?> ms) {
            for (Object m : ms) {
                if (m instanceof String s) merges.add(s);
                else if (m instanceof List<?> pair && pair.size() == 2) merges.add(pair.get(0) + " " + pair.get(1));
                else throw new ModelFormatException(name + ": merge " + merges.size() + " is neither \"a b\" nor [a, b]");
            }
        }
        // added tokens may extend the vocabulary beyond model.vocab
        Map<String, Object> all = new java.util.LinkedHashMap<>((Map<String, Object>) vocab);
        List<Map<String, Object>> added = new ArrayList<>();
        if (root.get("added_tokens") instanceof List<?> at) {
            for (Object o : at) {
                if (o instanceof Map<?, ?> t && t.get("content") instanceof String c && t.get("id") instanceof Number id) {
                    all.put(c, id);
                    added.add((Map<String, Object>) t);
                }
            }
        }
        String[] pieces = denseVocabulary(all, file);
        int[] types = ByteLevelBpe.filled(pieces.length);
        for (Map<String, Object> t : added) {
            int id = ((Number) t.get("id")).intValue();
            types[id] = Boolean.TRUE.equals(t.get("special")) ? TokenTypes.CONTROL : TokenTypes.USER_DEFINED;
        }
        List<String> regexes = new ArrayList<>();
        boolean[] byteLevel = new boolean[1], prefixSpace = new boolean[1];
        collectPreTokenizers(root.get("pre_tokenizer"), regexes, byteLevel, prefixSpace, name);
        if (!byteLevel[0]) {
            boolean[] metaspace = {false};
            if (root.get("pre_tokenizer") instanceof Map<?, ?> p && "Metaspace".equals(p.get("type"))) metaspace[0] = true;
            collectNormalizers(root.get("normalizer"), metaspace, prefixSpace);
            if (!metaspace[0] && !Boolean.TRUE.equals(model.get("byte_fallback"))) {
                throw new ModelFormatException(name + ": neither byte-level nor SentencePiece-style BPE (no ByteLevel, Metaspace or byte_fallback)");
            }
            return sentencePiece(pieces, types, merges, model, prefixSpace[0], specialIds(file, pieces, types), name);
        }
        PreTokenizer pre = PreTokenizer.of("tokenizer.json", regexes.toArray(String[]::new));
        boolean ignoreMerges = Boolean.TRUE.equals(model.get("ignore_merges"));
        int[] special = specialIds(file, pieces, types);
        return new ByteLevelBpe(pieces, types, merges, pre, ignoreMerges, prefixSpace[0], special[0], special[1], name);
    }

    /** Walks Sequence / Split / Digits / ByteLevel pre-tokenizers in order, collecting their regexes. */
    @SuppressWarnings("unchecked")
    private static void collectPreTokenizers(Object node, List<String> regexes, boolean[] byteLevel, boolean[] prefixSpace, String name) {
        if (!(node instanceof Map<?, ?> raw)) return;
        Map<String, Object> m = (Map<String, Object>) raw;
        switch (String.valueOf(m.get("type"))) {
            case "Sequence" -> {
                if (m.get("pretokenizers") instanceof List<?> list) {
                    for (Object o : list) collectPreTokenizers(o, regexes, byteLevel, prefixSpace, name);
                }
            }
            case "ByteLevel" -> {
                byteLevel[0] = true;
                if (Boolean.TRUE.equals(m.get("add_prefix_space"))) prefixSpace[0] = true;
                if (!Boolean.FALSE.equals(m.get("use_regex"))) regexes.add(PreTokenizer.GPT2 + "|\\s+");
            }
            case "Split" -> {
                if (m.get("pattern") instanceof Map<?, ?> p) {
                    if (p.get("Regex") instanceof String r) regexes.add(r);
                    else if (p.get("String") instanceof String s) regexes.add(java.util.regex.Pattern.quote(s));
                }
            }
            case "Digits" -> regexes.add(Boolean.TRUE.equals(m.get("individual_digits")) ? "\\p{N}" : "\\p{N}+");
            case "Metaspace" -> prefixSpace[0] = !"never".equals(m.get("prepend_scheme")) && !Boolean.FALSE.equals(m.get("add_prefix_space"));
            default -> throw new ModelFormatException(name + ": pre-tokenizer " + m.get("type") + " is not supported");
        }
    }

    /** SentencePiece-style normalizers: Prepend("▁") is the dummy prefix, Replace(" " → "▁") the meta space. */
    @SuppressWarnings("unchecked")
    private static void collectNormalizers(Object node, boolean[] metaspace, boolean[] prefixSpace) {
        if (!(node instanceof Map<?, ?> raw)) return;
        Map<String, Object> m = (Map<String, Object>) raw;
        switch (String.valueOf(m.get("type"))) {
            case "Sequence" -> {
                if (m.get("normalizers") instanceof List<?> list) for (Object o : list) collectNormalizers(o, metaspace, prefixSpace);
            }
            case "Prepend" -> { if ("\u2581".equals(m.get("prepend"))) prefixSpace[0] = true; }
            case "Replace" -> { if ("\u2581".equals(m.get("content"))) metaspace[0] = true; }
            default -> { }
        }
    }

    /**
     * HF's Llama converter lists, for every piece, each split into two pieces as a merge, ordered by the
     * piece's SentencePiece score: so minus the first rank that forms a piece is a score with the same order.
     * Pieces no merge forms get NaN (never formed by merging).
     */
    private static SentencePieceBpe sentencePiece(String[] pieces, int[] types, List<String> merges, Map<String, Object> model,
                                                  boolean prefix, int[] special, String name) {
        Map<String, Integer> ids = new java.util.HashMap<>(pieces.length * 2);
        for (int i = 0; i < pieces.length; i++) ids.putIfAbsent(pieces[i], i);
        float[] scores = new float[pieces.length];
        java.util.Arrays.fill(scores, Float.NaN);
        for (int r = 0; r < merges.size(); r++) {
            String m = merges.get(r);
            int sp = m.indexOf(' ', 1);
            if (sp < 0) throw new ModelFormatException(name + ": merge " + r + " is not two pieces separated by a space: '" + m + "'");
            Integer id = ids.get(m.substring(0, sp) + m.substring(sp + 1));
            if (id != null && Float.isNaN(scores[id])) scores[id] = -r;
        }
        int unk = model.get("unk_token") instanceof String u && ids.containsKey(u) ? ids.get(u) : -1;
        int[] t = types.clone();
        for (int i = 0; i < t.length; i++) if (t[i] == TokenTypes.NORMAL && TextUnits.byteTokenValue(pieces[i]) >= 0) t[i] = TokenTypes.BYTE;
        if (unk >= 0) t[unk] = TokenTypes.UNKNOWN;
        return SentencePieceBpe.fromVocabulary(List.of(pieces), scores, t, special[0], special[1], unk, prefix);
    }

    /** BOS/EOS from tokenizer_config.json beside the file when present, else the usual names. */
    private static int[] specialIds(Path file, String[] pieces, int[] types) throws IOException {
        String bos = null, eos = null;
        Path config = file.resolveSibling("tokenizer_config.json");
        if (Files.isRegularFile(config)) {
            Map<String, Object> c = object(read(config), config);
            bos = tokenText(c.get("bos_token"));
            eos = tokenText(c.get("eos_token"));
        }
        int b = bos != null ? indexOf(pieces, bos) : firstOf(pieces, "<|begin_of_text|>", "<s>", "<|endoftext|>");
        int e = eos != null ? indexOf(pieces, eos) : firstOf(pieces, "<|end_of_text|>", "</s>", "<|endoftext|>", "<|im_end|>");
        return new int[]{b, e};
    }

    @SuppressWarnings("unchecked")
    private static String tokenText(Object o) {
        if (o instanceof String s) return s;
        if (o instanceof Map<?, ?> m && ((Map<String, Object>) m).get("content") instanceof String s) return s;
        return null;
    }

    private static int firstOf(String[] pieces, String... names) {
        for (String n : names) {
            int i = indexOf(pieces, n);
            if (i >= 0) return i;
        }
        return -1;
    }

    private static int indexOf(String[] pieces, String p) {
        for (int i = 0; i < pieces.length; i++) if (p.equals(pieces[i])) return i;
        return -1;
    }

    /** piece → id map to an id-indexed array; ids must cover 0..n-1 exactly once. */
    private static String[] denseVocabulary(Map<String, Object> vocab, Path file) {
        String name = file.getFileName().toString();
        String[] pieces = new String[vocab.size()];
        for (Map.Entry<String, Object> e : vocab.entrySet()) {
            if (!(e.getValue() instanceof Number num) || num.doubleValue() != num.longValue()) {
                throw new ModelFormatException(name + ": id of '" + e.getKey() + "' is not a whole number");
            }
            long id = num.longValue();
            if (id < 0 || id >= pieces.length) {
                throw new ModelFormatException(name + ": id " + id + " of '" + e.getKey() + "' is outside 0.." + (pieces.length - 1));
            }
            if (pieces[(int) id] != null && !pieces[(int) id].equals(e.getKey())) {
                throw new ModelFormatException(name + ": id " + id + " is used by both '" + pieces[(int) id] + "' and '" + e.getKey() + "'");
            }
            pieces[(int) id] = e.getKey();
        }
        for (int i = 0; i < pieces.length; i++) {
            if (pieces[i] == null) throw new ModelFormatException(name + ": no token has id " + i);
        }
        return pieces;
    }

    private static Map<String, Object> object(String text, Path file) {
        try {
            return Json.parseObject(text);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    static String read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) throw new ModelFormatException(file.getFileName() + ": " + size + " bytes is too large for a tokenizer file");
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
