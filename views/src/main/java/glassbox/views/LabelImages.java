package glassbox.views;

import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.Image;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.transform.Rotate;
import javafx.scene.transform.Scale;
import javafx.util.Duration;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
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

    private record Key(String text, double size, String family, Color color, double scale, boolean turned) {}

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
     * The label as an image, or null when it is not drawn yet: then its snapshot is started (asynchronously: a
     * synchronous snapshot made the FX thread wait for the renderer) and {@code whenReady} runs on the JavaFX thread
     * once the image is in the cache; meanwhile the caller draws the text itself. Null off the JavaFX thread too. {@code scale} is the screen's pixels per
     * unit (2 on a HiDPI screen): the image has that many pixels per unit, to be drawn at 1/scale.
     */
    private static Image of(String text, Font font, Color color, double scale, boolean turned, Runnable whenReady) {
        if (!Platform.isFxApplicationThread() || text.isEmpty()) return null;
        Key key = new Key(text, font.getSize(), font.getFamily(), color, scale, turned);
        Image img = CACHE.get(key);
        if (img != null) return img;
        if (PENDING.contains(key)) return null;
        if (!startAllowed()) { retryLater(whenReady); return null; }
        PENDING.add(key);
        Text t = new Text(text);
        t.setFont(font);
        t.setFill(color);
        t.getTransforms().add(new Scale(scale, scale));
        if (turned) t.getTransforms().add(new Rotate(-90));
        SnapshotParameters p = new SnapshotParameters();
        p.setFill(Color.TRANSPARENT);
        t.snapshot(result -> {
            PENDING.remove(key);
            CACHE.put(key, result.getImage());
            whenReady.run();
            return null;
        }, p, null);
        return null;
    }

    /**
     * At most this many snapshots start in one frame's time. Why: JavaFX renders pending snapshots on the JavaFX thread
     * at the next pulse, waiting for the renderer each time; a pasted 256-token prompt asked for ~500 labels at once.
     */
    static final int SNAPSHOTS_PER_FRAME = 8;
    private static final long FRAME_NANOS = 16_000_000L;
    private static long windowStart;
    private static int startedInWindow;
    private static final List<Runnable> RETRY = new ArrayList<>();
    private static boolean retryScheduled;

    private static boolean startAllowed() {
        long now = System.nanoTime();
        if (now - windowStart > FRAME_NANOS) { windowStart = now; startedInWindow = 0; }
        return startedInWindow++ < SNAPSHOTS_PER_FRAME;
    }

    /** Runs the callers' redraws a frame later, when they ask again (and get the next few labels). */
    private static void retryLater(Runnable whenReady) {
        RETRY.add(whenReady);
        if (retryScheduled) return;
        retryScheduled = true;
        PauseTransition wait = new PauseTransition(Duration.millis(17));
        wait.setOnFinished(e -> {
            retryScheduled = false;
            List<Runnable> due = new ArrayList<>(RETRY);
            RETRY.clear();
            due.forEach(Runnable::run);
        });
        wait.play();
    }

    /** How many labels are cached (for tests). */
    static int size() { return CACHE.size(); }

    /** How many snapshots are under way (for tests). */
    static int pending() { return PENDING.size(); }
}
