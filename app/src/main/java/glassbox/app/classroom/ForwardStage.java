package glassbox.app.classroom;

/**
 * The twelve stages of the forward pass the presentation walks through, in order, each with the
 * view that shows it (ids as in the brief; the window maps them to its panes, see {@link #paneId}).
 */
public enum ForwardStage {
    TOKENS("tokens"),
    EMBEDDINGS("embeddings"),
    QKV("qkv"),
    SCORES("attention"),
    MASK("mask"),
    SOFTMAX("attention"),
    WEIGHTED_SUM("qkv"),
    OUTPUT_PROJECTION("mlp"),
    MLP("mlp"),
    LOGITS("output"),
    NEXT_TOKEN("output"),
    KV_CACHE("kvcache");

    private final String viewId;

    ForwardStage(String viewId) { this.viewId = viewId; }

    /** The view that shows this stage: tokens, embeddings, qkv, attention, mask, mlp, output or kvcache. */
    public String viewId() { return viewId; }

    /** Bundle key prefix: {@code stage.<name>.title} and {@code stage.<name>.text}. */
    public String key() { return "stage." + name().toLowerCase(java.util.Locale.ROOT); }

    /** The main window's pane id for a presentation view id (null when the window has no such pane). */
    public static String paneId(String viewId) {
        return switch (viewId) {
            case "tokens" -> "tokenization";
            case "embeddings" -> "flow.embeddings";
            case "qkv" -> "flow.qkv";
            case "attention" -> "head";
            case "mask" -> "mask";
            case "mlp" -> "flow.mlp";
            case "output" -> "flow.output";
            case "kvcache" -> "flow.generation";
            default -> null;
        };
    }
}
