package glassbox.views;

import javafx.scene.Node;
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
        Node viewport = viewport();
        if (viewport != null) viewport.setCache(false);
        return skin;
    }

    /** The skin's viewport node, or null before the skin exists. */
    public Node viewport() {
        for (Node n : getChildrenUnmodifiable()) if (n.getStyleClass().contains("viewport")) return n;
        return null;
    }
}
