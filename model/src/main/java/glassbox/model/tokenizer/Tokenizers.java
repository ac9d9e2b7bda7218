package glassbox.model.tokenizer;

import glassbox.model.io.ModelFormatException;
import glassbox.model.io.TextFiles;

import java.util.List;
import java.util.Map;

/** Builds the tokenizer a model file describes. */
public final class Tokenizers {
    private Tokenizers() {}

    /**
     * From GGUF metadata ({@code tokenizer.ggml.*}): "llama" → SentencePiece BPE, "gpt2" → byte-level BPE.
     * Arrays may be given as primitive arrays or lists of numbers.
     */
    public static Tokenizer fromGguf(Map<String, Object> md, String fileName) {
        try {
            return build(md, fileName);
        } catch (ModelFormatException e) {
            // the vocabulary builders name "tokenizer", not the file
            if (e.getMessage() != null && e.getMessage().startsWith(fileName)) throw e;
            throw new ModelFormatException(fileName + ": " + e.getMessage(), e);
        }
    }

    private static Tokenizer build(Map<String, Object> md, String fileName) {
        String model = md.get("tokenizer.ggml.model") instanceof String s ? s : null;
        if (model == null) throw new ModelFormatException(fileName + ": no tokenizer in the file (tokenizer.ggml.model missing)");
        List<String> tokens = strings(md.get("tokenizer.ggml.tokens"), fileName, "tokenizer.ggml.tokens");
        int[] types = md.containsKey("tokenizer.ggml.token_type") ? ints(md.get("tokenizer.ggml.token_type"), fileName) : null;
        int bos = id(md, "tokenizer.ggml.bos_token_id", -1, tokens.size(), fileName);
        int eos = id(md, "tokenizer.ggml.eos_token_id", -1, tokens.size(), fileName);
        return switch (model) {
            case "llama" -> {
                float[] scores = floats(md.get("tokenizer.ggml.scores"), tokens.size(), fileName);
                int unk = id(md, "tokenizer.ggml.unknown_token_id", 0, tokens.size(), fileName);
                boolean prefix = !(md.get("tokenizer.ggml.add_space_prefix") instanceof Boolean b) || b;
                yield SentencePieceBpe.fromVocabulary(tokens, scores, types, bos, eos, unk, prefix);
            }
            case "gpt2" -> {
                List<String> merges = strings(md.get("tokenizer.ggml.merges"), fileName, "tokenizer.ggml.merges");
                String pre = md.get("tokenizer.ggml.pre") instanceof String p ? p : "default";
                yield ByteLevelBpe.fromVocabulary(tokens, merges, types, pre, bos, eos);
            }
            default -> throw new ModelFormatException(fileName + ": tokenizer model '" + TextFiles.oneLine(model, 40)
                    + "' is not supported (llama and gpt2 are)");
        };
    }

    private static int id(Map<String, Object> md, String key, int fallback, int vocab, String file) {
        Object v = md.get(key);
        if (v == null) return fallback;
        if (!(v instanceof Number n) || n.longValue() < -1 || n.longValue() >= vocab) {
            throw new ModelFormatException(file + ": " + key + " = " + v + " is not an id in the vocabulary of " + vocab);
        }
        return n.intValue();
    }

    private static List<String> strings(Object v, String file, String key) {
        if (v instanceof List<?> l && l.stream().allMatch(o -> o instanceof String)) {
            @SuppressWarnings("unchecked") List<String> s = (List<String>) l;
            return s;
        }
        throw new ModelFormatException(file + ": " + key + " is missing or not an array of strings");
    }

    private static int[] ints(Object v, String file) {
        if (v instanceof int[] a) return a;
        if (v instanceof List<?> l && l.stream().allMatch(o -> o instanceof Number)) return l.stream().mapToInt(o -> ((Number) o).intValue()).toArray();
        throw new ModelFormatException(file + ": tokenizer.ggml.token_type is not an integer array");
    }

    private static float[] floats(Object v, int n, String file) {
        float[] out;
        if (v == null) out = new float[n];
        else if (v instanceof float[] a) out = a;
        else if (v instanceof List<?> l && l.stream().allMatch(o -> o instanceof Number)) { out = new float[l.size()]; for (int k = 0; k < out.length; k++) out[k] = ((Number) l.get(k)).floatValue(); }
        else throw new ModelFormatException(file + ": tokenizer.ggml.scores is not a float array");
        if (out.length != n) throw new ModelFormatException(file + ": " + n + " tokens but " + out.length + " scores");
        return out;
    }
}
