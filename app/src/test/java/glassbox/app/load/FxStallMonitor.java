package glassbox.app.load;

import javafx.application.Platform;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A heartbeat on the JavaFX thread: every 5 ms a background thread posts a runnable stamped with the
 * time it was posted; the FX thread records how long it waited. The longest wait is how long a
 * keystroke or a click could have gone unanswered (the stall). The gap between two consecutive beats
 * run on the FX thread is recorded too (it also includes the poster's own scheduling jitter).
 */
final class FxStallMonitor implements AutoCloseable {
    private final ScheduledExecutorService poster = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fx-stall-monitor");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong maxWait = new AtomicLong(), maxGap = new AtomicLong(), beats = new AtomicLong();
    private final AtomicLong over50 = new AtomicLong();
    private long lastRun = -1; // FX thread only
    private long fxThreadId = -1, fxCpuStart, wallStart;

    FxStallMonitor start() {
        for (Thread t : Thread.getAllStackTraces().keySet()) if (t.getName().equals("JavaFX Application Thread")) fxThreadId = t.threadId();
        fxCpuStart = fxCpu();
        wallStart = System.nanoTime();
        poster.scheduleAtFixedRate(() -> {
            long posted = System.nanoTime();
            Platform.runLater(() -> {
                long now = System.nanoTime();
                long wait = now - posted;
                maxWait.accumulateAndGet(wait, Math::max);
                if (wait > 50_000_000L) over50.incrementAndGet();
                if (lastRun >= 0) maxGap.accumulateAndGet(now - lastRun, Math::max);
                lastRun = now;
                beats.incrementAndGet();
            });
        }, 0, 5, TimeUnit.MILLISECONDS);
        return this;
    }

    /** The longest time a posted beat waited for the FX thread, in ms. */
    double maxWaitMillis() { return maxWait.get() / 1e6; }

    /** The longest time between two beats run on the FX thread, in ms. */
    double maxGapMillis() { return maxGap.get() / 1e6; }

    long beats() { return beats.get(); }

    /** How many beats waited more than 50 ms. */
    long beatsOver50() { return over50.get(); }

    /** The share of one core the FX thread itself used since start (its own work, whatever the machine's load). */
    double fxBusyShare() { return (fxCpu() - fxCpuStart) / (double) Math.max(1, System.nanoTime() - wallStart); }

    private long fxCpu() {
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        return fxThreadId < 0 ? 0 : Math.max(0, mx.getThreadCpuTime(fxThreadId));
    }

    @Override public void close() { poster.shutdownNow(); }
}
