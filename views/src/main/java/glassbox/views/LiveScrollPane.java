package glassbox.views;

import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Skin;

/**
 * A scroll pane for content that redraws on every keystroke. The default skin caches its viewport as an image
 * (cheap scrolling of static content); with content that changes each frame, the software renderer re-rendered the
 * whole viewport into that image and then drew the image — a third of the renderer's time in the head view — so the
 * cache is switched off and only the dirty region is painted.
 */
public class LiveScrollPane extends ScrollPane {
    public LiveScrollPane(Node content) { super(content); }

    @Override protected Skin<?> createDefaultSkin() {
        Skin<?> skin = super.createDefaultSkin();   // the skin adds its viewport to the children as it is made
        uncache(this);
        return skin;
    }

    /** The skin's viewport node, or null before the skin exists. */
    public Node viewport() { return viewportOf(this); }

    /** A scroll pane's viewport node (any skin of JavaFX's), or null before its skin exists. */
    static Node viewportOf(ScrollPane pane) {
        for (Node n : pane.getChildrenUnmodifiable()) if (n.getStyleClass().contains("viewport")) return n;
        return null;
    }

    /**
     * The same for the scroll pane inside a control's skin (a TextArea's: every keystroke re-rendered its whole
     * cached viewport), as soon as the skins exist.
     */
    public static void uncacheInner(Control control) {
        Runnable apply = () -> {
            for (Node n : control.lookupAll(".scroll-pane")) {
                if (!(n instanceof ScrollPane pane)) continue;
                if (pane.getSkin() != null) uncache(pane);
                else pane.skinProperty().addListener((o, a, b) -> { if (b != null) uncache(pane); });
            }
        };
        if (control.getSkin() != null) apply.run();
        control.skinProperty().addListener((o, a, b) -> { if (b != null) apply.run(); });
    }

    private static void uncache(ScrollPane pane) {
        Node viewport = viewportOf(pane);
        if (viewport != null) viewport.setCache(false);
    }
}
