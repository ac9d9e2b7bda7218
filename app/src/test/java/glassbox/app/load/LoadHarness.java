package glassbox.app.load;

import glassbox.app.AppState;
import glassbox.app.MainWindow;
import glassbox.app.ModelHandle;
import glassbox.app.ModelOpener;
import glassbox.app.Settings;
import glassbox.app.Snapshot;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Assumptions;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One real window over an {@link AppState} for the load tests. It records what was published as light
 * facts (sequence, prompt, fed ids, model) rather than whole snapshots, so recording does not hold
 * traces alive and distort the heap figures; {@link #clearRecord()} starts a new record.
 */
final class LoadHarness {
    /** What one published snapshot said, without its trace. */
    record Published(long sequence, String prompt, int[] tokens, boolean ok, String error, ModelHandle model) {}

    final AppState state;
    final MainWindow window;
    final Path settingsFile;
    final CopyOnWriteArrayList<Published> published = new CopyOnWriteArrayList<>();
    final CopyOnWriteArrayList<Throwable> fxErrors = new CopyOnWriteArrayList<>();

    LoadHarness(Stage stage, ModelOpener opener) throws Exception {
        settingsFile = Files.createTempDirectory("glassbox-load").resolve("settings.properties");
        state = new AppState(Settings.load(settingsFile), opener, 4);
        window = new MainWindow(state, () -> {});
        AppState.Listener inner = window;
        state.setListener(new AppState.Listener() {
            @Override public void snapshot(Snapshot s) {
                published.add(new Published(s.sequence(), s.prompt(), s.tokens(), s.ok(), s.error(), s.model()));
                inner.snapshot(s);
            }
            @Override public void modelChanged(ModelHandle m) { inner.modelChanged(m); }
            @Override public void modelFailed(Path file, String message) { inner.modelFailed(file, message); }
            @Override public void loading(Path file) { inner.loading(file); }
        });
        // anything thrown on the FX thread (a view's listener, a runLater) is an error of the window
        Thread.UncaughtExceptionHandler previous = Thread.currentThread().getUncaughtExceptionHandler();
        Thread.currentThread().setUncaughtExceptionHandler((t, e) -> {
            fxErrors.add(e);
            if (previous != null) previous.uncaughtException(t, e);
        });
        stage.setScene(new Scene(window.root(), 1240, 760));
        glassbox.app.GlassboxApplication.style(stage.getScene(), false);   // the load as users see it: theme and app.css
        stage.show();
    }

    void clearRecord() { published.clear(); }

    static Path stories260K() { return shared("models", "llama2c", "stories260K.bin"); }

    static Path shared(String... parts) {
        String dir = System.getProperty("glassbox.shared");
        Path p = dir == null ? null : Path.of(dir, parts);
        Assumptions.assumeTrue(p != null && Files.isRegularFile(p), "skipped: ../shared/" + String.join("/", parts) + " is not here");
        return p;
    }

    static <T> T fx(Callable<T> work) { return WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(work)); }

    static void fxRun(Runnable r) { fx(() -> { r.run(); return null; }); }

    static void waitUntil(BooleanSupplier condition, String what) {
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(condition::getAsBoolean));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting for " + what);
        }
    }

    /** Waits until the window shows a snapshot of exactly this prompt and no newer edit is pending. */
    Snapshot settle(String prompt) {
        waitUntil(() -> state.lastSnapshot() != null && state.lastSnapshot().prompt().equals(prompt)
                && state.lastSnapshot().sequence() == state.pipeline().latestSequence(), "the snapshot of the final prompt");
        return state.lastSnapshot();
    }
}
