package glassbox.views;

import javafx.application.Platform;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.Image;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.transform.Rotate;
import javafx.scene.transform.Scale;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Column labels turned a quarter turn, drawn once into small images and reused. Why: the software renderer
 * draws rotated canvas text glyph by glyph as outlines, every frame — a heatmap's column labels were a third
 * of a frame's rendering; an upright image of a label is a plain copy. Images are shared by every heatmap.
 */
final class RotatedLabels {
    /** More than one frame's labels (a heatmap labels at most ~150 columns); each image also costs a texture, so few. */
    private static final int CAPACITY = 512;
    private static final Map<Key, Image> CACHE = new LinkedHashMap<>(256, 0.75f, true) {
        @Override protected boolean removeEldestEntry(Map.Entry<Key, Image> eldest) { return size() > CAPACITY; }
    };

    private record Key(String text, double size, String family, Color color, double scale) {}

    private RotatedLabels() {}

    /**
     * The label reading bottom to top, as an image whose bottom edge is where the text starts; null off the
     * JavaFX thread (snapshots need it), where the caller draws rotated text itself. {@code scale} is the screen's
     * pixels per unit (2 on a HiDPI screen): the image has that many pixels per unit, to be drawn at 1/scale.
     */
    static Image of(String text, Font font, Color color, double scale) {
        if (!Platform.isFxApplicationThread() || text.isEmpty()) return null;
        Key key = new Key(text, font.getSize(), font.getFamily(), color, scale);
        Image img = CACHE.get(key);
        if (img == null) {
            Text t = new Text(text);
            t.setFont(font);
            t.setFill(color);
            t.getTransforms().addAll(new Scale(scale, scale), new Rotate(-90));
            SnapshotParameters p = new SnapshotParameters();
            p.setFill(Color.TRANSPARENT);
            img = t.snapshot(p, null);
            CACHE.put(key, img);
        }
        return img;
    }

    /** How many labels are cached (for tests). */
    static int size() { return CACHE.size(); }
}
