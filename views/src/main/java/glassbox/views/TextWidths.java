package glassbox.views;

import javafx.scene.text.Font;
import javafx.scene.text.Text;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Text widths by font and text, measured once and shared by every view (heatmap labels, token chips). Why: a
 * keystroke changes one or two labels of hundreds, and laying text out is what measuring costs.
 */
final class TextWidths {
    private static final int CAPACITY = 8192;   // a vocabulary's pieces in a font or two
    private record Key(Font font, String text) {}
    private static final Map<Key, Double> CACHE = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override protected boolean removeEldestEntry(Map.Entry<Key, Double> e) { return size() > CAPACITY; }
    });

    private TextWidths() {}

    /** The width of the text laid out in the font, as a Text node measures it. */
    static double of(Font font, String text) {
        return CACHE.computeIfAbsent(new Key(font, text), k -> {
            Text t = new Text(k.text());
            t.setFont(k.font());
            return t.getLayoutBounds().getWidth();
        });
    }
}
