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

    /** The bulk conversion a heatmap uses gives the per-value colours: exactly, except within rounding of a bin edge. */
    @Test void bulkConversionMatchesPerValueColours() {
        for (ColorScale s : new ColorScale[]{ColorScale.weights(), ColorScale.diverging(3.5), ColorScale.sequential(-2, 7)}) {
            float[] d = new float[256 + 6];
            for (int i = 0; i < 256; i++) d[i] = (float) (s.min() + (i / 255.0) * (s.max() - s.min()));   // bin centres
            d[256] = Float.NaN; d[257] = Float.NEGATIVE_INFINITY; d[258] = Float.POSITIVE_INFINITY;
            d[259] = (float) s.min() - 5; d[260] = (float) s.max() + 5; d[261] = -0f;
            int[] px = new int[d.length];
            s.argb(d, px, d.length);
            for (int i = 0; i < d.length; i++) assertEquals(s.argb(d[i]), px[i], "value " + d[i]);

            java.util.Random r = new java.util.Random(5);
            float[] rnd = new float[20_000];
            for (int i = 0; i < rnd.length; i++) rnd[i] = (float) (s.min() + r.nextDouble() * (s.max() - s.min()));
            int[] out = new int[rnd.length];
            s.argb(rnd, out, rnd.length);
            for (int i = 0; i < rnd.length; i++) {
                if (out[i] == s.argb(rnd[i])) continue;
                double x = (rnd[i] - s.min()) / (s.max() - s.min()) * 255;
                assertEquals(0.5, x - Math.floor(x), 1e-4, "only a value on a bin edge may round the other way: " + rnd[i]);
            }
        }
    }
}
