package glassbox.app.flow;

/** The input the preview shows: a synthetic trace until the engine can load stories260K. */
final class PreviewModel {
    private PreviewModel() {}

    static FlowInput input() {
        return new FakeFlowModel(glassbox.model.config.ModelConfig.llama("synthetic", 64, 172, 5, 8, 4, 512, 512, true))
                .input("Once upon a time");
    }
}
