package glassbox.model.arithmetic;

/** What a drill question asks for. */
public enum DrillKind {
    /** The shape of W_K (d × d_kv), which GQA changes. */
    SHAPE,
    PARAMS,
    FLOPS_PER_TOKEN,
    KV_CACHE_BYTES
}
