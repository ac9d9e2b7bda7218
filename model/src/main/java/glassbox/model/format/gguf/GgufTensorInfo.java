package glassbox.model.format.gguf;

/**
 * One tensor's entry in a GGUF header. {@code dims} are ggml's order: innermost (row length) first,
 * so a matrix of R rows × C columns has dims {C, R}.
 */
public record GgufTensorInfo(String name, long[] dims, GgmlType type, long offset, long elements, long bytes) {
    public GgufTensorInfo { dims = dims.clone(); }

    @Override public long[] dims() { return dims.clone(); }

    public int rank() { return dims.length; }

    public long dim(int k) { return dims[k]; }
}
