package glassbox.views;

import glassbox.model.trace.Matrix;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class ColorScaleTest {
    @Test void viridisEndsAreThePublishedColours() {
        ColorScale s = ColorScale.weights();
        assertEquals(0xFF440154, s.argb(0));     // matplotlib viridis(0.0)
        assertEquals(0xFFFDE725, s.argb(1));     // viridis(1.0)
        assertEquals(0xFF440154, s.argb(-3), "clamped below");
    }

    @Test void viridisGetsLighterMonotonically() {
        ColorScale s = ColorScale.weights();
        double prev = -1;
        for (int i = 0; i <= 20; i++) {
            Color c = s.color(i / 20.0);
            double lum = 0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue();
            assertTrue(lum > prev, "luminance rises at " + i);
            prev = lum;
        }
    }

    @Test void divergingIsWhiteAtZeroAndSymmetric() {
        ColorScale s = ColorScale.diverging(2);
        Color mid = s.color(0);
        assertTrue(mid.getRed() > 0.95 && mid.getGreen() > 0.95 && mid.getBlue() > 0.95);
        assertTrue(s.color(-2).getBlue() > s.color(-2).getRed());
        assertTrue(s.color(2).getRed() > s.color(2).getBlue());
        assertEquals(-2, s.min());
        assertEquals(2, s.max());
    }

    @Test void maskedCellsAndNaNHaveTheirOwnColours() {
        ColorScale s = ColorScale.weights();
        assertNotEquals(s.argb(0), s.argb(Double.NEGATIVE_INFINITY));
        assertEquals(s.argb(Double.NEGATIVE_INFINITY), ColorScale.diverging(1).argb(Float.NEGATIVE_INFINITY));
    }

    @Test void fittingIgnoresInfinities() {
        ColorScale s = ColorScale.fitting(new Matrix(1, 3, new float[]{-1, 3, Float.NEGATIVE_INFINITY}), true);
        assertEquals(-3, s.min());
        assertEquals(3, s.max());
    }
}
