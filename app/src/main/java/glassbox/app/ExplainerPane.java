package glassbox.app;

import javafx.scene.Node;

/**
 * One explainer view in the window: built with the shared {@link Selection}, handed every new
 * {@link Snapshot} on the JavaFX thread, redrawing itself when the selection changes.
 */
public interface ExplainerPane {
    /** A stable id ("tokens", "attention", "head", "mask", "flow.embeddings"...). */
    String id();

    /** The bundle key of the tab title. */
    String titleKey();

    /** The tab title in the pane's language. */
    String title();

    Node node();

    /** Shows a new result; called on the FX thread, never with a stale snapshot. */
    void show(Snapshot s);

    /** The model is being replaced: stop every background use of it and drop its late results (FX thread, returns at once). */
    default void stopModelWork() {}

    /** The window this pane belongs to was replaced (language or theme switch): stop its work and its threads. */
    default void dispose() { stopModelWork(); }
}
