package glassbox.model.fuzz;

import java.util.LinkedHashMap;
import java.util.Map;

/** The texts people paste: empty, blank, huge, emoji, combining marks, CJK, RTL, broken UTF-16, controls. */
final class HostileText {
    private HostileText() {}

    static final String FAMILY = "👩\u200D👩\u200D👧\u200D👦";                 // one grapheme, 7 code points
    static final String FLAG = "🏳\uFE0F\u200D🌈";
    static final String SKIN = "👍🏽";

    /** Valid strings (well-formed UTF-16). */
    static Map<String, String> valid() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("empty", "");
        m.put("whitespace only", "   \t\n \u3000\u00A0  \r\n");
        m.put("100,000 characters", hundredThousand());
        m.put("10,000 emoji with ZWJ sequences", emoji(10_000));
        m.put("combining marks", "e\u0301 a\u0308 Z\u0351\u0352\u0357\u035B\u0346\u0300\u0301\u0302\u0303\u0304 ".repeat(50) + "\u0301 leading mark");
        m.put("CJK", "日本語のテキストと中文文本，还有한국어 텍스트。".repeat(40));
        m.put("RTL", "\u202Eabc\u202C مرحبا بالعالم שלום עולם \u200F(1) \u200E".repeat(30));
        m.put("NUL", "a\u0000b\u0000\u0000c");
        m.put("control characters", "\u0001\u0002\u0007\b\u000B\f\u001B[31m\u007F\u0085\u009F end");
        m.put("BOM and noncharacters", "\uFEFFstart \uFFFE \uFFFF \uDBFF\uDFFF end");
        m.put("astral letters", "𝐀𝐁𝐂 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𓀀𓀁 🀄");
        return m;
    }

    /** Ill-formed UTF-16: unpaired surrogates (a Java String can hold them; UTF-8 cannot). */
    static Map<String, String> loneSurrogates() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("lone high surrogate", "ab\uD83Dcd");
        m.put("lone low surrogate", "ab\uDE00cd");
        m.put("high at the end", "end\uD83D");
        m.put("low at the start", "\uDC00start");
        m.put("reversed pair", "\uDE00\uD83D");
        return m;
    }

    /** Each lone surrogate as U+FFFD: what every tokenizer encodes instead. */
    static String replaced(String s) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (Character.isHighSurrogate(c) && k + 1 < s.length() && Character.isLowSurrogate(s.charAt(k + 1))) {
                b.append(c).append(s.charAt(++k));
            } else {
                b.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return b.toString();
    }

    static String hundredThousand() {
        String para = "Once upon a time, a little girl named Lily found a shiny red ball in the park. "
                + "She said, \"Can I play?\" Tom smiled: 12 apples, 3.5 pears & a dog's toy! ";
        StringBuilder b = new StringBuilder(100_000);
        while (b.length() < 100_000) b.append(para);
        b.setLength(100_000);
        return b.toString();
    }

    static String emoji(int n) {
        String[] e = {FAMILY, FLAG, SKIN, "😀", "🙂", "❤\uFE0F", "👨\u200D💻"};
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < n; k++) b.append(e[k % e.length]);
        return b.toString();
    }
}
