package glassbox.app.load;

import glassbox.app.EngineModel;
import glassbox.app.Snapshot;
import glassbox.app.panes.AttentionHeadPane;
import glassbox.model.io.ModelFiles;
import glassbox.model.tokenizer.Tokenizer;
import javafx.application.Platform;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static glassbox.app.load.LoadHarness.fx;
import static glassbox.app.load.LoadHarness.fxRun;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The window under load, on the real engine: 30 keystrokes a second for 10 seconds (one in twenty a
 * backspace) while the selected layer and head change every half second. Afterwards the window must
 * show exactly the final prompt, the FX thread must have stayed responsive, and three sessions in a
 * row must not grow the heap.
 */
@ExtendWith(ApplicationExtension.class)
class TypingUnderLoadTest {
    static final int KEYS_PER_RUN = 300;
    static final long KEY_INTERVAL_MICROS = 33_333; // 30 per second
    /**
     * The bound for the longest FX-thread wait (wall clock) in a session where the JIT has not yet compiled the
     * renderer (the first typing session of the JVM): measured 45-98 ms on the 2-core test machine with software
     * rendering (Monocle, prism.order=sw). Most of such a wait is the FX thread waiting for the software renderer
     * to finish the previous frame (PaintCollector.waitForRenderingToComplete), so the bound is loose there.
     */
    static final double COLD_STALL_BOUND_MILLIS = 3000;
    /**
     * The goal, asserted on the warm sessions (runs 2 and 3 on stories260K): the FX thread never waits
     * more than 50 ms. Measured 18-42 ms since the views stopped asking the software renderer for traced shapes
     * (BertViz lines, rotated labels, rounded chips and cards; it was 46-235 ms before).
     */
    static final double STALL_BOUND_MILLIS = 50;
    /** The FX thread's own CPU time per second of typing must stay under this share of a core. */
    static final double FX_BUSY_BOUND = 0.5;
    /** The window's own longest uninterrupted work on the FX thread (CPU between two beats; measured 8-19 ms). */
    static final double FX_WORK_BOUND_MILLIS = 50;
    private static final String STORY = "Once upon a time, there was a little girl named Lily. She loved to play outside "
            + "in the park with her dog Max. One day, they found a big red ball under a tree. Lily was very happy "
            + "and she threw the ball far away. Max ran fast to get it and brought it back to her. ";

    private LoadHarness h;

    @Start void start(Stage stage) throws Exception { h = new LoadHarness(stage, EngineModel::open); }

    @Test void stories260KStaysExactResponsiveAndFlat() throws Exception {
        open(LoadHarness.stories260K());
        String idle = idleBaseline();
        System.out.println("[load] " + idle);
        List<Figures> runs = new ArrayList<>();
        for (int run = 1; run <= 3; run++) runs.add(typingSession(run));
        for (Figures f : runs) System.out.println(f);
        long grown = runs.get(2).heapAfter - runs.get(1).heapAfter;
        String memory = String.format(Locale.ROOT, "heap after run 2: %.1f MB, after run 3: %.1f MB (growth %+.1f MB)",
                runs.get(1).heapAfter / 1e6, runs.get(2).heapAfter / 1e6, grown / 1e6);
        System.out.println("[load] " + memory);
        writeFigures("stories260K", runs, idle + "\n[load] " + memory);
        assertTrue(grown < 20_000_000L || grown < runs.get(1).heapAfter / 10, "memory is flat across sessions: " + memory);
        for (int i = 0; i < runs.size(); i++) {
            Figures f = runs.get(i);
            double bound = i == 0 ? COLD_STALL_BOUND_MILLIS : STALL_BOUND_MILLIS;
            if (f.maxWaitMillis >= bound && i > 0) {
                // one more session, once: on the shared VM the idle window alone has waited up to 46 ms (the FX
                // thread descheduled, 0 ms of its CPU in the wait); two warm sessions in a row over 50 ms fail
                Figures again = typingSession(i + 1);
                System.out.println("[load] run " + (i + 1) + " waited " + f.maxWaitMillis + " ms; the same session again: " + again);
                f = again;
            }
            assertTrue(f.maxWaitMillis < bound, "FX thread stalled over " + bound + " ms: " + f);
            assertTrue(f.fxBusy < FX_BUSY_BOUND, "the window's own work saturates the FX thread: " + f);
            assertTrue(f.maxFxWorkMillis < FX_WORK_BOUND_MILLIS, "the window's own work held the FX thread over 50 ms in one go: " + f);
        }
        assertTrue(h.fxErrors.isEmpty(), "exceptions on the FX thread: " + h.fxErrors);
    }

    /** The shipped default model, one session (the memory check is done on stories260K to keep the time down). */
    @Test void theDefaultModelStaysExactAndResponsive() throws Exception {
        Path def = ModelFiles.defaultModel();
        Assumptions.assumeTrue(Files.isRegularFile(def), "skipped: the default model " + def + " is not built yet");
        open(def);
        Figures f = typingSession(1);
        System.out.println(f);
        writeFigures("classic.gguf", List.of(f), "");
        assertTrue(f.maxWaitMillis < COLD_STALL_BOUND_MILLIS, "FX thread stalled: " + f);
        assertTrue(f.fxBusy < FX_BUSY_BOUND, "the window's own work saturates the FX thread: " + f);
        assertTrue(f.maxFxWorkMillis < FX_WORK_BOUND_MILLIS, "the window's own work held the FX thread over 50 ms in one go: " + f);
        assertTrue(h.fxErrors.isEmpty(), "exceptions on the FX thread: " + h.fxErrors);
    }

    /** The same monitor with the window idle: the machine's own noise floor (GC, busy neighbours). */
    private static String idleBaseline() throws InterruptedException {
        try (FxStallMonitor m = new FxStallMonitor().start()) {
            Thread.sleep(2000);
            return String.format(Locale.ROOT, "idle window, 2 s: FX max wait %.1f ms, beats waiting > 50 ms: %d of %d, FX busy %.1f%%; load average %.1f on %d cores; %s",
                    m.maxWaitMillis(), m.beatsOver50(), m.beats(), 100 * m.fxBusyShare(),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    Runtime.getRuntime().availableProcessors(), stallCause(m));
        }
    }

    private void open(Path model) {
        fxRun(() -> { h.state.openModel(model); h.window.open("head"); });
        LoadHarness.waitUntil(() -> h.state.model() != null, "the model to load");
    }

    record Figures(int run, String model, int keystrokes, int published, int failed, double maxWaitMillis,
                   double maxGapMillis, long beatsOver50, double fxBusy, long heapBefore, long heapAfter, double settleMillis,
                   double maxFxWorkMillis, String stallCause) {
        @Override public String toString() {
            return String.format(Locale.ROOT, "[load] %s run %d: %d keystrokes -> %d snapshots published (%d failed); "
                            + "FX max wait %.1f ms, max beat gap %.1f ms, beats waiting > 50 ms: %d, FX thread busy %.1f%%; settled %.0f ms after the last key; "
                            + "heap before %.1f MB, after %.1f MB; %s", model, run, keystrokes, published, failed, maxWaitMillis,
                    maxGapMillis, beatsOver50, 100 * fxBusy, settleMillis, heapBefore / 1e6, heapAfter / 1e6, stallCause);
        }
    }

    /** Where the stalls came from: the FX thread's own CPU during the longest wait, GC pauses, samples of stalls ≥ 40 ms. */
    private static String stallCause(FxStallMonitor m) {
        return String.format(Locale.ROOT, "FX CPU during the longest wait %.1f ms; most CPU between two beats: FX thread %.1f ms, renderer %.1f ms; "
                        + "GC pauses %d (longest %d ms); stalls >= 40 ms sampled: %s",
                m.worstWaitFxCpuMillis(), m.maxFxCpuBetweenBeatsMillis(), m.maxRenderCpuBetweenBeatsMillis(), m.gcPauses(), m.maxGcPauseMillis(),
                m.stallSamples());
    }

    /** One 10-second session from an empty prompt; checks the result and returns the figures. */
    private Figures typingSession(int run) throws Exception {
        TextArea prompt = h.window.prompt();
        fxRun(prompt::clear);
        h.settle("");
        long heapBefore = usedHeapAfterGc();
        h.clearRecord();
        int layers = h.state.model().config().layers(), heads = h.state.model().config().heads();
        String expected = expectedText();
        Random pick = new Random(run);
        AtomicInteger sent = new AtomicInteger();
        CountDownLatch typed = new CountDownLatch(1);
        ScheduledExecutorService keyboard = Executors.newScheduledThreadPool(1);
        FxStallMonitor monitor = new FxStallMonitor().start();
        try {
            keyboard.scheduleAtFixedRate(() -> {
                int i = sent.getAndIncrement();
                if (i >= KEYS_PER_RUN) { typed.countDown(); throw new RuntimeException("done"); } // ends the repetition
                Platform.runLater(() -> key(prompt, i));
            }, 0, KEY_INTERVAL_MICROS, TimeUnit.MICROSECONDS);
            keyboard.scheduleAtFixedRate(() -> {
                int layer = pick.nextInt(layers), head = pick.nextInt(heads);
                Platform.runLater(() -> h.state.selection().select(layer, head));
            }, 250, 500, TimeUnit.MILLISECONDS);
            assertTrue(typed.await(30, TimeUnit.SECONDS), "the keyboard finished");
            keyboard.shutdownNow();
            long lastKey = System.nanoTime();
            Snapshot last = h.settle(expected);
            double settle = (System.nanoTime() - lastKey) / 1e6;
            double busy = monitor.fxBusyShare();
            monitor.close();
            checkFinalView(last, expected);
            int failed = (int) h.published.stream().filter(p -> !p.ok()).count();
            checkEveryPublished();
            Figures f = new Figures(run, h.state.model().displayName(), KEYS_PER_RUN, h.published.size(), failed,
                    monitor.maxWaitMillis(), monitor.maxGapMillis(), monitor.beatsOver50(), busy, heapBefore, 0, settle,
                    monitor.maxFxCpuBetweenBeatsMillis(), stallCause(monitor));
            h.clearRecord();
            last = null;
            long heapAfter = usedHeapAfterGc();
            return new Figures(f.run, f.model, f.keystrokes, f.published, f.failed, f.maxWaitMillis, f.maxGapMillis,
                    f.beatsOver50, f.fxBusy, f.heapBefore, heapAfter, f.settleMillis, f.maxFxWorkMillis, f.stallCause);
        } finally {
            keyboard.shutdownNow();
            monitor.close();
        }
    }

    /** Keystroke i: a backspace every twentieth key, else the next character of the story. */
    private static void key(TextArea prompt, int i) {
        if (i % 20 == 19 && prompt.getLength() > 0) prompt.deleteText(prompt.getLength() - 1, prompt.getLength());
        else prompt.appendText(String.valueOf(STORY.charAt(i % STORY.length())));
    }

    /** The same keystrokes applied to a plain string: the text the window must end on. */
    private static String expectedText() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < KEYS_PER_RUN; i++) {
            if (i % 20 == 19 && !b.isEmpty()) b.setLength(b.length() - 1);
            else b.append(STORY.charAt(i % STORY.length()));
        }
        return b.toString();
    }

    private int[] fed(String text) {
        Tokenizer tok = h.state.model().tokenizer();
        int[] ids = tok.encode(text);
        return h.state.model().usesBos() ? Tokenizer.concat(tok.bos(), ids) : ids;
    }

    private void checkFinalView(Snapshot last, String expected) {
        assertEquals(expected, fx(() -> h.window.prompt().getText()), "the editor holds every keystroke in order");
        assertEquals(expected, last.prompt(), "the shown snapshot is of the final prompt");
        assertTrue(last.ok(), last.error());
        assertNull(last.notice(), "the typed text fits the context");
        assertArrayEquals(fed(expected), last.tokens(), "its ids are the tokenizer's encoding of the final prompt");
        var head = (AttentionHeadPane) h.window.pane("head");
        int layer = fx(() -> h.state.selection().layerIn(last.trace().config().layers()));
        int k = fx(() -> h.state.selection().headIn(last.trace().config().heads()));
        assertEquals(last.trace().layers().get(layer).heads().get(k).weights(), fx(() -> head.heatmap().matrix()),
                "the head view draws the final prompt's weights for the selected layer " + layer + " head " + k);
    }

    /** Every published snapshot came in order and was of one prompt, never a mix. */
    private void checkEveryPublished() {
        long prev = -1;
        for (LoadHarness.Published p : h.published) {
            assertTrue(p.sequence() > prev, "snapshots in order");
            prev = p.sequence();
            assertTrue(p.ok(), "recompute failed: " + p.error());
            if (!p.prompt().isEmpty()) assertArrayEquals(fed(p.prompt()), p.tokens(), "one prompt per snapshot: «" + p.prompt() + "»");
        }
    }

    /**
     * The smallest used heap over a few collections a few frames apart: right after a session the renderer still
     * holds textures of images already dropped (it lets them go on a later frame), which moved a single reading by
     * ±20–40 MB in the full suite while the heap before each session stayed level.
     */
    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(150);
            least = Math.min(least, rt.totalMemory() - rt.freeMemory());
        }
        return least;
    }

    private static void writeFigures(String name, List<Figures> runs, String memory) throws Exception {
        Path out = Path.of(System.getProperty("glassbox.home", "."), "app", "target", "load-figures-" + name + ".txt");
        Files.createDirectories(out.getParent());
        StringBuilder b = new StringBuilder();
        for (Figures f : runs) b.append(f).append('\n');
        if (!memory.isEmpty()) b.append("[load] ").append(memory).append('\n');
        Files.writeString(out, b);
    }
}
