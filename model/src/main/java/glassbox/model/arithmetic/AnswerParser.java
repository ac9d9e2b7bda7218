package glassbox.model.arithmetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/** Reads what people type: "124,439,808", "1.24e8", "124M", "6.7B", "2 GiB", "512 KB", "768x256". */
public final class AnswerParser {
    private AnswerParser() {}

    private static final Pattern NUMBER = Pattern.compile(
            "([0-9][0-9,_']*(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)\\s*(kib|mib|gib|tib|kb|mb|gb|tb|k|m|b|g|t|bytes|byte)?",
            Pattern.CASE_INSENSITIVE);

    /** One number with an optional scale suffix; empty if none can be read. */
    public static OptionalDouble number(String text) {
        if (text == null || text.length() > 200) return OptionalDouble.empty();
        var m = NUMBER.matcher(text.strip());
        if (!m.find()) return OptionalDouble.empty();
        double v;
        try { v = Double.parseDouble(m.group(1).replaceAll("[,_']", "")); }
        catch (NumberFormatException e) { return OptionalDouble.empty(); }
        String suffix = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
        double scale = switch (suffix) {
            case "k", "kb" -> 1e3;
            case "m", "mb" -> 1e6;
            case "b", "g", "gb" -> 1e9;   // "B" after a number in a count means billion
            case "t", "tb" -> 1e12;
            case "kib" -> 1024.0;
            case "mib" -> 1024.0 * 1024;
            case "gib" -> 1024.0 * 1024 * 1024;
            case "tib" -> 1024.0 * 1024 * 1024 * 1024;
            default -> 1;
        };
        double r = v * scale;
        return Double.isFinite(r) ? OptionalDouble.of(r) : OptionalDouble.empty();
    }

    /** All whole numbers in the text, for shapes like "4096 × 256" or "[4096, 256]". */
    public static List<Long> integers(String text) {
        var out = new ArrayList<Long>();
        if (text == null || text.length() > 200) return out;
        // "4,096 × 256": drop thousands separators first (but keep "[4096, 256]" and "4096,256" as two numbers)
        String t = Pattern.compile("\\b(\\d{1,3})((?:,\\d{3})+)\\b").matcher(text).replaceAll(r -> (r.group(1) + r.group(2)).replace(",", ""));
        var m = Pattern.compile("[0-9]+").matcher(t);
        while (m.find() && out.size() < 8) {
            try { out.add(Long.parseLong(m.group())); } catch (NumberFormatException e) { return List.of(); }
        }
        return out;
    }
}
