package glassbox.views;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;

/** Upright canvas labels drawn from {@link LabelImages}: one image copy per label instead of a text layout per frame. */
final class LabelText {
    private LabelText() {}

    /**
     * Draws the label centred vertically on y, ending at x (rightAligned) or starting there, squeezed to maxWidth as
     * fillText does; false when its image is not ready yet (the caller then fills the text itself, once).
     */
    static boolean draw(GraphicsContext g, String text, Font font, Color color, double scale, double x, double y,
                        double maxWidth, boolean rightAligned, Runnable whenReady) {
        Image img = LabelImages.upright(text, font, color, scale, whenReady);
        if (img == null) return text.isEmpty();
        double full = img.getWidth() / scale, w = Math.min(full, Math.max(0, maxWidth)), h = img.getHeight() / scale;
        double left = Math.round(rightAligned ? x - w : x), top = Math.round(y - h / 2);
        if (w >= full) { g.drawImage(img, left, top, w, h); return true; }
        boolean smooth = g.isImageSmoothing();   // a squeezed label is resampled: smoothly, as fillText's glyphs would be
        g.setImageSmoothing(true);
        g.drawImage(img, left, top, w, h);
        g.setImageSmoothing(smooth);
        return true;
    }
}
