package glassbox.app.learn;

import glassbox.model.arithmetic.Derivation;
import glassbox.model.arithmetic.DerivationFormat;
import glassbox.model.arithmetic.Step;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** The learn panes' strings: learn.properties and its translations, with the model's English as fallback. */
final class LearnText {
    private final ResourceBundle bundle;
    private final Locale locale;

    LearnText(Locale locale) {
        this.locale = locale == null ? Locale.ENGLISH : locale;
        // no fallback to the JVM's default locale: an English pane must stay English on a Chinese desktop
        this.bundle = ResourceBundle.getBundle("glassbox.app.learn.learn", this.locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
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
        return step(s) + ":  " + s.symbolic() + (s.substituted().equals(s.symbolic()) ? "" : "  =  " + s.substituted())
                + "  =  " + DerivationFormat.value(s);
    }
}
