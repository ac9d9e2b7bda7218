package glassbox.model.train;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** GPT-2's pre-tokenization: text is cut into words before BPE, so merges never cross word edges. */
public final class PreTokenizer {
    /** The GPT-2 pattern; UNICODE_CHARACTER_CLASS makes \s Unicode-aware as in Python's regex module. */
    public static final String GPT2_PATTERN =
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";
    private static final Pattern PATTERN = Pattern.compile(GPT2_PATTERN, Pattern.UNICODE_CHARACTER_CLASS);

    private PreTokenizer() {}

    public static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = PATTERN.matcher(text);
        while (m.find()) out.add(m.group());
        return out;
    }
}
