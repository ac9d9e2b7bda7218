package glassbox.model.transformer;

import java.util.Arrays;

/** Cuts a token sequence to the model's context from the left, optionally keeping the leading BOS. */
public final class ContextWindow {
    private ContextWindow() {}

    /** The ids that fit and how many were dropped. */
    public record Fit(int[] ids, int dropped) {
        public Fit { ids = ids.clone(); }
        @Override public int[] ids() { return ids.clone(); }
    }

    public static Fit fit(int[] ids, int context, boolean keepBos) {
        if (context <= 0) throw new IllegalArgumentException("context must be positive: " + context);
        if (ids.length <= context) return new Fit(ids, 0);
        int dropped = ids.length - context;
        if (keepBos && ids.length > 0 && context >= 2) {
            int[] out = new int[context];
            out[0] = ids[0];
            System.arraycopy(ids, ids.length - (context - 1), out, 1, context - 1);
            return new Fit(out, dropped);
        }
        return new Fit(Arrays.copyOfRange(ids, dropped, ids.length), dropped);
    }
}
