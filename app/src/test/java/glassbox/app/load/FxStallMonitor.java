package glassbox.app.load;

import com.sun.management.GarbageCollectionNotificationInfo;
import javafx.application.Platform;

import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A heartbeat on the JavaFX thread: every 5 ms a background thread posts a runnable stamped with the
 * time it was posted; the FX thread records how long it waited. The longest wait is how long a
 * keystroke or a click could have gone unanswered (the stall). The gap between two consecutive beats
 * run on the FX thread is recorded too (it also includes the poster's own scheduling jitter).
 * <p>
 * To tell the window's own work from the machine's: for the longest wait it records how much CPU the FX
 * thread itself used meanwhile (little CPU = the thread was descheduled or stopped, not busy), every GC
 * pause (the longest), and, whenever no beat has run for 40 ms, a sample of what the FX thread is doing.
 */
final class FxStallMonitor implements AutoCloseable {
    private static final long SAMPLE_AFTER_NANOS = 40_000_000L;
    private final ScheduledExecutorService poster = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fx-stall-monitor");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong maxWait = new AtomicLong(), maxGap = new AtomicLong(), beats = new AtomicLong();
    private final AtomicLong over50 = new AtomicLong(), worstWaitCpu = new AtomicLong(), maxGcPause = new AtomicLong(), gcPauses = new AtomicLong();
    private final AtomicLong maxCpuBetweenBeats = new AtomicLong(), maxRenderCpuBetweenBeats = new AtomicLong();
    private long renderThreadId = -1, lastRenderCpu = -1; // the latter FX thread only
    private volatile long lastRunNanos = System.nanoTime();
    private long lastRun = -1, lastRunCpu, lastPosted; // FX thread only
    private long fxThreadId = -1, fxCpuStart, wallStart;
    private Thread fxThread;
    private long sampledStall = -1; // poster thread only: the lastRun of the stall already sampled
    private final Map<String, Integer> stallFrames = new TreeMap<>(); // guarded by itself
    private final List<Runnable> gcUnhooks = new ArrayList<>();

    FxStallMonitor start() {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("JavaFX Application Thread")) { fxThreadId = t.threadId(); fxThread = t; }
            if (t.getName().startsWith("QuantumRenderer")) renderThreadId = t.threadId();
        }
        fxCpuStart = fxCpu();
        wallStart = System.nanoTime();
        hookGc();
        poster.scheduleAtFixedRate(() -> {
            long posted = System.nanoTime();
            sampleIfStalled(posted);
            Platform.runLater(() -> {
                long now = System.nanoTime();
                long cpu = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                long wait = now - posted;
                if (wait > maxWait.get()) { maxWait.set(wait); worstWaitCpu.set(lastRun < 0 ? 0 : cpu - lastRunCpu); }
                // only beats posted on time (≤ 10 ms apart) bound one stretch of work: a late poster lets several pile up
                boolean adjacent = lastRun >= 0 && posted - lastPosted <= 10_000_000L;
                if (adjacent) maxCpuBetweenBeats.accumulateAndGet(cpu - lastRunCpu, Math::max);
                long render = renderThreadId < 0 ? -1 : ManagementFactory.getThreadMXBean().getThreadCpuTime(renderThreadId);
                if (adjacent && lastRenderCpu >= 0 && render >= 0) maxRenderCpuBetweenBeats.accumulateAndGet(render - lastRenderCpu, Math::max);
                lastPosted = posted;
                lastRenderCpu = render;
                if (wait > 50_000_000L) over50.incrementAndGet();
                if (lastRun >= 0) maxGap.accumulateAndGet(now - lastRun, Math::max);
                lastRun = now;
                lastRunCpu = cpu;
                lastRunNanos = now;
                beats.incrementAndGet();
            });
        }, 0, 5, TimeUnit.MILLISECONDS);
        return this;
    }

    /** No beat for 40 ms: records the FX thread's innermost frames of the window or JavaFX code, once per stall. */
    private void sampleIfStalled(long now) {
        long since = lastRunNanos;
        if (fxThread == null || now - since < SAMPLE_AFTER_NANOS || sampledStall == since) return;
        sampledStall = since;
        String state = fxThread.getState().toString(), frames = StackText.frames(fxThread.getStackTrace(), c -> c.startsWith("glassbox.")
                || c.startsWith("javafx.") || c.startsWith("com.sun.javafx.") || c.startsWith("com.sun.prism."), 3);
        String where = frames.isEmpty() ? state : state + " < " + frames;
        synchronized (stallFrames) { stallFrames.merge(where, 1, Integer::sum); }
    }

    private void hookGc() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!(gc instanceof NotificationEmitter emitter)) continue;
            NotificationListener l = (n, h) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) return;
                var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                if (info.getGcName().contains("Concurrent") || info.getGcCause().contains("System.gc")) return; // not a pause of the window's
                gcPauses.incrementAndGet();
                maxGcPause.accumulateAndGet(info.getGcInfo().getDuration(), Math::max);
            };
            emitter.addNotificationListener(l, null, null);
            gcUnhooks.add(() -> { try { emitter.removeNotificationListener(l); } catch (Exception ignored) { /* gone */ } });
        }
    }

    /** The longest time a posted beat waited for the FX thread, in ms. */
    double maxWaitMillis() { return maxWait.get() / 1e6; }

    /** CPU time the FX thread itself used during the longest wait (between the beat before it and it), in ms. */
    double worstWaitFxCpuMillis() { return worstWaitCpu.get() / 1e6; }

    /**
     * The most CPU the FX thread used between two consecutive beats, in ms: the longest stretch of the window's
     * own work (event handling, CSS, layout, drawing) that no beat could interrupt, whatever the machine's load.
     */
    double maxFxCpuBetweenBeatsMillis() { return maxCpuBetweenBeats.get() / 1e6; }

    /** The same for the renderer thread (software painting of a frame the FX thread may wait for), in ms. */
    double maxRenderCpuBetweenBeatsMillis() { return maxRenderCpuBetweenBeats.get() / 1e6; }

    /** The longest GC pause while monitoring (System.gc() excluded), in ms, and how many pauses there were. */
    long maxGcPauseMillis() { return maxGcPause.get(); }

    long gcPauses() { return gcPauses.get(); }

    /** What the FX thread was doing each time no beat had run for 40 ms: "state < innermost frames" → count. */
    Map<String, Integer> stallSamples() { synchronized (stallFrames) { return new TreeMap<>(stallFrames); } }

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

    @Override public void close() {
        poster.shutdownNow();
        gcUnhooks.forEach(Runnable::run);
        gcUnhooks.clear();
    }
}
