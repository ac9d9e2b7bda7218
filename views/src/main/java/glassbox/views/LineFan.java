package glassbox.views;

import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;

import java.util.Arrays;

/**
 * Anti-aliased straight strokes across a band from its left edge (x = 0) to its right edge (x = width), painted
 * into a premultiplied ARGB buffer and handed over as one image. Why: JavaFX's software renderer rasterizes every
 * canvas line as a general shape, which made the BertViz lines most of a frame's cost; here a line costs only the
 * pixels it covers. Coverage is by distance to the stroke's centre line, so steep and shallow lines look alike.
 */
final class LineFan {
    private static final int ROWS_STEP = 512;   // the buffer grows in steps: a prompt one token longer is a taller band
    private int width, height, capacity;      // capacity: rows of the buffer and the image (≥ height)
    private int[] argb = new int[0];
    private WritableImage image;
    private javafx.scene.image.PixelBuffer<java.nio.IntBuffer> buffer;   // the image's pixels are argb itself
    private int inkTop, inkBottom = -1;   // rows holding paint now (inkBottom < inkTop: none)
    private int shownTop, shownBottom = -1;   // rows holding paint in the image as last handed over

    /**
     * Clears the band and sizes it to width × height pixels. The buffer and its image are kept while they are tall
     * enough (and not four times too tall): a new image per size meant a new texture per keystroke, which the
     * renderer held on to for a while (tens of MB after a typing session).
     */
    void reset(int width, int height) {
        width = Math.max(0, width);
        height = Math.max(0, height);
        if (width != this.width || height > capacity || capacity > 4 * Math.max(height, ROWS_STEP)) {
            this.width = width;
            capacity = (height + ROWS_STEP - 1) / ROWS_STEP * ROWS_STEP;
            argb = new int[width * capacity];
            image = null;
            shownBottom = -1;
        } else if (inkBottom >= inkTop) {
            Arrays.fill(argb, inkTop * width, (inkBottom + 1) * width, 0);   // only the rows that were painted
        }
        this.height = height;
        inkTop = Integer.MAX_VALUE;
        inkBottom = -1;
    }

    /** Rows of {@link #image()} that belong to the band (the image may be taller; draw only these). */
    int height() { return height; }

    int width() { return width; }

    /** A stroke from (0, y0) to (width, y1), lineWidth pixels thick, in color c at opacity alpha, drawn over what is there. */
    void stroke(double y0, double y1, double lineWidth, Color c, double alpha) {
        double a = Math.clamp(alpha * c.getOpacity(), 0, 1);
        if (width == 0 || height == 0 || a <= 0) return;
        double slope = (y1 - y0) / width, norm = Math.sqrt(1 + slope * slope), half = lineWidth / 2;
        double reach = (half + 1) * norm;   // rows from the centre line that can get any coverage
        if (Math.max(y0, y1) + reach < 0 || Math.min(y0, y1) - reach > height) return;   // wholly above or below the band
        double r = c.getRed(), g = c.getGreen(), b = c.getBlue();
        for (int x = 0; x < width; x++) {
            double yc = y0 + slope * (x + 0.5);
            int top = Math.max(0, (int) Math.floor(yc - reach)), bottom = Math.min(height - 1, (int) Math.ceil(yc + reach));
            if (top > bottom) continue;
            inkTop = Math.min(inkTop, top);
            inkBottom = Math.max(inkBottom, bottom);
            for (int y = top; y <= bottom; y++) {
                double distance = Math.abs(y + 0.5 - yc) / norm;
                double cover = Math.clamp(half + 0.5 - distance, 0, 1);
                if (cover > 0) blend(y * width + x, r, g, b, a * cover);
            }
        }
    }

    /** Source-over onto premultiplied ARGB, rounded to the nearest of 255 levels per channel. */
    private void blend(int at, double r, double g, double b, double a) {
        int d = argb[at];
        double keep = 1 - a;
        int outA = (int) (255 * a + (d >>> 24) * keep + 0.5);
        int outR = (int) (255 * r * a + ((d >> 16) & 0xFF) * keep + 0.5);
        int outG = (int) (255 * g * a + ((d >> 8) & 0xFF) * keep + 0.5);
        int outB = (int) (255 * b * a + (d & 0xFF) * keep + 0.5);
        argb[at] = outA << 24 | outR << 16 | outG << 8 | outB;
    }

    /** The band as an image (null while it is empty of pixels); the same image object is refilled between resets; its top {@link #height()} rows are the band. */
    WritableImage image() {
        if (width == 0 || height == 0) return null;
        if (image == null) {   // over argb as IntArgbPre: the renderer uploads it as it is (a byte-BGRA image is converted each time)
            buffer = new javafx.scene.image.PixelBuffer<>(width, capacity, java.nio.IntBuffer.wrap(argb), PixelFormat.getIntArgbPreInstance());
            image = new WritableImage(buffer);
            shownBottom = -1;
        }
        // rows painted before or now: the rest of the image is transparent already
        int top = Math.min(inkBottom >= inkTop ? inkTop : height, shownBottom >= shownTop ? shownTop : height);
        int bottom = Math.max(inkBottom, shownBottom);
        if (bottom >= top) {
            int t = top, h = bottom - top + 1;
            buffer.updateBuffer(b -> new javafx.geometry.Rectangle2D(0, t, width, h));   // only these rows changed
        }
        shownTop = inkTop;
        shownBottom = inkBottom;
        return image;
    }

    /** The premultiplied ARGB value at a pixel (for tests). */
    int pixel(int x, int y) { return argb[y * width + x]; }
}
