package glassbox.views;

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
}
