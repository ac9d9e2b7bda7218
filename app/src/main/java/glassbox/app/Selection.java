package glassbox.app;

import glassbox.app.flow.FlowSelection;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.IntegerBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;

/**
 * The selected layer, head and query token, shared by every view: a click in one view sets it, the
 * others follow. queryToken −1 means "the last token".
 */
public final class Selection {
    private final IntegerProperty layer = new SimpleIntegerProperty(this, "layer", 0);
    private final IntegerProperty head = new SimpleIntegerProperty(this, "head", 0);
    private final IntegerProperty queryToken = new SimpleIntegerProperty(this, "queryToken", -1);
    private final IntegerProperty groupSize = new SimpleIntegerProperty(this, "groupSize", 1);
    private final IntegerBinding kvHead = Bindings.createIntegerBinding(
            () -> head.get() / Math.max(1, groupSize.get()), head, groupSize);
    private final FlowSelection flow = new FlowSelection(layer, head, queryToken);

    public IntegerProperty layer() { return layer; }

    public IntegerProperty head() { return head; }

    public IntegerProperty queryToken() { return queryToken; }

    /** Query heads per K/V head of the loaded model (set by the window when a model loads). */
    public IntegerProperty groupSize() { return groupSize; }

    /** The K/V head the selected query head reads (GQA). */
    public IntegerBinding kvHead() { return kvHead; }

    /** The same properties seen as the flow panes' selection. */
    public FlowSelection asFlowSelection() { return flow; }

    public void select(int layer, int head) {
        this.layer.set(layer);
        this.head.set(head);
    }

    /** The selected layer clamped into [0, count). */
    public int layerIn(int count) { return clamp(layer.get(), count); }

    public int headIn(int count) { return clamp(head.get(), count); }

    /** The selected query token, −1 meaning the last, clamped into [0, count). */
    public int queryIn(int count) { int t = queryToken.get(); return t < 0 ? count - 1 : clamp(t, count); }

    private static int clamp(int v, int count) { return Math.max(0, Math.min(count - 1, v)); }
}
