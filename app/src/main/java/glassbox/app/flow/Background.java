package glassbox.app.flow;

import javafx.application.Platform;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One daemon worker per pane: slow engine calls run here, and only the newest request's result
 * reaches the JavaFX thread (older ones are dropped), so the window never freezes or shows stale data.
 */
final class Background {
    private final ExecutorService worker;
    private final AtomicLong generation = new AtomicLong();

    Background(String name) {
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "glassbox-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs work off the FX thread, then hands its result to onFx on the FX thread unless superseded. */
    <T> void run(Supplier<T> work, Consumer<T> onFx, Consumer<Throwable> onError) {
        long mine = generation.incrementAndGet();
        worker.submit(() -> {
            if (generation.get() != mine) return; // superseded or cancelled before it started: never touches the model
            try {
                T result = work.get();
                Platform.runLater(() -> { if (generation.get() == mine) onFx.accept(result); });
            } catch (Throwable e) {
                Platform.runLater(() -> { if (generation.get() == mine) onError.accept(e); });
            }
        });
    }

    /** Queues work without superseding anything (for a chain of generation steps). */
    void submit(Runnable work) { worker.submit(work); }

    /** Drops everything queued so far: what has not started never runs, what runs has its result dropped. */
    void cancelPending() { generation.incrementAndGet(); }

    /** Drops pending work and lets the thread end (a running call finishes; its result is dropped). */
    void close() {
        cancelPending();
        worker.shutdown();
    }
}
