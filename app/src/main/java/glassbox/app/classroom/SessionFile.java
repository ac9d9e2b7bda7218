package glassbox.app.classroom;

import glassbox.model.json.Json;
import glassbox.model.json.JsonText;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A session as a small JSON file ({@code *.glassbox.json}), written atomically (temp file + rename).
 * Reading never throws: a missing, huge, non-UTF-8, non-JSON, foreign, newer or damaged file gives a
 * {@link Result.Failed} with a message in the user's language.
 */
public final class SessionFile {
    public static final int FORMAT = 1;
    public static final String EXTENSION = ".glassbox.json";
    static final long MAX_BYTES = 64L << 20; // prompts are capped well below this; anything larger is not ours

    /** The outcome of reading a session file. */
    public sealed interface Result {
        /** @param notice a warning to show (the model file is gone), or null */
        record Loaded(Session session, String notice) implements Result {}

        record Failed(String message) implements Result {}
    }

    private SessionFile() {}

    public static String toJson(Session s) {
        return "{\n  \"glassbox\": \"session\",\n  \"version\": " + FORMAT
                + ",\n  \"model\": " + (s.modelPath() == null ? "null" : JsonText.quote(s.modelPath()))
                + ",\n  \"prompt\": " + JsonText.quote(s.prompt())
                + ",\n  \"selection\": {\"layer\": " + s.layer() + ", \"head\": " + s.head() + ", \"token\": " + s.token() + "}"
                + ",\n  \"view\": " + JsonText.quote(s.viewId())
                + ",\n  \"theme\": " + JsonText.quote(s.theme())
                + ",\n  \"locale\": " + JsonText.quote(s.locale()) + "\n}\n";
    }

    /** Writes the session atomically; call off the FX thread (or use {@link #saveAsync}). */
    public static void save(Session s, Path file) throws IOException {
        AtomicWrite.write(file, toJson(s).getBytes(StandardCharsets.UTF_8));
    }

    /** Saves on a background thread; the future fails with an IOException whose message is for the user. */
    public static CompletableFuture<Path> saveAsync(Session s, Path file, Locale locale) {
        return CompletableFuture.supplyAsync(() -> {
            try { save(s, file); return file; } catch (IOException | RuntimeException e) {
                throw new java.util.concurrent.CompletionException(new IOException(
                        new ClassroomText(locale).get("session.saveFailed", file, Exporter.rootMessage(e)), e));
            }
        }, Thread.ofVirtual()::start);
    }

    /** Reads on a background thread; never completes exceptionally. */
    public static CompletableFuture<Result> loadAsync(Path file, Locale locale) {
        return CompletableFuture.supplyAsync(() -> load(file, locale), Thread.ofVirtual()::start);
    }

    /** Reads a session; every problem becomes a {@link Result.Failed} with a clear message. */
    public static Result load(Path file, Locale locale) {
        var t = new ClassroomText(locale);
        String name = String.valueOf(file.getFileName());
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) return new Result.Failed(t.get("session.tooLarge", name, size));
            String json = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
            return parse(json, name, t);
        } catch (NoSuchFileException e) {
            return new Result.Failed(t.get("session.notFound", name));
        } catch (CharacterCodingException e) {
            return new Result.Failed(t.get("session.notJson", name, "not UTF-8 text"));
        } catch (IOException | RuntimeException e) {
            return new Result.Failed(t.get("session.unreadable", name, Exporter.rootMessage(e)));
        }
    }

    static Result parse(String json, String name, ClassroomText t) {
        Map<String, Object> o;
        try {
            o = Json.parseObject(json);
        } catch (IllegalArgumentException e) {
            return new Result.Failed(t.get("session.notJson", name, e.getMessage()));
        }
        if (!"session".equals(o.get("glassbox"))) return new Result.Failed(t.get("session.foreign", name));
        if (!(o.get("version") instanceof Long v) || v < 1) return new Result.Failed(t.get("session.badField", name, "version"));
        if (v > FORMAT) return new Result.Failed(t.get("session.newerVersion", name, v, FORMAT));
        Object model = o.get("model");
        if (model != null && !(model instanceof String)) return new Result.Failed(t.get("session.badField", name, "model"));
        if (!(o.get("prompt") instanceof String prompt)) return new Result.Failed(t.get("session.badField", name, "prompt"));
        if (!(o.get("selection") instanceof Map<?, ?> sel)) return new Result.Failed(t.get("session.badField", name, "selection"));
        Integer layer = small(sel.get("layer")), head = small(sel.get("head")), token = small(sel.get("token"));
        if (layer == null) return new Result.Failed(t.get("session.badField", name, "selection.layer"));
        if (head == null) return new Result.Failed(t.get("session.badField", name, "selection.head"));
        if (token == null) return new Result.Failed(t.get("session.badField", name, "selection.token"));
        String view = optionalString(o, "view"), theme = optionalString(o, "theme"), locale = optionalString(o, "locale");
        for (String k : new String[]{"view", "theme", "locale"}) {
            if (o.containsKey(k) && o.get(k) != null && !(o.get(k) instanceof String)) return new Result.Failed(t.get("session.badField", name, k));
        }
        var s = new Session((String) model, prompt, layer, head, token, view, theme, locale);
        String notice = s.modelPath() != null && !isFile(s.modelPath()) ? t.get("session.modelMissing", s.modelPath()) : null;
        return new Result.Loaded(s, notice);
    }

    private static boolean isFile(String path) {
        try { return Files.isRegularFile(Path.of(path)); } catch (java.nio.file.InvalidPathException e) { return false; }
    }

    private static String optionalString(Map<String, Object> o, String k) { return o.get(k) instanceof String s ? s : null; }

    /** A selection index: an integer from −1 to 1,000,000, else null. */
    private static Integer small(Object v) {
        return v instanceof Long l && l >= -1 && l <= 1_000_000 ? l.intValue() : null;
    }
}
