package glassbox.app;

import javafx.scene.paint.Color;

import java.util.function.Consumer;

/**
 * What every pane is built with: the shared selection, the strings, whether the theme is dark (for
 * canvas text), and a way to bring another view to the front by id.
 */
public record ViewContext(Selection selection, AppText text, boolean dark, Consumer<String> openView) {
    /** Text colour for labels drawn on canvases. */
    public Color ink() { return dark ? Color.gray(0.88) : Color.gray(0.18); }
}
