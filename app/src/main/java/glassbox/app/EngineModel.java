package glassbox.app;

import glassbox.app.flow.FlowModel;
import glassbox.model.LoadedModel;
import glassbox.model.config.ModelConfig;
import glassbox.model.io.ModelFiles;
import glassbox.model.io.ModelFormatException;
import glassbox.model.tokenizer.Tokenizer;
import glassbox.model.trace.ForwardTrace;
import glassbox.model.trace.Matrix;
import glassbox.model.transformer.Ablation;
import glassbox.model.transformer.HeadWeights;
import glassbox.model.transformer.InferenceSession;

import java.io.IOException;
import java.nio.file.Path;

/** The real engine's loaded model seen as the window's {@link ModelHandle} (and the flow panes' {@link FlowModel}). */
public final class EngineModel implements ModelHandle {
    private final LoadedModel loaded;
    /** Background panes (generation, compare, logit lens) may still be mid-call when the model is replaced:
     *  close waits for them, and later calls fail clearly instead of touching unmapped weights. */
    private final java.util.concurrent.locks.ReentrantReadWriteLock lock = new java.util.concurrent.locks.ReentrantReadWriteLock();
    private boolean closed;

    public EngineModel(LoadedModel loaded) { this.loaded = loaded; }

    /** Opens any model file the engine knows; a tokenizer must come with it or lie beside it. */
    public static EngineModel open(Path file) throws IOException {
        LoadedModel m = ModelFiles.open(file, null);
        if (m.tokenizer() == null) {
            m.close();
            throw new ModelFormatException(file + ": no tokenizer inside the file or beside it (tokenizer.bin / tok<vocab>.bin)");
        }
        return new EngineModel(m);
    }

    public LoadedModel loaded() { return loaded; }

    @Override public ModelConfig config() { return loaded.config(); }

    @Override public Tokenizer tokenizer() { return loaded.tokenizer(); }

    @Override public ForwardTrace trace(int[] tokens) { return use(() -> loaded.transformer().trace(tokens)); }

    private <T> T use(java.util.function.Supplier<T> work) {
        lock.readLock().lock();
        try {
            if (closed) throw new IllegalStateException(displayName() + " is closed (replaced by another model): it can no longer compute");
            return work.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override public String displayName() {
        Path f = loaded.source().getFileName();
        return f == null ? config().name() : f.toString();
    }

    @Override public String format() { return loaded.format(); }

    @Override public long parameterCount() { return loaded.parameterCount(); }

    @Override public FlowModel flowModel() { return flow; }

    @Override public void close() {
        lock.writeLock().lock();
        try {
            if (!closed) { closed = true; loaded.close(); }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private final FlowModel flow = new FlowModel() {
        @Override public ModelConfig config() { return loaded.config(); }

        @Override public String piece(int id) { return glassbox.app.flow.PieceLabel.of(loaded.tokenizer(), id); }

        @Override public String decode(int previous, int id) { return loaded.tokenizer().decode(previous, id); }

        @Override public String decode(int[] ids) { return loaded.tokenizer().decode(ids); }

        @Override public int[] encodePrompt(String text) {
            Tokenizer t = loaded.tokenizer();
            int[] ids = t.encode(text);
            return t.bos() >= 0 ? Tokenizer.concat(t.bos(), ids) : ids;
        }

        @Override public int eos() { return loaded.tokenizer().eos(); }

        @Override public ForwardTrace trace(int[] tokens, Ablation ablation) { return use(() -> loaded.transformer().trace(tokens, ablation)); }

        @Override public float[] logitLens(float[] residual) { return use(() -> loaded.transformer().logitLens(residual)); }

        @Override public Matrix headWeights(int layer, int head, HeadWeights.Projection p) {
            return use(() -> HeadWeights.of(loaded.config(), loaded.transformer().weights().layers().get(layer), head, p));
        }

        @Override public Matrix outputWeights(int layer) {
            return use(() -> HeadWeights.output(loaded.config(), loaded.transformer().weights().layers().get(layer)));
        }

        @Override public Decoder newDecoder() {
            InferenceSession s = use(() -> loaded.transformer().newSession());
            return new Decoder() {
                @Override public float[] step(int token) { return use(() -> s.step(token)); }
                @Override public int position() { return s.position(); }
                @Override public int layers() { return s.cache().layers(); }
                @Override public Matrix keys(int layer) { return s.cache().keys(layer); }
                @Override public Matrix values(int layer) { return s.cache().values(layer); }
                @Override public long bytes() { return s.cache().bytes(); }
            };
        }
    };
}
