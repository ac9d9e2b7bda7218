package glassbox.app.learn;

import glassbox.model.arithmetic.Derivation;
import glassbox.model.arithmetic.DerivationFormat;
import glassbox.model.arithmetic.Step;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The learn panes' strings: learn.properties and its translations, with the model's English as fallback. */
final class LearnText {
    private final ResourceBundle bundle;
    private final Locale locale;

    LearnText(Locale locale) {
        this.locale = locale == null ? Locale.ENGLISH : locale;
        // no fallback to the JVM's default locale: an English pane must stay English on a Chinese desktop
        this.bundle = ResourceBundle.getBundle("glassbox.app.learn.learn", this.locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        this.words = wordsOf();
    }

    Locale locale() { return locale; }

    String t(String key, Object... args) {
        String s = has(key) ? bundle.getString(key) : key;
        return args.length == 0 ? s : new MessageFormat(s, locale).format(args);
    }

    boolean has(String key) {
        try { bundle.getString(key); return true; } catch (MissingResourceException e) { return false; }
    }

    String step(Step s) { return has("step." + s.id()) ? bundle.getString("step." + s.id()) : s.label(); }

    String title(Derivation d, String name) { return has("title." + d.id()) ? t("title." + d.id(), name) : d.title(); }

    /** One line: label — formula = numbers = value. */
    String stepLine(Step s) {
        String symbolic = formula(s.symbolic()), substituted = formula(s.substituted());
        return step(s) + ":  " + symbolic + (substituted.equals(symbolic) ? "" : "  =  " + substituted)
                + "  =  " + DerivationFormat.value(s);
    }

    /**
     * A formula with its words in this language ("attention + FFN + norms"): each bundle key formula.WORDS
     * (underscores for spaces) names an English phrase, replaced where it stands as a whole word, longest first;
     * symbols such as d_head or QKᵀ are left alone.
     */
    String formula(String f) {
        for (var w : words) f = w.pattern().matcher(f).replaceAll(w.replacement());
        return f;
    }

    private record Word(Pattern pattern, String replacement) {}

    private final List<Word> words;

    private List<Word> wordsOf() {
        List<Word> out = new ArrayList<>();
        for (String key : bundle.keySet()) {
            if (!key.startsWith("formula.")) continue;
            String phrase = key.substring("formula.".length()).replace('_', ' ');
            out.add(new Word(Pattern.compile("(?<![\\w])" + Pattern.quote(phrase) + "(?![\\w])"),
                    Matcher.quoteReplacement(bundle.getString(key))));
        }
        out.sort(Comparator.comparingInt((Word w) -> -w.pattern().pattern().length()));   // "final norm" before "norm"
        return out;
    }
}
