package glassbox.views;

import javafx.application.Platform;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.Image;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.transform.Rotate;
import javafx.scene.transform.Scale;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Column labels turned a quarter turn, drawn once into small images and reused. Why: the software renderer
 * draws rotated canvas text glyph by glyph as outlines, every frame — a heatmap's column labels were a third
 * of a frame's rendering; an upright image of a label is a plain copy. Images are shared by every heatmap.
 */
final class RotatedLabels {
    /** More than one frame's labels (a heatmap labels at most ~150 columns, the grid and mask views share them); each image also costs a texture, so few. */
    private static final int CAPACITY = 256;
    private static final Map<Key, Image> CACHE = new LinkedHashMap<>(256, 0.75f, true) {
        @Override protected boolean removeEldestEntry(Map.Entry<Key, Image> eldest) { return size() > CAPACITY; }
    };

    private static final Set<Key> PENDING = new HashSet<>();

    private record Key(String text, double size, String family, Color color, double scale) {}

    private RotatedLabels() {}

    /**
     * The label reading bottom to top, as an image whose bottom edge is where the text starts, or null when it is
     * not drawn yet: then its snapshot is started (asynchronously: a synchronous snapshot made the FX thread wait
     * for the renderer) and {@code whenReady} runs on the JavaFX thread once the image is in the cache; meanwhile
     * the caller draws rotated text itself. Null off the JavaFX thread too. {@code scale} is the screen's pixels per
     * unit (2 on a HiDPI screen): the image has that many pixels per unit, to be drawn at 1/scale.
     */
    static Image of(String text, Font font, Color color, double scale, Runnable whenReady) {
        if (!Platform.isFxApplicationThread() || text.isEmpty()) return null;
        Key key = new Key(text, font.getSize(), font.getFamily(), color, scale);
        Image img = CACHE.get(key);
        if (img != null) return img;
        if (PENDING.add(key)) {
            Text t = new Text(text);
            t.setFont(font);
            t.setFill(color);
            t.getTransforms().addAll(new Scale(scale, scale), new Rotate(-90));
            SnapshotParameters p = new SnapshotParameters();
            p.setFill(Color.TRANSPARENT);
            t.snapshot(result -> {
                PENDING.remove(key);
                CACHE.put(key, result.getImage());
                whenReady.run();
                return null;
            }, p, null);
        }
        return null;
    }

    /** How many labels are cached (for tests). */
    static int size() { return CACHE.size(); }
}
