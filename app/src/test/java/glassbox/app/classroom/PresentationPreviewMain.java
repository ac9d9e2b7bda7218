package glassbox.app.classroom;

/** Plain main so the preview runs from the class path (an Application main needs JavaFX as modules). */
public final class PresentationPreviewMain {
    private PresentationPreviewMain() {}

    public static void main(String[] args) { javafx.application.Application.launch(PresentationPreview.class, args); }
}
