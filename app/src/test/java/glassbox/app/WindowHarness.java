package glassbox.app;

import javafx.scene.Scene;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** One window over an {@link AppState}, for the TestFX tests; records every published snapshot. */
final class WindowHarness {
    final AppState state;
    final MainWindow window;
    final CopyOnWriteArrayList<Snapshot> published = new CopyOnWriteArrayList<>();

    WindowHarness(Stage stage, ModelOpener opener) throws Exception {
        Path dir = Files.createTempDirectory("glassbox-settings");
        state = new AppState(Settings.load(dir.resolve("settings.properties")), opener, 4);
        window = new MainWindow(state, () -> {});
        AppState.Listener inner = window;
        state.setListener(new AppState.Listener() { // the window listens; the harness also records what it shows
            @Override public void snapshot(Snapshot s) { published.add(s); inner.snapshot(s); }
            @Override public void modelChanged(ModelHandle m) { inner.modelChanged(m); }
            @Override public void modelFailed(Path file, String message) { inner.modelFailed(file, message); }
            @Override public void loading(Path file) { inner.loading(file); }
        });
        stage.setScene(new Scene(window.root(), 1240, 760));
        stage.show();
    }

    static <T> T fx(Callable<T> work) { return WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(work)); }

    static void fxRun(Runnable r) { fx(() -> { r.run(); return null; }); }

    static void waitUntil(BooleanSupplier condition, String what) {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(condition::getAsBoolean));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting for " + what);
        }
    }

    /** Waits until the window shows a snapshot of exactly this prompt and no newer edit is pending. */
    Snapshot waitForPrompt(String prompt) {
        waitUntil(() -> state.lastSnapshot() != null && state.lastSnapshot().prompt().equals(prompt)
                && state.lastSnapshot().sequence() == state.pipeline().latestSequence(), "the snapshot of «" + prompt + "»");
        return state.lastSnapshot();
    }
}
