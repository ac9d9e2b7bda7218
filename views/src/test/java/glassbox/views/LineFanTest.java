package glassbox.views;

import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The band rasterizer behind the BertViz lines, against coverage worked out by hand and plain geometry. */
class LineFanTest {
    @Test void aOnePixelLineOnAPixelCentreFillsExactlyThatRow() {
        LineFan f = new LineFan();
        f.reset(20, 20);
        f.stroke(10.5, 10.5, 1, Color.RED, 1);
        for (int x = 0; x < 20; x++) {
            assertEquals(0xFFFF0000, f.pixel(x, 10), "row 10 is covered fully at x=" + x);
            assertEquals(0, f.pixel(x, 9), "row 9: its centre is 1 px away, beyond the half width + 0.5");
            assertEquals(0, f.pixel(x, 11));
        }
    }

    @Test void aTwoPixelLineOnAPixelEdgeFillsTheTwoRowsBesideIt() {
        LineFan f = new LineFan();
        f.reset(8, 20);
        f.stroke(10, 10, 2, Color.BLUE, 1);
        assertEquals(0xFF0000FF, f.pixel(3, 9));
        assertEquals(0xFF0000FF, f.pixel(3, 10));
        assertEquals(0, f.pixel(3, 8));
        assertEquals(0, f.pixel(3, 11));
    }

    @Test void aLineBetweenPixelCentresSharesItsCoverage() {
        LineFan f = new LineFan();
        f.reset(4, 20);
        f.stroke(10, 10, 1, Color.WHITE, 1);   // centre line on the edge between rows 9 and 10: each half covered
        assertEquals(128, f.pixel(1, 9) >>> 24, "alpha 0.5 of 255, rounded");
        assertEquals(128, f.pixel(1, 10) >>> 24);
    }

    @Test void sourceOverBlendsPremultiplied() {
        LineFan f = new LineFan();
        f.reset(4, 4);
        f.stroke(1.5, 1.5, 1, Color.RED, 0.5);
        assertEquals(0x80800000, f.pixel(0, 1), "half-transparent red, premultiplied: a = r = 128");
        f.stroke(1.5, 1.5, 1, Color.BLUE, 0.5);
        int p = f.pixel(0, 1);
        // a = 255·0.5 + 128·(1 − 0.5) = 191.5, rounded; red keeps half of its 128; blue adds 0.5 of 255
        assertEquals(192, p >>> 24);
        assertEquals(64, (p >> 16) & 0xFF);
        assertEquals(0, (p >> 8) & 0xFF);
        assertEquals(128, p & 0xFF);
    }

    @Test void aSteepLinesInkMatchesItsLengthTimesItsWidth() {
        LineFan f = new LineFan();
        int w = 130, h = 2000;
        f.reset(w, h);
        double y0 = 100, y1 = 1900, width = 3;
        f.stroke(y0, y1, width, Color.BLACK, 1);
        double ink = 0;
        for (int x = 0; x < w; x++) for (int y = 0; y < h; y++) ink += (f.pixel(x, y) >>> 24) / 255.0;
        double area = Math.hypot(w, y1 - y0) * width;   // a parallelogram's area, cut square at both ends
        assertEquals(area, ink, area * 0.03, "coverage sums to the stroke's area");
    }

    @Test void reversingTheLineMirrorsIt() {
        LineFan a = new LineFan(), b = new LineFan();
        a.reset(50, 300);
        b.reset(50, 300);
        a.stroke(20, 250, 4.5, Color.ORANGE, 0.8);
        b.stroke(250, 20, 4.5, Color.ORANGE, 0.8);
        for (int x = 0; x < 50; x++) for (int y = 0; y < 300; y++) assertEquals(a.pixel(x, y), b.pixel(49 - x, y), "at " + x + "," + y);
    }

    @Test void resetClearsAndNothingIsDrawnOutsideTheBand() {
        LineFan f = new LineFan();
        f.reset(10, 10);
        f.stroke(-50, 60, 8, Color.RED, 1);   // runs off the top and the bottom: clipped, no exception
        f.reset(10, 10);
        for (int x = 0; x < 10; x++) for (int y = 0; y < 10; y++) assertEquals(0, f.pixel(x, y));
        f.reset(0, 0);
        f.stroke(1, 2, 1, Color.RED, 1);
        assertNull(f.image(), "an empty band has no image");
    }
}
