package glassbox.app;

import glassbox.app.flow.FlowModel;
import glassbox.model.config.ModelConfig;
import glassbox.model.tokenizer.Tokenizer;
import glassbox.model.trace.ForwardTrace;

/**
 * The loaded model as the window sees it: its shape, its tokenizer and a traced forward pass. The real
 * engine's LoadedModel is adapted to it; tests use a tiny deterministic stand-in.
 */
public interface ModelHandle extends AutoCloseable {
    ModelConfig config();

    Tokenizer tokenizer();

    /** Every intermediate of one forward pass over the ids (thread-safe). */
    ForwardTrace trace(int[] tokens);

    /** A short name for the model bar (file name or model name). */
    default String displayName() { return config().name(); }

    /** "llama2.c", "GGUF v3 (F16)"... */
    default String format() { return ""; }

    long parameterCount();

    /** Whether the prompt is fed with BOS first. */
    default boolean usesBos() { return tokenizer().bos() >= 0; }

    /** The flow panes' view of the engine (logit lens, ablation, decoding), or null when unavailable. */
    default FlowModel flowModel() { return null; }

    @Override default void close() {}
}
