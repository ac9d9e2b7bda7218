package glassbox.model.tokenizer;

import glassbox.model.format.gguf.GgufFile;
import glassbox.model.io.ModelFormatException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds the right tokenizer for a model file's metadata. */
public final class Tokenizers {
    private Tokenizers() {}

    /**
     * The tokenizer described by GGUF metadata ({@code tokenizer.ggml.*}): "llama" → {@link SentencePieceBpe},
     * "gpt2" → {@link ByteLevelBpe}. Array values may be {@code List}s or primitive arrays.
     *
     * @param source the file name, for error messages
     */
    public static Tokenizer fromGguf(Map<String, ?> md, String source) {
        Object model = md.get("tokenizer.ggml.model");
        if (model == null) throw new ModelFormatException(source + ": has no tokenizer (tokenizer.ggml.model is missing)");
        List<String> tokens = strings(md.get("tokenizer.ggml.tokens"), source, "tokenizer.ggml.tokens");
        int n = tokens.size();
        int[] types = md.containsKey("tokenizer.ggml.token_type")
                ? ints(md.get("tokenizer.ggml.token_type"), source, "tokenizer.ggml.token_type") : null;
        if (types != null && types.length != n) {
            throw new ModelFormatException(source + ": " + n + " tokens but " + types.length + " token types");
        }
        return switch (String.valueOf(model)) {
            case "llama" -> {
                float[] scores = md.containsKey("tokenizer.ggml.scores")
                        ? floats(md.get("tokenizer.ggml.scores"), source, "tokenizer.ggml.scores") : new float[n];
                if (scores.length != n) throw new ModelFormatException(source + ": " + n + " tokens but " + scores.length + " scores");
                yield SentencePieceBpe.fromVocabulary(tokens, scores, types,
                        id(md, "tokenizer.ggml.bos_token_id", 1, n, source), id(md, "tokenizer.ggml.eos_token_id", 2, n, source),
                        id(md, "tokenizer.ggml.unknown_token_id", 0, n, source),
                        !Boolean.FALSE.equals(md.get("tokenizer.ggml.add_space_prefix")));
            }
            case "gpt2" -> {
                if (!md.containsKey("tokenizer.ggml.merges")) throw new ModelFormatException(source + ": gpt2 tokenizer without tokenizer.ggml.merges");
                List<String> merges = strings(md.get("tokenizer.ggml.merges"), source, "tokenizer.ggml.merges");
                Object pre = md.get("tokenizer.ggml.pre");
                yield ByteLevelBpe.fromVocabulary(tokens, merges, types, pre == null ? null : pre.toString(),
                        id(md, "tokenizer.ggml.bos_token_id", -1, n, source), id(md, "tokenizer.ggml.eos_token_id", -1, n, source));
            }
            default -> throw new ModelFormatException(source + ": tokenizer model \"" + model
                    + "\" is not supported (supported: llama = SentencePiece BPE, gpt2 = byte-level BPE)");
        };
    }

    /**
     * A Hugging Face tokenizer.json with a BPE model: byte-level ({@link ByteLevelBpe}) or
     * SentencePiece-style with ▁ and byte fallback ({@link SentencePieceBpe}, e.g. Llama 2 / TinyLlama).
     */
    public static Tokenizer fromHuggingFace(java.nio.file.Path tokenizerJson) throws java.io.IOException {
        return HfTokenizerFiles.any(tokenizerJson);
    }

    /** The tokenizer inside an open GGUF file. */
    public static Tokenizer fromGguf(GgufFile file) {
        return fromGguf(file.metadata(), file.path().getFileName().toString());
    }

    private static int id(Map<String, ?> md, String key, int fallback, int n, String source) {
        Object v = md.get(key);
        if (v == null) return fallback < n ? fallback : -1;
        if (!(v instanceof Number num)) throw new ModelFormatException(source + ": " + key + " is not a number");
        long id = num.longValue();
        if (id < 0 || id >= n) throw new ModelFormatException(source + ": " + key + " = " + id + " is outside the vocabulary of " + n);
        return (int) id;
    }

    private static List<String> strings(Object v, String source, String key) {
        if (v instanceof String[] a) return List.of(a);
        if (v instanceof List<?> l) {
            List<String> out = new ArrayList<>(l.size());
            for (Object o : l) {
                if (!(o instanceof String s)) throw new ModelFormatException(source + ": " + key + " holds a non-string");
                out.add(s);
            }
            return out;
        }
        throw new ModelFormatException(source + ": " + key + " is missing or not a string array");
    }

    private static int[] ints(Object v, String source, String key) {
        if (v instanceof int[] a) return a.clone();
        if (v instanceof long[] a) return java.util.Arrays.stream(a).mapToInt(x -> (int) x).toArray();
        if (v instanceof List<?> l) {
            int[] out = new int[l.size()];
            for (int k = 0; k < out.length; k++) {
                if (!(l.get(k) instanceof Number num)) throw new ModelFormatException(source + ": " + key + " holds a non-number");
                out[k] = num.intValue();
            }
            return out;
        }
        throw new ModelFormatException(source + ": " + key + " is not an integer array");
    }

    private static float[] floats(Object v, String source, String key) {
        if (v instanceof float[] a) return a.clone();
        if (v instanceof double[] a) {
            float[] out = new float[a.length];
            for (int k = 0; k < a.length; k++) out[k] = (float) a[k];
            return out;
        }
        if (v instanceof List<?> l) {
            float[] out = new float[l.size()];
            for (int k = 0; k < out.length; k++) {
                if (!(l.get(k) instanceof Number num)) throw new ModelFormatException(source + ": " + key + " holds a non-number");
                out[k] = num.floatValue();
            }
            return out;
        }
        throw new ModelFormatException(source + ": " + key + " is not a float array");
    }
}
