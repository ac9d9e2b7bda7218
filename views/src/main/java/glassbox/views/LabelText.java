package glassbox.views;

import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/** Upright canvas labels drawn from {@link LabelImages}: one image copy per label instead of a text layout per frame. */
final class LabelText {
    private LabelText() {}

    /** The screen's pixels per unit for a node's window (2 on a HiDPI screen), 1 before it is shown. */
    static double scaleOf(Node n) {
        return n.getScene() != null && n.getScene().getWindow() != null ? n.getScene().getWindow().getOutputScaleX() : 1;
    }

    /**
     * Draws the label centred vertically on y, ending at x (rightAligned) or starting there, squeezed to maxWidth as
     * fillText does: from its image, or, until the image is ready, as filled text in the context's font.
     */
    static void draw(GraphicsContext g, String text, Font font, Color color, double scale, double x, double y,
                     double maxWidth, boolean rightAligned, Runnable whenReady) {
        Image img = LabelImages.upright(text, font, color, scale, whenReady);
        if (img == null) {
            g.setFill(color);
            g.setTextAlign(rightAligned ? TextAlignment.RIGHT : TextAlignment.LEFT);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(text, x, y, maxWidth);
            return;
        }
        double full = img.getWidth() / scale, w = Math.min(full, Math.max(0, maxWidth)), h = img.getHeight() / scale;
        double left = Math.round(rightAligned ? x - w : x), top = Math.round(y - h / 2);
        if (w >= full) { g.drawImage(img, left, top, w, h); return; }
        boolean smooth = g.isImageSmoothing();   // a squeezed label is resampled: smoothly, as fillText's glyphs would be
        g.setImageSmoothing(true);
        g.drawImage(img, left, top, w, h);
        g.setImageSmoothing(smooth);
    }
}
