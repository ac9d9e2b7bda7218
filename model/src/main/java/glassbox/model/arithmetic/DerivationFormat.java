package glassbox.model.arithmetic;

import java.util.Locale;

/** Renders a derivation as plain text (CLI), Markdown (notes) or LaTeX (slides). */
public final class DerivationFormat {
    private DerivationFormat() {}

    public static String value(Step s) {
        String v = String.format(Locale.ROOT, "%,d", s.value());
        return switch (s.unit()) {
            case BYTES -> v + " B" + (s.value() >= 1024 ? " (" + human(s.value()) + ")" : "");
            case FLOPS -> v + " FLOPs" + (s.value() >= 1_000_000 ? " (" + scientific(s.value()) + ")" : "");
            case PARAMS -> v + (s.value() >= 1_000_000 ? " (" + scientific(s.value()) + ")" : "");
            case COUNT -> v;
        };
    }

    /** 1.29e14 style. */
    public static String scientific(long v) { return String.format(Locale.ROOT, "%.3g", (double) v).replace("e+", "e"); }

    /** Binary units: KiB, MiB, GiB, TiB. */
    public static String human(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) { v /= 1024; u++; }
        return String.format(Locale.ROOT, "%.2f %s", v, units[u]);
    }

    public static String text(Derivation d) {
        var sb = new StringBuilder(d.title()).append('\n');
        int w = d.steps().stream().mapToInt(s -> s.label().length()).max().orElse(10);
        for (var s : d.steps()) {
            sb.append("  ").append(pad(s.label(), w)).append("  ").append(s.symbolic());
            String plain = String.format(Locale.ROOT, "%,d", s.value());
            if (!s.substituted().equals(s.symbolic()) && !s.substituted().equals(plain)) sb.append(" = ").append(s.substituted());
            if (!s.symbolic().equals(plain)) sb.append(" = ").append(value(s));
            sb.append('\n');
        }
        if (!d.convention().isEmpty()) sb.append("  convention: ").append(d.convention()).append('\n');
        return sb.toString();
    }

    public static String markdown(Derivation d) {
        var sb = new StringBuilder("### ").append(md(d.title())).append("\n\n");
        if (!d.convention().isEmpty()) sb.append('*').append(md(d.convention())).append("*\n\n");
        sb.append("| Step | Formula | With numbers | Value |\n|---|---|---|---:|\n");
        for (var s : d.steps()) {
            sb.append("| ").append(md(s.label())).append(" | `").append(s.symbolic()).append("` | `")
                    .append(s.substituted()).append("` | ").append(md(value(s))).append(" |\n");
        }
        sb.append("\n**Result:** ").append(md(d.result().label())).append(" = ").append(md(value(d.result()))).append('\n');
        return sb.toString();
    }

    public static String latex(Derivation d) {
        var sb = new StringBuilder("% ").append(d.title()).append('\n');
        if (!d.convention().isEmpty()) sb.append("% ").append(d.convention()).append('\n');
        sb.append("\\begin{align*}\n");
        var steps = d.steps();
        for (int i = 0; i < steps.size(); i++) {
            var s = steps.get(i);
            sb.append("\\text{").append(tex(s.label())).append("} &: ").append(math(s.symbolic()));
            if (!s.substituted().equals(s.symbolic()) && !s.substituted().chars().anyMatch(Character::isLetter)) {
                sb.append(" = ").append(math(s.substituted()));
            }
            sb.append(" = ").append(String.format(Locale.ROOT, "%,d", s.value()).replace(",", "{,}"));
            sb.append(i + 1 < steps.size() ? " \\\\\n" : "\n");
        }
        return sb.append("\\end{align*}\n").toString();
    }

    private static String pad(String s, int w) { return s + " ".repeat(Math.max(0, w - s.length())); }

    private static String md(String s) { return s.replace("|", "\\|").replace("*", "\\*"); }

    /** Escapes text for \text{...}. */
    static String tex(String s) {
        var sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> sb.append("\\textbackslash{}");
                case '#', '$', '%', '&', '_', '{', '}' -> sb.append('\\').append(c);
                case '^' -> sb.append("\\^{}");
                case '~' -> sb.append("\\~{}");
                default -> sb.append(unicodeMath(c, true));
            }
        }
        return sb.toString();
    }

    /** Turns our symbolic formulas (d_head, ·, ×, ᵀ, ², Σᵢ, ⌈⌉) into math-mode LaTeX. */
    static String math(String s) {
        var sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '_' && i + 1 < s.length() && Character.isLetter(s.charAt(i + 1))) {
                int j = i + 1;
                while (j < s.length() && Character.isLetterOrDigit(s.charAt(j))) j++;
                sb.append("_{\\mathrm{").append(s, i + 1, j).append("}}");
                i = j - 1;
            } else if (c == ',') {
                sb.append("{,}");
            } else if (Character.isLetter(c) && i + 1 < s.length() && Character.isLetter(s.charAt(i + 1)) && c < 128) {
                int j = i;
                while (j < s.length() && Character.isLetter(s.charAt(j)) && s.charAt(j) < 128) j++;
                sb.append("\\mathrm{").append(s, i, j).append('}');
                i = j - 1;
            } else {
                sb.append(unicodeMath(c, false));
            }
        }
        return sb.toString();
    }

    private static String unicodeMath(char c, boolean inText) {
        String m = switch (c) {
            case '·' -> "\\cdot ";
            case '×' -> "\\times ";
            case '−' -> "-";
            case 'ᵀ' -> "^{\\top}";
            case '²' -> "^{2}";
            case 'Σ' -> "\\sum";
            case 'ᵢ' -> "_{i}";
            case '⌈' -> "\\lceil ";
            case '⌉' -> "\\rceil ";
            case '⊙' -> "\\odot ";
            case '≈' -> "\\approx ";
            case '√' -> "\\sqrt ";
            case '₁' -> "_1";
            case '₃' -> "_3";
            default -> null;
        };
        if (m == null) return String.valueOf(c);
        return inText ? "$" + m.trim() + "$" : m;
    }
}
