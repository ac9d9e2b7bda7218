package glassbox.views;

import javafx.beans.InvalidationListener;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.Region;

/**
 * The part of a tall canvas view that its nearest enclosing scroll pane shows, followed while it scrolls. Why: a
 * canvas is a texture the renderer clears and composites whole each frame; one as tall as a 256-token prompt made a
 * single view most of a frame's rendering.
 */
final class ScrollBand {
    private final Region owner;
    private final double margin;
    private final InvalidationListener onScroll;
    private ScrollPane scroller;

    /** Lays the owner out again whenever its scroll pane scrolls or resizes; margin: pixels kept beyond each edge. */
    ScrollBand(Region owner, double margin) {
        this.owner = owner;
        this.margin = margin;
        this.onScroll = o -> owner.requestLayout();
        owner.sceneProperty().addListener((o, a, b) -> follow());
    }

    /** The rows [top, bottom) of the owner (h tall) in view, margin included; all of it outside a scroll pane. */
    double[] visible(double h) {
        h = Math.max(h, 0);   // a snapped empty size can be -0.0, which Math.clamp refuses as an upper bound under 0.0
        Node viewport = scroller == null ? null : LiveScrollPane.viewportOf(scroller);
        if (viewport == null || viewport.getScene() != owner.getScene()) return new double[]{0, h};
        Bounds seen = owner.sceneToLocal(viewport.localToScene(viewport.getLayoutBounds()));
        double top = Math.clamp(Math.floor(seen.getMinY()) - margin, 0, h);
        return new double[]{top, Math.clamp(Math.ceil(seen.getMaxY()) + margin, top, h)};
    }

    private void follow() {
        ScrollPane found = null;
        for (Parent p = owner.getParent(); p != null && found == null; p = p.getParent()) if (p instanceof ScrollPane sp) found = sp;
        if (found == scroller) return;
        if (scroller != null) {
            scroller.vvalueProperty().removeListener(onScroll);
            scroller.viewportBoundsProperty().removeListener(onScroll);
        }
        scroller = found;
        if (scroller != null) {
            scroller.vvalueProperty().addListener(onScroll);
            scroller.viewportBoundsProperty().addListener(onScroll);
        }
    }
}
