package glassbox.app;

import javafx.application.Platform;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * What outlives a rebuilt window (language or theme switch): settings, the shared selection, the live
 * pipeline and its current result, and model loading on its own background thread.
 */
public final class AppState implements AutoCloseable {
    /** What the window is told about (always on the FX thread). */
    public interface Listener {
        void snapshot(Snapshot s);
        void modelChanged(ModelHandle m);
        void modelFailed(Path file, String message);
        void loading(Path file);
    }

    private final Settings settings;
    private final Selection selection = new Selection();
    private final ModelOpener opener;
    private final LivePipeline pipeline;
    private final ExecutorService loader = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "glassbox-model-loader");
        t.setDaemon(true);
        return t;
    });
    private final ExecutorService saver = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "glassbox-settings");
        t.setDaemon(true);
        return t;
    });
    private volatile ModelGate gate; // the current model's door for the background panes
    private AppText text;
    private Listener listener;
    private Snapshot last;
    private boolean dark;

    public AppState(Settings settings, ModelOpener opener, long debounceMillis) {
        this.settings = settings;
        this.opener = opener;
        this.text = new AppText(AppText.supported(Locale.forLanguageTag(settings.get("locale", Locale.getDefault().toLanguageTag()))));
        this.dark = "dark".equals(settings.get("theme", "light"));
        this.pipeline = new LivePipeline(Platform::runLater, this::publish, debounceMillis, messages());
        selection.layer().set(Math.max(0, settings.getInt("layer", 0)));
        selection.head().set(Math.max(0, settings.getInt("head", 0)));
        selection.queryToken().set(Math.max(-1, settings.getInt("query", -1)));
        selection.layer().addListener((o, a, b) -> { settings.putInt("layer", b.intValue()); saveSoon(); });
        selection.head().addListener((o, a, b) -> { settings.putInt("head", b.intValue()); saveSoon(); });
        selection.queryToken().addListener((o, a, b) -> { settings.putInt("query", b.intValue()); saveSoon(); });
    }

    public Settings settings() { return settings; }

    public Selection selection() { return selection; }

    public LivePipeline pipeline() { return pipeline; }

    public AppText text() { return text; }

    public boolean dark() { return dark; }

    public Snapshot lastSnapshot() { return last; }

    public ModelHandle model() { return pipeline.model(); }

    /** The flow panes' calls into m, through its gate; null once m is no longer the current model. */
    public glassbox.app.flow.FlowModel flowModel(ModelHandle m) {
        ModelGate g = gate;
        return g != null && g.model() == m ? g.flowModel() : null;
    }

    public void setListener(Listener l) { listener = l; }

    public void setLocale(Locale l) {
        text = new AppText(AppText.supported(l));
        pipeline.setMessages(messages());
        settings.put("locale", text.locale().toLanguageTag());
        saveSoon();
    }

    public void setDark(boolean d) {
        dark = d;
        settings.put("theme", d ? "dark" : "light");
        saveSoon();
    }

    /** A new prompt text from the editor. */
    public long promptChanged(String prompt) {
        settings.put("prompt", prompt.length() > 20_000 ? prompt.substring(0, 20_000) : prompt);
        saveSoon();
        return pipeline.submit(prompt);
    }

    /**
     * Uses an already-open model (tests, first start). The old model's background work is stopped (the
     * window's panes drop their sessions; its gate refuses new calls), and it is closed once the last call
     * in flight has returned, on the pipeline's thread after any pass of it: never while in use, never
     * waited for here.
     */
    public void useModel(ModelHandle m) {
        ModelGate current = gate;
        ModelGate old = current != null && current.model() == m ? null : current; // the same model again: nothing to retire
        if (old != null || current == null) gate = new ModelGate(m);
        selection.groupSize().set(m.config().groupSize());
        pipeline.setModel(m); // newer sequence: the old model's pending and late results are dropped
        try {
            if (listener != null) listener.modelChanged(m); // the window stops its panes' work on the old model
        } finally {
            if (old != null) old.retire(() -> closeLater(old.model()));
        }
    }

    /** Closes on the pipeline's thread, after any pass queued or running there (on a spare thread once it is shut). */
    private void closeLater(ModelHandle m) {
        try {
            pipeline.runOnWorker(m::close);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            Thread.ofPlatform().daemon().name("glassbox-model-close").start(m::close);
        }
    }

    /** Loads a model in the background; on failure the previous model stays in use. */
    public void openModel(Path file) {
        if (listener != null) listener.loading(file);
        loader.execute(() -> {
            try {
                ModelHandle m = opener.open(file);
                StartupTiming.mark("model opened: " + file.getFileName());
                Platform.runLater(() -> {
                    useModel(m);
                    settings.put("model", file.toAbsolutePath().toString());
                    settings.addRecent(file.toAbsolutePath().toString());
                    saveSoon();
                });
            } catch (Exception | OutOfMemoryError | StackOverflowError e) {
                String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                Platform.runLater(() -> { if (listener != null) listener.modelFailed(file, msg); });
            }
        });
    }

    private boolean timed;

    private void publish(Snapshot s) {
        if (!timed && s.ok() && (timed = true)) StartupTiming.mark("first result published");
        last = s;
        if (listener != null) listener.snapshot(s);
    }

    private LivePipeline.Messages messages() {
        AppText t = text;
        return new LivePipeline.Messages() {
            @Override public String cut(int kept, int total, int context) { return t.get("notice.cut", kept, total, context); }
            @Override public String empty() { return t.get("notice.empty"); }
            @Override public String failed(String detail) { return t.get("error.recompute", detail); }
        };
    }

    private volatile boolean savePending;

    /** Saves on a background thread, coalescing bursts of changes into one write. */
    public void saveSoon() {
        if (savePending) return;
        savePending = true;
        saver.execute(() -> {
            savePending = false;
            try { settings.save(); } catch (Exception ignored) { /* settings are a convenience; never fatal */ }
        });
    }

    @Override public void close() {
        try { settings.save(); } catch (Exception ignored) { /* best effort at exit */ }
        pipeline.close();
        loader.shutdownNow();
        saver.shutdownNow();
        ModelGate g = gate;
        gate = null;
        if (g != null) g.retire(() -> closeLater(g.model()));
    }
}
