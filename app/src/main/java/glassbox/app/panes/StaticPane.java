package glassbox.app.panes;

import glassbox.app.ExplainerPane;
import glassbox.app.Snapshot;
import javafx.scene.Node;

/** A pane that does not draw the prompt (the learning panes read the model's shape themselves). */
public record StaticPane(String id, String titleKey, String title, Node node) implements ExplainerPane {
    @Override public void show(Snapshot s) {}
}
