package glassbox.app.bench;

import glassbox.app.AppState;
import glassbox.app.EngineModel;
import glassbox.app.MainWindow;
import glassbox.app.ModelHandle;
import glassbox.app.Settings;
import glassbox.app.Snapshot;
import glassbox.model.io.ModelFiles;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keystroke → visible view updated, measured in the real window (headless Monocle unless a display is
 * given): an edit is put into the prompt editor on the FX thread, the clock stops when the visible
 * view has drawn the snapshot of that edit. A heartbeat posted to the FX thread every 2 ms measures
 * the longest stall of the FX thread meanwhile.
 * Run: see README ("Latency"). Args: [model paths...] (default: the shipped model and stories260K).
 */
public final class LatencyBench {
    private static final int WARMUP = Integer.getInteger("bench.warmup", 20), TRIALS = Integer.getInteger("bench.trials", 25),
            GAP_MS = Integer.getInteger("bench.gapMs", 15), WIDTH = 1240, HEIGHT = 760;

    public static void main(String[] args) throws Exception {
        if (System.getProperty("glass.platform") == null && System.getenv("DISPLAY") == null) {
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
            // the virtual screen is the window's size and the window sits at its origin: Monocle then copies each frame
            // into its screen buffer instead of first clearing all of it on the JavaFX thread (a test-harness cost no real
            // window system has: 8% of that thread's time on the attention grid)
            System.setProperty("headless.geometry", WIDTH + "x" + HEIGHT);
        }
        List<Path> models = new ArrayList<>();
        for (String a : args) models.add(Path.of(a));
        if (models.isEmpty()) {
            models.add(ModelFiles.defaultModel());
            models.add(Path.of(System.getProperty("glassbox.shared", "../shared"), "models", "llama2c", "stories260K.bin"));
        }
        CountDownLatch up = new CountDownLatch(1);
        Platform.startup(up::countDown);
        up.await();
        Platform.setImplicitExit(false);
        System.out.printf(Locale.ROOT, "%-16s %-13s %6s %10s %10s %10s %12s %12s %12s %12s %10s %9s%n", "model", "view", "tokens", "median ms", "p95 ms", "max ms",
                "FX stall ms", "FX CPU ms", "render ms", "pass ms", "late>16ms", "steal ms");
        System.out.printf("(cores: %d, load average: %.1f)%n", Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        for (Path m : models) {
            if (!Files.isRegularFile(m)) { System.out.println(m + ": not found, skipped"); continue; }
            warmUp(m);
            for (String view : System.getProperty("bench.views", "tokenization,attention,head,mask").split(",")) {
                for (String n : System.getProperty("bench.tokens", "16,64,256").split(",")) run(m, view, Integer.parseInt(n.trim()));
            }
        }
        int floorSeconds = Integer.getInteger("bench.floorSeconds", 60);
        if (floorSeconds > 0) floor(models.getFirst(), floorSeconds);
        System.out.println(Heartbeat.realTime ? "(heartbeat thread: real-time priority, SCHED_FIFO 1)"
                : "(heartbeat thread at normal priority (-Dbench.realTime=false, or the OS refused a real-time one): a late beat may be the heartbeat's own wait for a CPU)");
        Platform.exit();
        System.exit(0);
    }

    private static void run(Path modelFile, String view, int tokens) throws Exception {
        ModelHandle model = EngineModel.open(modelFile);
        AppState state = newState();
        AtomicLong sentAt = new AtomicLong(), doneAt = new AtomicLong(), fxCpu = new AtomicLong(), compute = new AtomicLong();
        CountDownLatch[] done = {new CountDownLatch(1)};
        String[] expect = {""};
        MainWindow[] w = new MainWindow[1];
        Stage[] stage = new Stage[1];
        onFx(() -> {
            w[0] = new MainWindow(state, () -> {});
            AppState.Listener inner = w[0];
            state.setListener(new AppState.Listener() {
                @Override public void snapshot(Snapshot s) {
                    long cpu0 = THREADS.getCurrentThreadCpuTime();
                    inner.snapshot(s); // draws the visible view synchronously
                    if (s.prompt().equals(expect[0])) {
                        fxCpu.set(THREADS.getCurrentThreadCpuTime() - cpu0);
                        compute.set(s.computeNanos());
                        doneAt.set(System.nanoTime());
                        done[0].countDown();
                    }
                }
                @Override public void modelChanged(ModelHandle m) { inner.modelChanged(m); }
                @Override public void modelFailed(Path file, String message) { inner.modelFailed(file, message); }
                @Override public void loading(Path file) { inner.loading(file); }
            });
            stage[0] = show(w[0]);
            state.useModel(model);
            w[0].open(view);
        });
        String base = promptOf(model, tokens - 1);
        int fed = model.tokenizer().encode(base).length + (model.usesBos() ? 1 : 0);
        var stalls = new Heartbeat();
        long render0 = 0, steal0 = 0;
        List<Double> ms = new ArrayList<>(), cpu = new ArrayList<>(), work = new ArrayList<>();
        for (int i = 0; i < WARMUP + TRIALS; i++) {
            String text = base.substring(0, base.length() - 1) + (i % 2 == 0 ? "s" : "d");
            expect[0] = text;
            done[0] = new CountDownLatch(1);
            if (i == WARMUP) {
                // the steady state of a window that has been open a while: each case makes a new window, model and
                // scene graph (megabytes), which G1 would otherwise copy between survivor spaces at every pause of the
                // case's first seconds; one full collection makes them old, as they are in the app after its first minute
                System.gc();
                stalls.start(); render0 = rendererCpu(); steal0 = stealMs();
            }
            onFx(() -> { sentAt.set(System.nanoTime()); w[0].prompt().setText(text); });
            if (!done[0].await(30, TimeUnit.SECONDS)) throw new IllegalStateException("no update for " + tokens + " tokens");
            if (i >= WARMUP) { ms.add((doneAt.get() - sentAt.get()) / 1e6); cpu.add(fxCpu.get() / 1e6); work.add(compute.get() / 1e6); }
            Thread.sleep(GAP_MS); // a typist's gap, so each edit is measured on its own
        }
        double stall = stalls.stop();
        double renderMs = (rendererCpu() - render0) / 1e6 / TRIALS; // the software renderer's CPU per edit, frames included
        Collections2.sort(ms);
        Collections2.sort(cpu);
        Collections2.sort(work);
        System.out.printf(Locale.ROOT, "%-16s %-13s %6d %10.1f %10.1f %10.1f %12.1f %12.1f %12.1f %12.1f %10s %9s%n", modelFile.getFileName(), view, fed,
                ms.get(ms.size() / 2), ms.get((int) Math.ceil(ms.size() * 0.95) - 1), ms.getLast(), stall, cpu.get(cpu.size() / 2), renderMs,
                work.get(work.size() / 2), stalls.overBudget(), steal0 < 0 ? "?" : String.valueOf(stealMs() - steal0));
        onFx(() -> { state.setListener(null); stage[0].close(); }); // a window left open would be laid out and drawn in every later case
        state.close();
    }

    /**
     * The machine's floor: the same window with no edits at all (nothing for the JavaFX thread to do) while one thread
     * computes in bursts like the pipeline's (50 ms on, 15 ms off): the late heartbeats a 2-core VM gives anyway.
     */
    private static void floor(Path modelFile, int seconds) throws Exception {
        ModelHandle model = EngineModel.open(modelFile);
        AppState state = newState();
        Stage[] stage = new Stage[1];
        onFx(() -> {
            MainWindow w = new MainWindow(state, () -> {});
            state.setListener(w);
            stage[0] = show(w);
            state.useModel(model);
            w.open("tokenization");
            w.prompt().setText(promptOf(model, 63));
        });
        Thread.sleep(2000);   // the prompt computed and drawn
        var stalls = new Heartbeat();
        long steal0 = stealMs(), end = System.nanoTime() + seconds * 1_000_000_000L;
        double[] sink = {0};
        Thread busy = new Thread(() -> {
            double x = 1;
            while (System.nanoTime() < end) {
                long burst = System.nanoTime() + 50_000_000L;
                while (System.nanoTime() < burst) for (int i = 0; i < 10_000; i++) x = x * 1.0000001 + 1e-9;
                try { Thread.sleep(15); } catch (InterruptedException e) { return; }
            }
            sink[0] = x;
        }, "floor-busy");
        stalls.start();
        busy.start();
        busy.join();
        double stall = stalls.stop();
        System.out.printf(Locale.ROOT, "%-16s %-13s %6s %10s %10s %10s %12.1f %12s %12s %12s %10s %9s%n", "(no edits)", "1 core busy", "-", "-", "-", "-",
                stall, "-", "-", "-", stalls.overBudget(), steal0 < 0 ? "?" : String.valueOf(stealMs() - steal0));
        onFx(() -> { state.setListener(null); stage[0].close(); });
        state.close();
        if (sink[0] == 42) System.out.println();   // keeps the loop from being optimised away
    }

    /** The app's state over a settings file of its own; opening files is the bench's business, not the window's. */
    private static AppState newState() throws java.io.IOException {
        return new AppState(Settings.load(Files.createTempDirectory("glassbox-bench").resolve("settings.properties")),
                f -> { throw new UnsupportedOperationException(); }, 6);
    }

    /** The window in a stage the size of the virtual screen, at its origin, styled as users see it (theme and app.css). */
    private static Stage show(MainWindow w) {
        Stage st = new Stage();
        st.setScene(new Scene(w.root(), WIDTH, HEIGHT));
        st.setX(0);
        st.setY(0);
        glassbox.app.GlassboxApplication.style(st.getScene(), false);
        st.show();
        return st;
    }

    /** Steady state, not the JIT's first minute: the engine's kernels are compiled before any case is timed. */
    private static void warmUp(Path modelFile) throws Exception {
        int passes = Integer.getInteger("bench.jitWarmup", 150);
        try (ModelHandle m = EngineModel.open(modelFile)) {
            int[] ids = m.tokenizer().encode(promptOf(m, 64));
            for (int i = 0; i < passes; i++) m.trace(ids);
        }
    }

    /** Words from a children's story until the tokenizer gives n ids. */
    private static String promptOf(ModelHandle m, int n) {
        String[] words = "Once upon a time there was a little girl named Lily who loved to play in the park with her dog".split(" ");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; m.tokenizer().encode(sb.toString()).length < n; i++) sb.append(i == 0 ? "" : " ").append(words[i % words.length]);
        return sb.toString();
    }

    private static void onFx(Runnable r) throws InterruptedException {
        CountDownLatch l = new CountDownLatch(1);
        Platform.runLater(() -> { try { r.run(); } finally { l.countDown(); } });
        l.await();
    }

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    /** CPU time the hypervisor gave to other guests (all CPUs, from /proc/stat, 10 ms ticks), or -1 where unknown. */
    private static long stealMs() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            return f.length > 8 && f[0].equals("cpu") ? Long.parseLong(f[8]) * 10 : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    /** CPU time of JavaFX's renderer thread (QuantumRenderer-0), ns; 0 when there is none. */
    private static long rendererCpu() {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("QuantumRenderer")) return Math.max(0, THREADS.getThreadCpuTime(t.threadId()));
        }
        return 0;
    }

    private static final class Collections2 { static void sort(List<Double> l) { l.sort(Double::compare); } }

    /** Posts a task to the FX thread every 2 ms and records how late the latest one ran. */
    private static final class Heartbeat {
        private static final boolean LOG_STALLS = Boolean.getBoolean("bench.logStalls");
        private volatile boolean on;
        /** Whether the heartbeat thread runs at a real-time priority (so its own wake-ups are never late). */
        static volatile boolean realTime;
        private volatile double maxLateMs;
        private int beats, overBudget;   // written on the FX thread only, read after join
        private Thread t;

        void start() {
            on = true;
            t = new Thread(() -> {
                realTime = !"false".equals(System.getProperty("bench.realTime")) && RealTime.request();
                while (on) {
                    long waited0 = LOG_STALLS ? fxRunQueueNanos() : 0;
                    long posted = System.nanoTime();
                    CountDownLatch l = new CountDownLatch(1);
                    Platform.runLater(() -> {
                        fx = Thread.currentThread();
                        double late = (System.nanoTime() - posted) / 1e6;
                        if (LOG_STALLS && late > 8) log.add(String.format(Locale.ROOT, "  stall %.1f ms ending at uptime %d ms", late, java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime()));
                        maxLateMs = Math.max(maxLateMs, late);
                        beats++;
                        if (late > 16) overBudget++;
                        l.countDown();
                    });
                    try {
                        if (LOG_STALLS && fx != null) sampleWhileLate(l, posted, waited0); else l.await();
                        Thread.sleep(2);
                    } catch (InterruptedException e) { return; }
                }
            }, "fx-heartbeat");
            t.setDaemon(true);
            t.start();
        }

        private volatile Thread fx;
        /** Printed after the run: printing on the FX thread (or contending for System.out with it) would make stalls. */
        private final java.util.Queue<String> log = new java.util.concurrent.ConcurrentLinkedQueue<>();

        /** While the beat is late, samples the FX thread's stack every 2 ms; prints the samples of a stall over 16 ms. */
        private void sampleWhileLate(CountDownLatch beat, long posted, long waited0) throws InterruptedException {
            if (beat.await(10, TimeUnit.MILLISECONDS)) return;
            List<String> samples = new ArrayList<>();
            long gcs0 = gcCount(), steal0 = stealMs();
            java.util.Map<String, Long> cpu0 = threadCpu();
            do {
                String frames = glassbox.app.load.StackText.frames(fx.getStackTrace(),
                        c -> !c.startsWith("java.util.concurrent") && !c.startsWith("jdk.internal.misc"), 14);
                samples.add(String.format(Locale.ROOT, "%5.1f ms %s", (System.nanoTime() - posted) / 1e6, frames));
            } while (!beat.await(2, TimeUnit.MILLISECONDS));
            if ((System.nanoTime() - posted) / 1e6 > 16) {
                log.add("  late beat, GCs meanwhile: " + (gcCount() - gcs0) + ", hypervisor steal meanwhile: " + (stealMs() - steal0)
                        + " ms, the FX thread ready but waiting for a CPU: " + String.format(Locale.ROOT, "%.1f ms", (fxRunQueueNanos() - waited0) / 1e6)
                        + "; CPU from 10 ms late on: " + busiest(cpu0, threadCpu()));
                for (String x : samples) log.add("    " + x);
            }
        }

        /** CPU time so far of each of this process's threads, ns, by "name/tid" (from /proc). */
        private static java.util.Map<String, Long> threadCpu() {
            java.util.Map<String, Long> out = new java.util.HashMap<>();
            try (var tasks = Files.list(Path.of("/proc/self/task"))) {
                tasks.forEach(t -> {
                    try {
                        out.put(comm(t) + "/" + t.getFileName(), schedstat(t, 0));
                    } catch (Exception ignored) { /* the thread ended */ }
                });
            } catch (Exception ignored) { /* no /proc */ }
            return out;
        }

        /** The threads that used the most CPU between two {@link #threadCpu()} readings: "name 3.1 ms, …". */
        private static String busiest(java.util.Map<String, Long> before, java.util.Map<String, Long> after) {
            return after.entrySet().stream().map(e -> java.util.Map.entry(e.getKey().replaceAll("/\\d+$", ""), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                    .filter(e -> e.getValue() > 300_000).sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(5)
                    .map(e -> String.format(Locale.ROOT, "%s %.1f ms", e.getKey(), e.getValue() / 1e6)).reduce((a, b) -> a + ", " + b).orElse("none");
        }

        private Path fxTask;   // /proc/self/task/<tid> of the FX thread, found on first use (empty: none)

        /** A thread's name as the kernel keeps it (15 characters at most), from its /proc/self/task folder. */
        private static String comm(Path task) throws java.io.IOException { return Files.readString(task.resolve("comm")).trim(); }

        /** Field i of a thread's schedstat: 0 the CPU time it ran, 1 the time it waited runnable for a CPU (ns). */
        private static long schedstat(Path task, int i) throws java.io.IOException {
            return Long.parseLong(Files.readString(task.resolve("schedstat")).trim().split("\\s+")[i]);
        }

        /** Time the FX thread has spent runnable but not running (the kernel's run_delay), ns; 0 where unknown. */
        private long fxRunQueueNanos() {
            try {
                if (fxTask == null) {
                    try (var tasks = Files.list(Path.of("/proc/self/task"))) {
                        fxTask = tasks.filter(t -> {
                            try {
                                String name = comm(t);
                                return name.equals("Event Thread") || name.startsWith("JavaFX Applicat");   // Monocle; a display
                            } catch (Exception e) { return false; }
                        }).findFirst().orElse(Path.of(""));
                    }
                }
                return fxTask.toString().isEmpty() ? 0 : schedstat(fxTask, 1);
            } catch (Exception e) {
                return 0;
            }
        }

        private static long gcCount() {
            long n = 0;
            for (var g : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) n += Math.max(0, g.getCollectionCount());
            return n;
        }

        double stop() throws InterruptedException {
            on = false;
            t.join();
            log.forEach(System.out::println);
            return maxLateMs;
        }

        /** "late/all": heartbeats that ran more than 16 ms late (one frame), of all that ran. */
        String overBudget() { return overBudget + "/" + beats; }
    }
}
