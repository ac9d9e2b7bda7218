package glassbox.model.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits text into chunks before byte-level BPE, so merges never cross a word boundary. Several
 * vocabularies apply a sequence of regexes, each splitting the previous pieces into matches and
 * the text between them (as llama.cpp's {@code unicode_regex_split} does).
 */
public record PreTokenizer(String name, List<Pattern> patterns) {

    private static final String GPT2 =
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";
    private static final String LLAMA3 =
            "(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}"
                    + "| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
    private static final String QWEN2 =
            "(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}"
                    + "| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

    public PreTokenizer { patterns = List.copyOf(patterns); }

    /** The pre-tokenizer a GGUF {@code tokenizer.ggml.pre} value (or HF family) names; GPT-2's for unknown names. */
    public static PreTokenizer named(String pre) {
        String n = pre == null ? "gpt-2" : pre;
        return switch (n) {
            case "llama-bpe", "llama3", "smaug-bpe", "dbrx" -> of(n, LLAMA3);
            case "qwen2", "deepseek-r1-qwen" -> of(n, QWEN2);
            case "starcoder", "refact", "smollm", "command-r", "codeshell", "exaone", "minerva-7b" -> of(n, "\\p{N}", GPT2);
            case "falcon" -> of(n, "[\\p{P}\\$\\+<=>\\^~\\|`]+", GPT2, "[0-9][0-9][0-9]");
            case "deepseek-coder" -> of(n, "[\\r\\n]", "\\s?\\p{L}+", "\\s?\\p{P}+", "[\\u4e00-\\u9fa5\\u0800-\\u4e00\\uac00-\\ud7ff]+", "\\p{N}");
            case "deepseek-llm" -> of(n, "[\\r\\n]", "\\s?\\p{L}+",
                    "\\s?[!-/:-~\\uff01-\\uff0f\\uff1a-\\uff5e\\u2018-\\u201f\\u3000-\\u3002]+", "\\s+$",
                    "[\\u4e00-\\u9fa5\\u0800-\\u4e00\\uac00-\\ud7ff]+", "\\p{N}+");
            default -> of(n, GPT2);
        };
    }

    public static PreTokenizer gpt2() { return named("gpt-2"); }

    private static PreTokenizer of(String name, String... regexes) {
        List<Pattern> ps = new ArrayList<>();
        for (String r : regexes) ps.add(Pattern.compile(r, Pattern.UNICODE_CHARACTER_CLASS));
        return new PreTokenizer(name, ps);
    }

    /** The chunks, in order; concatenated they give the text back. */
    public List<String> split(String text) {
        List<String> pieces = List.of(text);
        for (Pattern p : patterns) {
            List<String> next = new ArrayList<>();
            for (String piece : pieces) {
                Matcher m = p.matcher(piece);
                int last = 0;
                while (m.find()) {
                    if (m.end() == m.start()) continue;
                    if (m.start() > last) next.add(piece.substring(last, m.start()));
                    next.add(m.group());
                    last = m.end();
                }
                if (last < piece.length()) next.add(piece.substring(last));
            }
            pieces = next;
        }
        return pieces;
    }
}
