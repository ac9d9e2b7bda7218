package glassbox.app.classroom;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** The classroom strings (classroom.properties and classroom_zh_CN.properties). */
public final class ClassroomText {
    private final ResourceBundle bundle;
    private final Locale locale;

    public ClassroomText(Locale locale) {
        this.locale = locale != null && "zh".equals(locale.getLanguage()) ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
        // no fallback to the JVM's default locale: an English presentation must stay English on a Chinese desktop
        this.bundle = ResourceBundle.getBundle("glassbox.app.classroom.classroom", this.locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public Locale locale() { return locale; }

    public String get(String key, Object... args) {
        String s;
        try { s = bundle.getString(key); } catch (MissingResourceException e) { return "⟦" + key + "⟧"; }
        return args.length == 0 ? s : new MessageFormat(s, locale).format(args);
    }
}
