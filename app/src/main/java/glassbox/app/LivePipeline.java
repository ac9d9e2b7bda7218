package glassbox.app;

import glassbox.model.tokenizer.TokenizationSteps;
import glassbox.model.trace.ForwardTrace;

import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Text → tokens with steps → forward trace, on ONE background thread, newest edit wins: every edit gets
 * a higher sequence number, waits a few ms for the next keystroke, and is dropped at each stage (and at
 * publication) as soon as a newer edit exists. Results reach the UI as one immutable {@link Snapshot}
 * through {@code ui} (Platform::runLater in the app), so the UI never sees two prompts mixed.
 */
public final class LivePipeline implements AutoCloseable {

    /** The strings the pipeline puts into snapshots. */
    public interface Messages {
        String cut(int kept, int total, int context);
        String empty();
        String failed(String detail);
    }

    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "glassbox-pipeline");
        t.setDaemon(true);
        return t;
    });
    private final Executor ui;
    private final Consumer<Snapshot> publish;
    private final long debounceMillis;
    private final AtomicLong sequence = new AtomicLong();
    private volatile Messages messages;
    private volatile ModelHandle model;
    private volatile String prompt = "";
    private ScheduledFuture<?> pending;
    private long lastPublished = -1; // touched on the UI executor only

    public LivePipeline(Executor ui, Consumer<Snapshot> publish, long debounceMillis, Messages messages) {
        this.ui = ui;
        this.publish = publish;
        this.debounceMillis = debounceMillis;
        this.messages = messages;
    }

    public void setMessages(Messages m) { messages = m; }

    /** Schedules a recompute of the text; supersedes every earlier edit. */
    public synchronized long submit(String text) {
        prompt = text == null ? "" : text;
        return schedule(debounceMillis);
    }

    /**
     * Switches model and recomputes; every pass of the old model still pending is dropped. The caller owns
     * the old model: close it through {@link #runOnWorker} so it happens after any pass running now.
     */
    public synchronized long setModel(ModelHandle m) {
        model = m;
        return schedule(0);
    }

    public ModelHandle model() { return model; }

    public String prompt() { return prompt; }

    /** The sequence number of the newest edit. */
    public long latestSequence() { return sequence.get(); }

    /** Runs work on the pipeline's thread (e.g. closing a model), after what is queued. */
    public void runOnWorker(Runnable r) { worker.execute(r); }

    private long schedule(long delay) {
        long seq = sequence.incrementAndGet();
        if (pending != null) pending.cancel(false); // not started yet: never runs; started: drops itself
        String text = prompt;
        ModelHandle m = model;
        pending = worker.schedule(() -> compute(seq, text, m), delay, TimeUnit.MILLISECONDS);
        return seq;
    }

    private boolean stale(long seq) { return seq != sequence.get(); }

    private void compute(long seq, String text, ModelHandle m) {
        if (m == null || stale(seq)) return;
        long t0 = System.nanoTime();
        Snapshot s;
        try {
            s = run(seq, text, m, t0);
        } catch (RuntimeException | OutOfMemoryError e) {
            String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            s = new Snapshot(text, null, null, messages.failed(detail), null, System.nanoTime() - t0, seq, m);
        }
        if (s == null || stale(seq)) return;
        Snapshot result = s;
        ui.execute(() -> {
            if (result.sequence() <= lastPublished || result.sequence() != sequence.get()) return;
            lastPublished = result.sequence();
            publish.accept(result);
        });
    }

    private Snapshot run(long seq, String text, ModelHandle m, long t0) {
        TokenizationSteps steps = m.tokenizer().encodeWithSteps(text);
        if (stale(seq)) return null;
        int[] ids = steps.ids();
        int bos = m.usesBos() ? m.tokenizer().bos() : -1;
        int room = m.config().contextLength() - (bos >= 0 ? 1 : 0);
        String notice = null;
        if (ids.length > room) {
            notice = messages.cut(room, ids.length, m.config().contextLength());
            ids = Arrays.copyOfRange(ids, ids.length - room, ids.length); // keep the end: it predicts the next token
        }
        int[] fed = bos >= 0 ? glassbox.model.tokenizer.Tokenizer.concat(bos, ids) : ids;
        if (fed.length == 0) return new Snapshot(text, steps, null, messages.empty(), notice, System.nanoTime() - t0, seq, m);
        StartupTiming.mark("pipeline: tokenized " + fed.length + " tokens");
        ForwardTrace trace = m.trace(fed);
        StartupTiming.mark("pipeline: traced");
        return new Snapshot(text, steps, trace, null, notice, System.nanoTime() - t0, seq, m);
    }

    @Override public void close() { worker.shutdownNow(); }
}
