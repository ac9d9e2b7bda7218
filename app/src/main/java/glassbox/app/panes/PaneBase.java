package glassbox.app.panes;

import glassbox.app.ExplainerPane;
import glassbox.app.Selection;
import glassbox.app.Snapshot;
import glassbox.app.ViewContext;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** Shared plumbing of the explainer panes: the current snapshot, a redraw on selection changes. */
abstract class PaneBase implements ExplainerPane {
    protected final ViewContext ctx;
    protected final Selection sel;
    protected Snapshot snapshot;
    private boolean rendering;

    PaneBase(ViewContext ctx) {
        this.ctx = ctx;
        this.sel = ctx.selection();
    }

    @Override public String title() { return ctx.text().get(titleKey()); }

    @Override public final void show(Snapshot s) {
        snapshot = s;
        refresh();
    }

    public Snapshot snapshot() { return snapshot; }

    /** Redraws from the current snapshot (guarded: controls synced while drawing must not recurse). */
    protected final void refresh() {
        if (snapshot == null || rendering) return;
        rendering = true;
        try { render(snapshot); } finally { rendering = false; }
    }

    protected abstract void render(Snapshot s);

    /** Listeners on the shared selection, removed when the window is replaced. */
    protected final glassbox.app.Subscriptions subscriptions = new glassbox.app.Subscriptions();

    protected void onSelectionChange() {
        subscriptions.on(sel.layer(), (o, a, b) -> refresh());
        subscriptions.on(sel.head(), (o, a, b) -> refresh());
        subscriptions.on(sel.queryToken(), (o, a, b) -> refresh());
    }

    @Override public void dispose() {
        subscriptions.cancelAll();
        snapshot = null;
    }

    protected String t(String key, Object... args) { return ctx.text().get(key, args); }

    protected static Label heading(String s) {
        Label l = new Label(s);
        l.getStyleClass().addAll("pane-heading", "title-4");
        return l;
    }

    protected static Label note(String s) {
        Label l = new glassbox.views.NoteLabel(s);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);   // beside a tall scroll pane a note was squeezed to one line and cut
        l.getStyleClass().add("pane-note");
        return l;
    }

    protected static VBox column(double spacing) {
        VBox v = new VBox(spacing);
        v.setPadding(new Insets(12));
        return v;
    }

    /** "3:▁cat" style labels for the axes. */
    protected static java.util.List<String> axisLabels(java.util.List<String> shown) {
        var out = new java.util.ArrayList<String>(shown.size());
        for (int i = 0; i < shown.size(); i++) out.add(i + " " + shown.get(i));
        return out;
    }
}
