package glassbox.app;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * What the window remembers between runs (prompt, model, theme, language, selection, recent models)
 * in {@code ~/.glassbox/settings.properties}. Written atomically (temp file + rename) so a crash never
 * leaves half a file; a file that cannot be read is moved aside and reported, never fatal.
 */
public final class Settings {
    public static final int MAX_RECENT = 8;
    private final Path file;
    private final Properties props = new Properties();
    private String notice;

    private Settings(Path file) { this.file = file; }

    /** The settings of this user (folder overridable with -Dglassbox.settings.dir, for tests). */
    public static Settings load() {
        String dir = System.getProperty("glassbox.settings.dir");
        return load((dir != null ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".glassbox")).resolve("settings.properties"));
    }

    public static Settings load(Path file) {
        Settings s = new Settings(file);
        if (!Files.exists(file)) return s;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            s.props.load(r);
        } catch (IOException | IllegalArgumentException e) { // malformed \\u escapes or bytes that are not UTF-8
            s.props.clear();
            Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + System.currentTimeMillis());
            try { Files.move(file, aside); } catch (IOException ignored) { /* reported below either way */ }
            s.notice = aside.toString();
        }
        return s;
    }

    /** Where an unreadable settings file was moved, or null. */
    public String corruptNotice() { return notice; }

    public Path file() { return file; }

    public String get(String key, String def) { return props.getProperty(key, def); }

    public int getInt(String key, int def) {
        try { return Integer.parseInt(props.getProperty(key, "")); } catch (NumberFormatException e) { return def; }
    }

    public synchronized void put(String key, String value) {
        if (value == null) props.remove(key); else props.setProperty(key, value);
    }

    public void putInt(String key, int value) { put(key, Integer.toString(value)); }

    public synchronized List<String> recentModels() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < MAX_RECENT; i++) { String p = props.getProperty("recent." + i); if (p != null) out.add(p); }
        return out;
    }

    /** Puts a model first in the recent list (no duplicates, at most {@link #MAX_RECENT}). */
    public synchronized void addRecent(String path) {
        List<String> list = recentModels();
        list.remove(path);
        list.addFirst(path);
        for (int i = 0; i < MAX_RECENT; i++) {
            if (i < list.size()) props.setProperty("recent." + i, list.get(i)); else props.remove("recent." + i);
        }
    }

    /** Writes the file atomically: a temp file in the same folder, then a rename over the old one. */
    public void save() throws IOException {
        String text;
        synchronized (this) {
            StringWriter w = new StringWriter();
            props.store(w, "Glassbox settings");
            text = w.toString();
        }
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), "settings", ".tmp");
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) { w.write(text); }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
