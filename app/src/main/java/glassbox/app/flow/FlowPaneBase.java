package glassbox.app.flow;

import glassbox.views.LiveScrollPane;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;

/**
 * What every flow pane shares: a scrollable body redrawn from the current input whenever the
 * input or the shared selection changes.
 */
public abstract class FlowPaneBase {
    protected final FlowSelection selection;
    protected final FlowText text;
    protected final VBox body = new VBox(12);
    private final ScrollPane scroll = new LiveScrollPane(body);
    protected FlowInput input;
    /** Listeners on the shared selection, removed when the window is replaced. */
    protected final glassbox.app.Subscriptions subscriptions = new glassbox.app.Subscriptions();

    FlowPaneBase(FlowSelection selection, FlowText text) {
        this.selection = selection;
        this.text = text;
        body.setPadding(new Insets(12));
        scroll.setFitToWidth(true);
        subscriptions.on(selection.layer(), (o, a, b) -> refresh());
        subscriptions.on(selection.head(), (o, a, b) -> refresh());
        subscriptions.on(selection.token(), (o, a, b) -> refresh());
        body.getChildren().setAll(new Label(text.get("flow.noResult")));
    }

    public Node node() { return scroll; }

    /** A stable id for the tab ("flow.embeddings"). */
    public abstract String id();

    /** The bundle key of the tab title (in glassbox/app/flow/flow.properties). */
    public abstract String titleKey();

    /** The tab title in this pane's language. */
    public String title() { return text.get(titleKey()); }

    /** Shows a new result (call on the FX thread). */
    public void show(FlowInput in) {
        this.input = in;
        refresh();
    }

    public FlowInput input() { return input; }

    /** The model is being replaced: stop background work on it and drop its late results (FX thread, never blocks). */
    public void stopModelWork() {}

    /** The window was replaced: stop work and end this pane's worker threads. */
    public void dispose() {
        stopModelWork();
        subscriptions.cancelAll();
        input = null;
    }

    /** Finds a node of this pane by CSS selector (works before the scroll pane has its skin). */
    public Node lookup(String selector) { return body.lookup(selector); }

    private boolean rendering;

    protected final void refresh() {
        if (input == null || rendering) return; // controls synced during a render must not start another
        rendering = true;
        try { render(input); } finally { rendering = false; }
    }

    protected abstract void render(FlowInput in);

    protected static Label heading(String s) {
        Label l = new Label(s);
        l.setStyle("-fx-font-size: 15px; -fx-font-weight: bold;");
        return l;
    }

    protected static Label note(String s) {
        Label l = new glassbox.views.NoteLabel(s);
        l.setStyle("-fx-opacity: 0.8;");
        return l;
    }
}
