package glassbox.model;

import glassbox.model.config.ModelConfig;
import glassbox.model.tokenizer.Tokenizer;
import glassbox.model.transformer.Transformer;

import java.nio.file.Path;

/** A model opened from disk: its description, tokenizer, engine, and the mapping to release when done. */
public final class LoadedModel implements AutoCloseable {
    private final ModelConfig config;
    private final Tokenizer tokenizer;
    private final Transformer transformer;
    private final Path source;
    private final String format;
    private final AutoCloseable resources;

    public LoadedModel(ModelConfig config, Tokenizer tokenizer, Transformer transformer, Path source, String format,
                       AutoCloseable resources) {
        this.config = config;
        this.tokenizer = tokenizer;
        this.transformer = transformer;
        this.source = source;
        this.format = format;
        this.resources = resources;
    }

    public ModelConfig config() { return config; }

    /** May be null when no tokenizer was found (llama2.c checkpoint without a tokenizer.bin beside it). */
    public Tokenizer tokenizer() { return tokenizer; }

    public Transformer transformer() { return transformer; }

    public Path source() { return source; }

    /** "llama2.c", "llama2.c v1", "GGUF v3 (F16)"… */
    public String format() { return format; }

    public long parameterCount() { return transformer.weights().parameterCount(); }

    /** Unmaps the file; the transformer must not be used afterwards. */
    @Override public void close() {
        if (resources == null) return;
        try { resources.close(); } catch (Exception e) { throw new IllegalStateException("closing " + source + ": " + e.getMessage(), e); }
    }
}
