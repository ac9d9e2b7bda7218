package glassbox.views;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Paint;

/**
 * A rectangle's outline as four filled strips, where strokeRect would put it (centred on the edge). Why: JavaFX's
 * software renderer rasterizes every stroke as a general shape; the heatmaps' highlight outlines were a quarter of
 * the causal-mask view's rendering, filled rectangles are copied straight in.
 */
public final class Outline {
    private Outline() {}

    /** What {@code strokeRect(x, y, w, h)} draws with the given line width and paint (the context's fill is changed). */
    public static void rect(GraphicsContext g, double x, double y, double w, double h, double lineWidth, Paint paint) {
        double half = lineWidth / 2, ox = x - half, oy = y - half, ow = w + lineWidth, oh = h + lineWidth;
        g.setFill(paint);
        if (ow <= 2 * lineWidth || oh <= 2 * lineWidth) { g.fillRect(ox, oy, ow, oh); return; }   // all edge
        g.fillRect(ox, oy, ow, lineWidth);
        g.fillRect(ox, oy + oh - lineWidth, ow, lineWidth);
        g.fillRect(ox, oy + lineWidth, lineWidth, oh - 2 * lineWidth);   // the sides stop at the strips: no double ink
        g.fillRect(ox + ow - lineWidth, oy + lineWidth, lineWidth, oh - 2 * lineWidth);
    }
}
