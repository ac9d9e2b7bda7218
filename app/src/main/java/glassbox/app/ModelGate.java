package glassbox.app;

import glassbox.app.flow.FlowModel;
import glassbox.model.config.ModelConfig;
import glassbox.model.trace.ForwardTrace;
import glassbox.model.trace.Matrix;
import glassbox.model.transformer.Ablation;
import glassbox.model.transformer.HeadWeights;

import java.util.concurrent.CancellationException;
import java.util.function.Supplier;

/**
 * The only door the background panes (generation, compare, ablation, logit lens) have into one model:
 * it counts their calls in flight. Once the model is replaced the gate is retired: new calls fail at
 * once without touching the model, and the model is closed only after the last call in flight has
 * returned. Nothing ever waits: the closer runs on whichever thread leaves last (or the retiring one).
 */
public final class ModelGate {
    private final ModelHandle model;
    private final FlowModel flow;
    private int inFlight;      // guarded by this
    private boolean retired;   // guarded by this
    private Runnable closer;   // guarded by this: set while retired with calls still in flight

    public ModelGate(ModelHandle model) {
        this.model = model;
        FlowModel inner = model.flowModel();
        this.flow = inner == null ? null : new Gated(inner);
    }

    public ModelHandle model() { return model; }

    /** The model's flow calls through this gate, or null when the model has none. */
    public FlowModel flowModel() { return flow; }

    public synchronized boolean retired() { return retired; }

    public synchronized int callsInFlight() { return inFlight; }

    /** Refuses every new call from now on and runs close once no call is in flight (at once if none is). */
    public void retire(Runnable close) {
        synchronized (this) {
            if (retired) return;
            retired = true;
            if (inFlight > 0) { closer = close; return; }
        }
        close.run();
    }

    private <T> T call(Supplier<T> work) {
        synchronized (this) {
            if (retired) throw new CancellationException(model.displayName() + " was replaced by another model");
            inFlight++;
        }
        try {
            return work.get();
        } finally {
            Runnable close = null;
            synchronized (this) {
                if (--inFlight == 0 && retired) { close = closer; closer = null; }
            }
            if (close != null) close.run();
        }
    }

    /**
     * Labels drawn on the FX thread (config, pieces, a whole prompt's text, prompt encoding) read the tokenizer,
     * which lives on the heap, and pass straight through: a hidden pane may still label its old trace.
     */
    private final class Gated implements FlowModel {
        private final FlowModel in;

        Gated(FlowModel in) { this.in = in; }

        @Override public ModelConfig config() { return in.config(); }
        @Override public String piece(int id) { return in.piece(id); }
        @Override public int[] encodePrompt(String text) { return in.encodePrompt(text); }
        @Override public int eos() { return in.eos(); }
        @Override public String decode(int[] ids) { return in.decode(ids); }
        @Override public String decode(int previous, int id) { return call(() -> in.decode(previous, id)); }
        @Override public ForwardTrace trace(int[] tokens, Ablation ablation) { return call(() -> in.trace(tokens, ablation)); }
        @Override public float[] logitLens(float[] residual) { return call(() -> in.logitLens(residual)); }
        @Override public Matrix headWeights(int layer, int head, HeadWeights.Projection p) { return call(() -> in.headWeights(layer, head, p)); }
        @Override public Matrix outputWeights(int layer) { return call(() -> in.outputWeights(layer)); }

        @Override public Decoder newDecoder() {
            Decoder d = call(in::newDecoder);
            return new Decoder() {
                @Override public float[] step(int token) { return call(() -> d.step(token)); }
                @Override public int position() { return call(d::position); }
                @Override public int layers() { return call(d::layers); }
                @Override public Matrix keys(int layer) { return call(() -> d.keys(layer)); }
                @Override public Matrix values(int layer) { return call(() -> d.values(layer)); }
                @Override public long bytes() { return call(d::bytes); }
            };
        }
    }
}
