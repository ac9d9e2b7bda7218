package glassbox.app.flow;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;

/** The shared layer / head / query-token selection the flow panes read and write. */
public record FlowSelection(IntegerProperty layer, IntegerProperty head, IntegerProperty token) {
    public static FlowSelection standalone() {
        return new FlowSelection(new SimpleIntegerProperty(0), new SimpleIntegerProperty(0), new SimpleIntegerProperty(-1));
    }

    /** The selected layer clamped into [0, count). */
    public int layerIn(int count) { return clamp(layer.get(), count); }

    public int headIn(int count) { return clamp(head.get(), count); }

    /** The selected token; -1 (nothing chosen) means the last one. */
    public int tokenIn(int count) { int t = token.get(); return t < 0 ? count - 1 : clamp(t, count); }

    private static int clamp(int v, int count) { return Math.max(0, Math.min(count - 1, v)); }
}
