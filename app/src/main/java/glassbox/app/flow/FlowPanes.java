package glassbox.app.flow;

import java.util.List;

/** The six explainer panes of the forward-pass walk, in tab order, sharing one selection. */
public final class FlowPanes {
    private FlowPanes() {}

    public static List<FlowPaneBase> create(FlowSelection selection, FlowText text) {
        return List.of(new EmbeddingsPane(selection, text), new QkvFlowPane(selection, text), new MlpResidualPane(selection, text),
                new OutputPane(selection, text), new GenerationPane(selection, text), new ComparePane(selection, text));
    }
}
