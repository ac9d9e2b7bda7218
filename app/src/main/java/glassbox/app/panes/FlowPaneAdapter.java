package glassbox.app.panes;

import glassbox.app.ExplainerPane;
import glassbox.app.ModelHandle;
import glassbox.app.Snapshot;
import glassbox.app.flow.FlowInput;
import glassbox.app.flow.FlowModel;
import glassbox.app.flow.FlowPaneBase;
import javafx.scene.Node;

import java.util.function.Function;

/** One of the forward-pass panes (embeddings, Q/K/V, MLP, output, generation, compare) as an explainer tab. */
public final class FlowPaneAdapter implements ExplainerPane {
    private final FlowPaneBase pane;
    private final Function<ModelHandle, FlowModel> calls;

    /** calls gives the pane's door into a snapshot's model (AppState::flowModel: gated, null once replaced). */
    public FlowPaneAdapter(FlowPaneBase pane, Function<ModelHandle, FlowModel> calls) {
        this.pane = pane;
        this.calls = calls;
    }

    public FlowPaneBase pane() { return pane; }

    @Override public String id() { return pane.id(); }

    @Override public String titleKey() { return pane.titleKey(); }

    @Override public String title() { return pane.title(); }

    @Override public Node node() { return pane.node(); }

    @Override public void show(Snapshot s) {
        if (s.ok()) pane.show(FlowInput.of(s.trace(), s.model().tokenizer(), calls.apply(s.model())));
    }

    @Override public void stopModelWork() { pane.stopModelWork(); }

    @Override public void dispose() { pane.dispose(); }
}
