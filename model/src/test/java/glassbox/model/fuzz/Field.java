package glassbox.model.fuzz;

/**
 * One field of a file's structure, found by parsing the real seed file once: where it is, how wide,
 * and what it means, so the mutator can aim at counts, dims, offsets and string lengths.
 */
record Field(long offset, int width, Kind kind, String label) {

    enum Kind {
        /** Magic number or version. */
        MAGIC,
        /** An element count: tensor count, KV count, array length, vocab size. */
        COUNT,
        /** The byte length of a string that follows. */
        LENGTH,
        /** A tensor dimension or a model hyper-parameter (dim, layers, heads...). */
        DIM,
        /** A type code (GGUF value type, ggml tensor type). */
        TYPE,
        /** A tensor's offset into the data section. */
        OFFSET,
        /** A float value (score, epsilon, rope base, weight). */
        FLOAT,
        /** String bytes (keys, token texts, names). */
        TEXT
    }

    long end() { return offset + width; }
}
