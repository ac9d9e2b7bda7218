package glassbox.app;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** The window's strings (bundle glassbox/app/i18n/messages: English and Simplified Chinese). */
public final class AppText {
    /** The languages the app offers in its language menu. */
    public static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE);

    private final ResourceBundle bundle;
    private final Locale locale;

    public AppText(Locale locale) {
        this.locale = locale;
        // the base bundle is English, so an English system locale must not fall back to another default
        this.bundle = ResourceBundle.getBundle("glassbox.app.i18n.messages", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_DEFAULT));
    }

    public String get(String key, Object... args) {
        String s;
        try { s = bundle.getString(key); } catch (MissingResourceException e) { return "⟦" + key + "⟧"; }
        return args.length == 0 ? s : new MessageFormat(s, locale).format(args);
    }

    public Locale locale() { return locale; }

    /** The supported language closest to a locale (Chinese variants → 简体中文, everything else → English). */
    public static Locale supported(Locale l) {
        return l != null && "zh".equals(l.getLanguage()) ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
    }
}
