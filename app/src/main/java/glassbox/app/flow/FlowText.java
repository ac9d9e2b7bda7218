package glassbox.app.flow;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/** The explainer panes' strings (bundle glassbox/app/flow/flow, English and Simplified Chinese). */
public final class FlowText {
    private final ResourceBundle bundle;
    private final Locale locale;

    public FlowText(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle("glassbox.app.flow.flow", locale);
    }

    public static FlowText current() { return new FlowText(Locale.getDefault()); }

    public String get(String key, Object... args) {
        String s = bundle.getString(key);
        return args.length == 0 ? s : new MessageFormat(s, locale).format(args);
    }

    public Locale locale() { return locale; }
}
