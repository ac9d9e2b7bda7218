package glassbox.model.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parsed {@code --flag value} and {@code --switch} arguments. Every flag a command reads is
 * recorded, so {@link #finish()} can reject the ones nobody asked for.
 */
public final class Args {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();
    private final Set<String> used = new HashSet<>();

    /** @param switches flags that take no value (e.g. "json", "bos") */
    public Args(String[] argv, Set<String> switches) {
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i];
            if (a.startsWith("--") && a.length() > 2) {
                String name = a.substring(2);
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    values.put(name.substring(0, eq), name.substring(eq + 1));
                } else if (switches.contains(name)) {
                    values.put(name, "true");
                } else {
                    if (i + 1 >= argv.length) throw new CliException("flag --" + name + " needs a value");
                    values.put(name, argv[++i]);
                }
            } else {
                positional.add(a);
            }
        }
    }

    public boolean has(String name) { used.add(name); return values.containsKey(name); }

    public boolean flag(String name) { used.add(name); return Boolean.parseBoolean(values.getOrDefault(name, "false")); }

    public String string(String name, String fallback) { used.add(name); return values.getOrDefault(name, fallback); }

    public String required(String name) {
        used.add(name);
        String v = values.get(name);
        if (v == null) throw new CliException("missing required flag --" + name);
        return v;
    }

    public int integer(String name, int fallback) {
        String v = string(name, null);
        if (v == null) return fallback;
        try { return Integer.parseInt(v.trim()); }
        catch (NumberFormatException e) { throw new CliException("--" + name + " expects a whole number, got '" + v + "'"); }
    }

    public long longValue(String name, long fallback) {
        String v = string(name, null);
        if (v == null) return fallback;
        try { return Long.parseLong(v.trim()); }
        catch (NumberFormatException e) { throw new CliException("--" + name + " expects a whole number, got '" + v + "'"); }
    }

    public double number(String name, double fallback) {
        String v = string(name, null);
        if (v == null) return fallback;
        try { return Double.parseDouble(v.trim()); }
        catch (NumberFormatException e) { throw new CliException("--" + name + " expects a number, got '" + v + "'"); }
    }

    /** A path flag that must name an existing file. */
    public Path existingFile(String name) {
        String v = string(name, null);
        if (v == null) return null;
        Path p = Path.of(v);
        if (!Files.isRegularFile(p) && !Files.isDirectory(p)) throw new CliException("--" + name + ": no such file: " + v);
        return p;
    }

    public List<String> positional() { return List.copyOf(positional); }

    /** Fails on flags that no accessor asked about (typos, flags of another command). */
    public void finish() {
        for (String k : values.keySet()) {
            if (!used.contains(k)) throw new CliException("unknown flag --" + k);
        }
    }
}
