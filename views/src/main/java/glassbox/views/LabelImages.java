package glassbox.views;

import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.geometry.Rectangle2D;
import javafx.scene.Group;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.transform.Rotate;
import javafx.scene.transform.Scale;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Canvas labels drawn once into small images and reused, upright or turned a quarter turn. Why: the software
 * renderer lays out and draws canvas text glyph by glyph every frame (rotated text as outlines) — a heatmap's column
 * labels were a third of a frame's rendering, the line view's token labels half of its region's; an image of a
 * label is a plain copy. Images are shared by every view.
 */
final class LabelImages {
    /** More than one frame's labels (the line view labels up to 2 × 256 tokens, heatmaps ~150 a side); each image is a small texture. */
    private static final int CAPACITY = 1024;
    private static final Map<Key, Image> CACHE = new LinkedHashMap<>(256, 0.75f, true) {
        @Override protected boolean removeEldestEntry(Map.Entry<Key, Image> eldest) { return size() > CAPACITY; }
    };

    private static final Set<Key> PENDING = new HashSet<>();

    private record Key(String text, double size, String name, Color color, double scale, boolean turned) {}   // name: family and style

    private LabelImages() {}

    /** The label reading bottom to top, as an image whose bottom edge is where the text starts; see {@link #of}. */
    static Image turned(String text, Font font, Color color, double scale, Runnable whenReady) {
        return of(text, font, color, scale, true, whenReady);
    }

    /** The label upright, as an image as wide and tall as the text's bounds; see {@link #of}. */
    static Image upright(String text, Font font, Color color, double scale, Runnable whenReady) {
        return of(text, font, color, scale, false, whenReady);
    }

    /**
     * The label as an image, or null when it is not drawn yet: then it joins the next batch of labels to draw
     * (asynchronously: a synchronous snapshot made the FX thread wait for the renderer) and {@code whenReady} runs on
     * the JavaFX thread once the image is in the cache; meanwhile the caller draws the text itself. Null off the
     * JavaFX thread too. {@code scale} is the screen's pixels per unit (2 on a HiDPI screen): the image has that many
     * pixels per unit, to be drawn at 1/scale.
     */
    private static Image of(String text, Font font, Color color, double scale, boolean turned, Runnable whenReady) {
        if (!Platform.isFxApplicationThread() || text.isEmpty()) return null;
        Key key = new Key(text, font.getSize(), font.getName(), color, scale, turned);
        Image img = CACHE.get(key);
        if (img != null) return img;
        WAITING.add(whenReady);   // run when the batch under way is drawn: then it asks again
        if (PENDING.contains(key) || batch.size() >= BATCH) return null;   // a full batch: this label goes in the next
        PENDING.add(key);
        Text t = new Text(text);
        t.setFont(font);
        t.setFill(color);
        t.getTransforms().add(new Scale(scale, scale));
        if (turned) t.getTransforms().add(new Rotate(-90));
        batch.add(new Item(key, t));
        if (batch.size() == 1) Platform.runLater(LabelImages::drawBatch);   // after this frame's requests are in
        return null;
    }

    /**
     * Labels drawn by one snapshot. Why: JavaFX renders each pending snapshot on the JavaFX thread at the next pulse,
     * waiting for the renderer every time: a new prompt's labels, eight snapshots a frame, held the FX thread up to
     * 60 ms while the renderer was busy; one snapshot of all of them waits once.
     */
    static final int BATCH = 256;
    /** Widest row of labels in a batch's image, in pixels. */
    private static final int ROW_PIXELS = 2048;
    private record Item(Key key, Text text) {}
    private static List<Item> batch = new ArrayList<>();
    private static final Set<Runnable> WAITING = new LinkedHashSet<>();
    private static int snapshots;

    /** Lays the batch's labels out in rows at whole pixels, snapshots them once, and cuts out each label's image. */
    private static void drawBatch() {
        List<Item> items = batch;
        batch = new ArrayList<>();
        if (items.isEmpty()) return;
        Group sheet = new Group();
        int[][] at = new int[items.size()][];
        int x = 0, y = 0, rowHeight = 0, width = 1;
        for (int i = 0; i < items.size(); i++) {
            Text t = items.get(i).text();
            Bounds b = t.getBoundsInParent();
            int w = Math.max(1, (int) Math.ceil(b.getWidth())), h = Math.max(1, (int) Math.ceil(b.getHeight()));
            if (x > 0 && x + w > ROW_PIXELS) { x = 0; y += rowHeight; rowHeight = 0; }
            t.setLayoutX(x - b.getMinX());
            t.setLayoutY(y - b.getMinY());
            sheet.getChildren().add(t);
            at[i] = new int[]{x, y, w, h};
            x += w + 1;
            width = Math.max(width, x);
            rowHeight = Math.max(rowHeight, h + 1);
        }
        SnapshotParameters p = new SnapshotParameters();
        p.setFill(Color.TRANSPARENT);
        p.setViewport(new Rectangle2D(0, 0, width, y + rowHeight));
        snapshots++;
        sheet.snapshot(result -> {
            PixelReader pixels = result.getImage().getPixelReader();
            for (int i = 0; i < items.size(); i++) {
                Key key = items.get(i).key();
                PENDING.remove(key);
                CACHE.put(key, new WritableImage(pixels, at[i][0], at[i][1], at[i][2], at[i][3]));
            }
            List<Runnable> ready = new ArrayList<>(WAITING);
            WAITING.clear();
            ready.forEach(Runnable::run);
            return null;
        }, p, null);
    }

    /** How many batch snapshots have been taken (for tests). */
    static int snapshots() { return snapshots; }

    /** How many labels are cached (for tests). */
    static int size() { return CACHE.size(); }

    /** How many labels wait for their batch's snapshot (for tests). */
    static int pending() { return PENDING.size(); }
}
