package glassbox.app.flow;

/** Plain main so the preview runs from the class path (an Application main needs JavaFX as modules). */
public final class FlowPreviewMain {
    private FlowPreviewMain() {}

    public static void main(String[] args) { javafx.application.Application.launch(FlowPreview.class, args); }
}
