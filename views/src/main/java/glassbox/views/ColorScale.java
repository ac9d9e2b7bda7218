package glassbox.views;

import glassbox.model.trace.Matrix;
import javafx.scene.paint.Color;

/**
 * Values to colours through a 256-entry table: viridis (perceptually uniform) for weights and other
 * non-negative values, a blue–white–red diverging map centred on 0 for signed values. −∞ (a masked
 * score) gets its own neutral grey so it never reads as a small number.
 */
public final class ColorScale {

    public enum Kind { SEQUENTIAL, DIVERGING }

    private static final int SIZE = 256;
    private static final int[] VIRIDIS = table(kindAnchors(Kind.SEQUENTIAL));
    private static final int[] DIVERGING = table(kindAnchors(Kind.DIVERGING));
    private static final int MASKED = FlowColors.argb(FlowColors.MASKED);
    private static final int INVALID = FlowColors.argb(Color.MAGENTA);

    private final Kind kind;
    private final double min, max;

    private ColorScale(Kind kind, double min, double max) {
        this.kind = kind;
        this.min = min;
        this.max = max > min ? max : min + 1e-9;
    }

    /** Attention weights: viridis over [0, 1]. */
    public static ColorScale weights() { return new ColorScale(Kind.SEQUENTIAL, 0, 1); }

    public static ColorScale sequential(double min, double max) { return new ColorScale(Kind.SEQUENTIAL, min, max); }

    /** Signed values: white at 0, full blue at −maxAbs and full red at +maxAbs. */
    public static ColorScale diverging(double maxAbs) {
        double m = maxAbs > 0 && Double.isFinite(maxAbs) ? maxAbs : 1;
        return new ColorScale(Kind.DIVERGING, -m, m);
    }

    /** A scale spanning the finite values of m: diverging when signed, sequential otherwise. */
    public static ColorScale fitting(Matrix m, boolean signed) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < m.size(); i++) { float v = m.at(i); if (Float.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); } }
        if (lo > hi) { lo = 0; hi = 1; }
        return signed ? diverging(Math.max(Math.abs(lo), Math.abs(hi))) : sequential(lo, hi);
    }

    public Kind kind() { return kind; }

    public double min() { return min; }

    public double max() { return max; }

    /** Where v falls on the scale, clamped to [0, 1]. */
    public double position(double v) { return Math.max(0, Math.min(1, (v - min) / (max - min))); }

    /** Packed ARGB for a pixel buffer. */
    public int argb(double v) {
        if (Double.isNaN(v)) return INVALID;
        if (v == Double.NEGATIVE_INFINITY) return MASKED;
        int[] t = kind == Kind.SEQUENTIAL ? VIRIDIS : DIVERGING;
        return t[(int) Math.round(position(v) * (SIZE - 1))];
    }

    /**
     * argb of every value of d into px (the same colours as {@link #argb}, rounding to the nearest table entry):
     * a heatmap converts up to a million values per update, so one table loop ({@link FlowColors#throughTable}) avoids argb's per-value double maths.
     */
    public void argb(float[] d, int[] px, int n) {
        double scale = (SIZE - 1) / (max - min);
        FlowColors.throughTable(d, n, -min * scale, scale, kind == Kind.SEQUENTIAL ? VIRIDIS : DIVERGING, px);
    }

    public Color color(double v) {
        int c = argb(v);
        return Color.rgb((c >> 16) & 255, (c >> 8) & 255, c & 255);
    }

    /** The colour at a position in [0, 1] along the scale (for legends). */
    public Color colorAt(double t) { return color(min + t * (max - min)); }

    /** Black or white, whichever reads better on the colour of v. */
    public Color textOn(double v) {
        Color c = color(v);
        return 0.299 * c.getRed() + 0.587 * c.getGreen() + 0.114 * c.getBlue() > 0.55 ? Color.BLACK : Color.WHITE;
    }

    private static Color[] kindAnchors(Kind k) {
        return switch (k) {
            case SEQUENTIAL -> new Color[]{Color.web("#440154"), Color.web("#482475"), Color.web("#414487"),
                    Color.web("#355f8d"), Color.web("#2a788e"), Color.web("#21918c"), Color.web("#22a884"),
                    Color.web("#44bf70"), Color.web("#7ad151"), Color.web("#bddf26"), Color.web("#fde725")};
            // Moreland's cool–warm, which keeps lightness symmetric around the white centre
            case DIVERGING -> new Color[]{Color.web("#3b4cc0"), Color.web("#6f92f3"), Color.web("#aac7fd"),
                    Color.web("#f7f7f7"), Color.web("#f7b89c"), Color.web("#e7745b"), Color.web("#b40426")};
        };
    }

    private static int[] table(Color[] anchors) {
        int[] t = new int[SIZE];
        for (int i = 0; i < SIZE; i++) {
            double x = i / (double) (SIZE - 1) * (anchors.length - 1);
            int a = Math.min(anchors.length - 2, (int) x);
            t[i] = FlowColors.argb(anchors[a].interpolate(anchors[a + 1], x - a));
        }
        return t;
    }
}
