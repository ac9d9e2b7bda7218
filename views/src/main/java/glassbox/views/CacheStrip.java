package glassbox.views;

import glassbox.model.trace.Matrix;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.util.List;

/**
 * The KV cache as it grows: for every layer a K block and a V block, one row per cached position;
 * the rows added by the latest step are outlined together, older rows are the ones reused instead of recomputed.
 */
public final class CacheStrip extends PlotCanvas {

    /** One layer's cached keys and values (length × kvDim each). */
    public record LayerCache(Matrix keys, Matrix values) {}

    private static final double TOP = 22, GAP = 18;
    private List<LayerCache> layers = List.of();
    private int newFrom = Integer.MAX_VALUE;
    private int visibleRows = 16;
    private Color ink = Color.web("#333"), fresh = Color.web("#e0a030");

    public CacheStrip() { super(640, 320); }

    public void setInk(Color ink) { this.ink = ink; redraw(); }

    /** Rows at index ≥ newFrom are drawn as new. */
    public void setCache(List<LayerCache> layers, int newFrom) {
        this.layers = List.copyOf(layers);
        this.newFrom = newFrom;
        int len = length();
        while (visibleRows < len) visibleRows *= 2; // room to grow, so growth stays visible
        redraw();
    }

    /** Rows cached per layer (the same for every layer). */
    public int length() { return layers.isEmpty() ? 0 : layers.get(0).keys().rows(); }

    public int layerCount() { return layers.size(); }

    /** The cached keys and values of one layer, as drawn. */
    public LayerCache layer(int l) { return layers.get(l); }

    public int newRows() { return Math.max(0, length() - newFrom); }

    /**
     * The matrix as an image, one pixel per value, coloured around 0 by the block's own largest magnitude; a matrix
     * wider than {@code maxCols} keeps every n-th column (a block is drawn under 100 px wide: a large model's 1,024
     * K/V columns × 32 layers would otherwise be millions of pixels per redraw on the FX thread).
     */
    static WritableImage cells(Matrix m, int maxCols) {
        int rows = m.rows(), cols = Math.min(m.cols(), Math.max(1, maxCols));
        float[] d = new float[rows * cols];
        double maxAbs = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < m.cols(); c++) { float v = m.get(r, c); if (Float.isFinite(v)) maxAbs = Math.max(maxAbs, Math.abs(v)); }
            for (int j = 0; j < cols; j++) d[r * cols + j] = m.get(r, (int) ((long) j * m.cols() / cols));
        }
        return FlowColors.divergingImage(d, rows, cols, maxAbs);
    }

    @Override protected void draw(GraphicsContext g, double w, double h) {
        if (layers.isEmpty()) return;
        int n = layers.size();
        double blockW = Math.max(16, Math.min(90, (w - GAP * (n + 1)) / (2.0 * n) - 3));
        double rowH = Math.max(1, Math.min(14, (h - TOP - 6) / visibleRows));
        g.setFont(Font.font(11));
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.CENTER);
        double x = GAP;
        g.setImageSmoothing(false);   // crisp cells, as the matrix blocks draw them
        for (int l = 0; l < n; l++) {
            LayerCache lc = layers.get(l);
            for (int kv = 0; kv < 2; kv++) {
                Matrix m = kv == 0 ? lc.keys() : lc.values();
                g.setFill(ink);
                g.fillText("L" + l + (kv == 0 ? " K" : " V"), x + blockW / 2, 4);
                Outline.rect(g, x + 0.5, TOP + 0.5, blockW, rowH * visibleRows, 1, ink.deriveColor(0, 1, 1, 0.25));
                if (m.rows() > 0 && m.cols() > 0) {
                    // one pixel per value, scaled as one image: a rectangle per value was 262,144 fills for 256 rows of 8 blocks
                    g.drawImage(cells(m, (int) Math.ceil(blockW)), x, TOP, blockW, rowH * m.rows());
                    if (newFrom < m.rows()) {
                        Outline.rect(g, x - 1, TOP + newFrom * rowH - 1, blockW + 2, (m.rows() - newFrom) * rowH + 2, 2, fresh);
                    }
                }
                x += blockW + 3;
            }
            x += GAP - 3;
        }
    }
}
