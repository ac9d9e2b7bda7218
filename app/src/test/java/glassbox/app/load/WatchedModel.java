package glassbox.app.load;

import glassbox.app.EngineModel;
import glassbox.app.ModelHandle;
import glassbox.app.flow.FlowModel;
import glassbox.model.config.ModelConfig;
import glassbox.model.tokenizer.Tokenizer;
import glassbox.model.trace.ForwardTrace;
import glassbox.model.trace.Matrix;
import glassbox.model.transformer.Ablation;

import java.nio.file.Path;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real engine model with a watch on it: counts forward passes and decoding steps, can make each
 * pass slow on purpose, and records every use after {@link #close()} (which the app must never do).
 */
final class WatchedModel implements ModelHandle {
    private final EngineModel inner;
    private final long passDelayMillis;
    volatile long stepDelayMillis; // makes each decoding step slow on purpose
    volatile CountDownLatch holdSteps; // while set, a decoding step waits inside the model until it is counted down
    final CountDownLatch stepHeld = new CountDownLatch(1); // counted down once a step waits inside the model
    final AtomicInteger passesStarted = new AtomicInteger(), passesFinished = new AtomicInteger(), decodeSteps = new AtomicInteger();
    final CopyOnWriteArrayList<String> usedAfterClose = new CopyOnWriteArrayList<>();
    volatile boolean closed;

    WatchedModel(Path file, long passDelayMillis) throws Exception {
        this.inner = EngineModel.open(file);
        this.passDelayMillis = passDelayMillis;
    }

    private void check(String what) { if (closed) usedAfterClose.add(what + " on " + Thread.currentThread().getName()); }

    @Override public ModelConfig config() { return inner.config(); }

    @Override public Tokenizer tokenizer() { return inner.tokenizer(); }

    @Override public ForwardTrace trace(int[] tokens) {
        check("trace");
        passesStarted.incrementAndGet();
        if (passDelayMillis > 0) try { Thread.sleep(passDelayMillis); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
        check("trace (finishing)");
        try { return inner.trace(tokens); } finally { passesFinished.incrementAndGet(); }
    }

    @Override public String displayName() { return "watched " + inner.displayName(); }

    @Override public long parameterCount() { return inner.parameterCount(); }

    @Override public void close() { closed = true; inner.close(); }

    @Override public FlowModel flowModel() { return flow; }

    private final FlowModel flow = new FlowModel() {
        private FlowModel in() { return inner.flowModel(); }
        @Override public ModelConfig config() { return in().config(); }
        @Override public String piece(int id) { return in().piece(id); }
        @Override public String decode(int previous, int id) { check("decode"); return in().decode(previous, id); }
        @Override public int[] encodePrompt(String text) { return in().encodePrompt(text); }
        @Override public int eos() { return in().eos(); }
        @Override public ForwardTrace trace(int[] tokens, Ablation ablation) { check("flow trace"); return in().trace(tokens, ablation); }
        @Override public float[] logitLens(float[] residual) { check("logit lens"); return in().logitLens(residual); }
        @Override public Decoder newDecoder() {
            check("new decoder");
            Decoder d = in().newDecoder();
            return new Decoder() {
                @Override public float[] step(int token) {
                    decodeSteps.incrementAndGet();
                    if (stepDelayMillis > 0) try { Thread.sleep(stepDelayMillis); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
                    CountDownLatch hold = holdSteps;
                    if (hold != null) {
                        stepHeld.countDown();
                        try { hold.await(30, TimeUnit.SECONDS); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
                    }
                    check("decoder step");
                    return d.step(token);
                }
                @Override public int position() { return d.position(); }
                @Override public int layers() { return d.layers(); }
                @Override public Matrix keys(int layer) { return d.keys(layer); }
                @Override public Matrix values(int layer) { return d.values(layer); }
                @Override public long bytes() { return d.bytes(); }
            };
        }
    };
}
