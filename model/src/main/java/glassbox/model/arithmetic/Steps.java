package glassbox.model.arithmetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Collects steps for a derivation, formatting numbers the same way everywhere. */
final class Steps {
    private final String prefix;
    private final List<Step> list = new ArrayList<>();

    Steps(String prefix) { this.prefix = prefix; }

    long add(String id, String label, String symbolic, String substituted, long value, Unit unit) {
        list.add(new Step(prefix + "." + id, label, symbolic, substituted, value, unit));
        return value;
    }

    Derivation build(String title, String convention) { return new Derivation(prefix, title, convention, list); }

    /** Thousands-separated, e.g. 124,439,808. */
    static String n(long v) { return String.format(Locale.ROOT, "%,d", v); }
}
