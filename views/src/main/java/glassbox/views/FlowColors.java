package glassbox.views;

import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;

/**
 * The two maps the flow views use: a blue–white–red diverging map for signed activations (white = 0)
 * and viridis (perceptually uniform) for non-negative values such as probabilities.
 */
public final class FlowColors {
    private FlowColors() {}

    /** Masked (−∞) cells: a neutral dark grey so they read as "not allowed", not as a value. */
    public static final Color MASKED = Color.web("#4a4a4a");

    private static final Color NEG = Color.web("#3b4cc0"), MID = Color.web("#f7f7f7"), POS = Color.web("#b40426");

    // viridis sampled at 9 evenly spaced points
    private static final Color[] VIRIDIS = {
            Color.web("#440154"), Color.web("#472d7b"), Color.web("#3b528b"), Color.web("#2c728e"),
            Color.web("#21918c"), Color.web("#28ae80"), Color.web("#5ec962"), Color.web("#addc30"), Color.web("#fde725")};

    /** v in [−maxAbs, maxAbs] to blue … white … red. */
    public static Color diverging(double v, double maxAbs) {
        if (Double.isNaN(v)) return Color.MAGENTA;
        if (v == Double.NEGATIVE_INFINITY) return MASKED;
        double t = maxAbs <= 0 ? 0 : Math.max(-1, Math.min(1, v / maxAbs));
        return t < 0 ? MID.interpolate(NEG, -t) : MID.interpolate(POS, t);
    }

    /** t in [0, 1] to viridis. */
    public static Color sequential(double t) {
        if (Double.isNaN(t)) return Color.MAGENTA;
        t = Math.max(0, Math.min(1, t)) * (VIRIDIS.length - 1);
        int i = Math.min(VIRIDIS.length - 2, (int) t);
        return VIRIDIS[i].interpolate(VIRIDIS[i + 1], t - i);
    }

    private static final int LEVELS = 1024;   // table steps per side: adjacent entries differ by under one 8-bit unit
    private static final int[] DIVERGING = new int[2 * LEVELS + 1], SEQUENTIAL = new int[LEVELS + 1];
    static {
        for (int i = 0; i <= 2 * LEVELS; i++) DIVERGING[i] = argb(diverging(i - LEVELS, LEVELS));
        for (int i = 0; i <= LEVELS; i++) SEQUENTIAL[i] = argb(sequential((double) i / LEVELS));
    }

    /**
     * {@link #diverging} of d[0..n) as packed ARGB into out, through a table (a block converts thousands of values
     * per update; a Color per value made the Q/K/V view's FX work 120 ms at 256 tokens).
     */
    public static void divergingArgb(float[] d, int n, double maxAbs, int[] out) {
        throughTable(d, n, LEVELS, maxAbs <= 0 ? 0 : LEVELS / maxAbs, DIVERGING, out);
    }

    /** {@link #sequential} of d[i] / max for d[0..n) as packed ARGB (−∞ masked), through a table. */
    public static void sequentialArgb(float[] d, int n, double max, int[] out) {
        throughTable(d, n, 0, max <= 0 ? 0 : LEVELS / max, SEQUENTIAL, out);
    }

    /**
     * out[i] = table[round(offset + d[i]·scale)], clamped to the table; NaN magenta, −∞ masked. The bulk colour
     * lookup of every heatmap and matrix block (ColorScale uses it too).
     */
    static void throughTable(float[] d, int n, double offset, double scale, int[] table, int[] out) {
        int last = table.length - 1;
        for (int i = 0; i < n; i++) {
            float v = d[i];
            if (v != v) { out[i] = MAGENTA; continue; }
            if (v == Float.NEGATIVE_INFINITY) { out[i] = MASKED_ARGB; continue; }
            double x = scale == 0 ? offset : offset + v * scale;   // 0·∞ would be NaN
            out[i] = table[x <= 0 ? 0 : x >= last ? last : (int) Math.round(x)];
        }
    }

    private static final int MAGENTA = argb(Color.MAGENTA), MASKED_ARGB = argb(MASKED);

    /** rows × cols values (row-major) as an image, one pixel each, coloured by {@link #diverging} around maxAbs. */
    static WritableImage divergingImage(float[] d, int rows, int cols, double maxAbs) {
        int[] px = new int[rows * cols];
        divergingArgb(d, px.length, maxAbs, px);
        return image(px, rows, cols);
    }

    /** rows × cols values (row-major) as an image, one pixel each, coloured by {@link #sequential} of value / max. */
    static WritableImage sequentialImage(float[] d, int rows, int cols, double max) {
        int[] px = new int[rows * cols];
        sequentialArgb(d, px.length, max, px);
        return image(px, rows, cols);
    }

    private static WritableImage image(int[] argb, int rows, int cols) {
        WritableImage img = new WritableImage(cols, rows);
        img.getPixelWriter().setPixels(0, 0, cols, rows, PixelFormat.getIntArgbInstance(), argb, 0, cols);
        return img;
    }

    /** A colour as opaque packed ARGB (8 bits per channel, rounded). */
    static int argb(Color c) {
        return 0xFF000000 | (int) Math.round(c.getRed() * 255) << 16 | (int) Math.round(c.getGreen() * 255) << 8
                | (int) Math.round(c.getBlue() * 255);
    }
}
