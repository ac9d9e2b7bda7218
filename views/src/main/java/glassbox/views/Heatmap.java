package glassbox.views;

import glassbox.model.trace.Matrix;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;

import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * A matrix drawn on one Canvas: the values go through a {@link ColorScale} into a pixel buffer (one
 * pixel per cell) which is scaled up without smoothing, so cells stay crisp and a 1024×1024 matrix
 * costs one image upload. Optional row/column labels, numbers in the cells when they are big enough,
 * the value on hover, and a click callback with (row, column).
 */
public final class Heatmap extends Region {

    /** Formats the hover text of one cell. */
    @FunctionalInterface
    public interface HoverText { String text(int row, int col, float value); }

    private static final Font LABEL_FONT = Font.font(11);
    private final Canvas canvas = new Canvas();
    private final Tooltip tip = new Tooltip();
    private Matrix matrix;
    private ColorScale scale = ColorScale.weights();
    private List<String> rowLabels = List.of(), colLabels = List.of();
    private boolean showLabels = true, showValues = true;
    private double fixedCell = 0, maxCell = 40;
    private int highlightRow = -1, highlightCol = -1;
    private WritableImage image;
    private int[] imagePx;                  // the cells' colours, one pixel per cell (image's pixels); made when first needed
    private WritableImage blocks;           // the cells at display size: drawn 1:1, a copy rather than a scaled draw
    private javafx.scene.image.PixelBuffer<java.nio.IntBuffer> blocksBuffer;   // over blocksPx, premultiplied = opaque ARGB
    private int[] blocksPx;
    private Matrix blocksOf;                // the matrix blocks was built from (identity; a new one comes with its scale)
    private double blocksCell;
    private boolean blocksGrid;
    private final RedrawSoon redrawSoon = new RedrawSoon(this::draw);   // one redraw for labels that became ready in one pulse
    private double rowLabelW, colLabelH, cell, x0, y0;
    private HoverText hoverText = (r, c, v) -> "[" + r + ", " + c + "] = " + format(v);
    private BiConsumer<Integer, Integer> onCellClicked = (r, c) -> {};
    private BiConsumer<Integer, Integer> onHover = (r, c) -> {};
    private Color labelColor = Color.gray(0.25), selectColor = Color.web("#ff9f1c");

    public Heatmap() {
        getChildren().add(canvas);
        getStyleClass().add("heatmap");
        tip.setShowDelay(Duration.millis(40));
        tip.setHideDelay(Duration.millis(60));
        Tooltip.install(canvas, tip);
        canvas.setOnMouseMoved(e -> {
            int[] rc = cellAt(e.getX(), e.getY());
            if (rc == null) { tip.setText(""); onHover.accept(-1, -1); return; }
            tip.setText(hoverText(rc[0], rc[1]));
            onHover.accept(rc[0], rc[1]);
        });
        canvas.setOnMouseExited(e -> onHover.accept(-1, -1));
        canvas.setOnMouseClicked(e -> {
            int[] rc = cellAt(e.getX(), e.getY());
            if (rc != null) onCellClicked.accept(rc[0], rc[1]);
        });
    }

    /** Shows a matrix under a colour scale; labels are kept if their counts still match. */
    public void setData(Matrix m, ColorScale scale) {
        this.matrix = m;
        this.scale = scale;
        if (rowLabels.size() != rows()) rowLabels = List.of();
        if (colLabels.size() != cols()) colLabels = List.of();
        imagePx = null;   // made when first drawn at a cell of a pixel or more: a shrunk heatmap never needs one per cell
        image = null;   // made on first use: the 1:1 cell image usually serves instead
        measureLabels();
        requestLayout();
        draw();
    }

    public void setLabels(List<String> rows, List<String> cols) {
        List<String> r = rows == null ? List.of() : List.copyOf(rows), c = cols == null ? List.of() : List.copyOf(cols);
        if (r.equals(rowLabels) && c.equals(colLabels)) return;   // the same labels again: no measuring, no redraw
        rowLabels = r;
        colLabels = c;
        measureLabels();
        requestLayout();
        draw();
    }

    public void setShowLabels(boolean show) { showLabels = show; measureLabels(); requestLayout(); draw(); }

    /** Writes the numbers into cells at least this big (on by default). */
    public void setShowValues(boolean show) { showValues = show; draw(); }

    /** A fixed cell size in pixels; 0 (default) fits the matrix into the space the layout gives. */
    public void setCellSize(double px) {
        if (px == fixedCell) return;   // views set it on every update: an unchanged size costs no redraw
        fixedCell = px;
        requestLayout();
        draw();
    }

    public void setMaxCellSize(double px) {
        if (px == maxCell) return;
        maxCell = px;
        requestLayout();
        draw();
    }

    /** Outlines one row and/or column (−1 for none), e.g. the selected query. */
    public void setHighlight(int row, int col) {
        if (row == highlightRow && col == highlightCol) return;
        highlightRow = row;
        highlightCol = col;
        draw();
    }

    public void setHoverText(HoverText f) { hoverText = f; }

    public void setOnCellClicked(BiConsumer<Integer, Integer> handler) { onCellClicked = handler; }

    /** Called with the hovered cell, or (−1, −1) when the pointer leaves. */
    public void setOnHover(BiConsumer<Integer, Integer> handler) { onHover = handler; }

    public void setLabelColor(Color c) { labelColor = c; draw(); }

    public Matrix matrix() { return matrix; }

    public ColorScale scale() { return scale; }

    public int rows() { return matrix == null ? 0 : matrix.rows(); }

    public int cols() { return matrix == null ? 0 : matrix.cols(); }

    public List<String> rowLabels() { return rowLabels; }

    public List<String> colLabels() { return colLabels; }

    public Canvas canvas() { return canvas; }

    /** The side of one cell as last drawn. */
    public double cellSize() { return cell; }

    public String hoverText(int r, int c) { return hoverText.text(r, c, matrix.get(r, c)); }

    /** The (row, column) under a canvas point, or null outside the cells. */
    public int[] cellAt(double x, double y) {
        if (matrix == null || cell <= 0) return null;
        int c = (int) Math.floor((x - x0) / cell), r = (int) Math.floor((y - y0) / cell);
        return r < 0 || c < 0 || r >= rows() || c >= cols() ? null : new int[]{r, c};
    }

    /** The canvas point at the centre of a cell (for tests and overlays). */
    public double[] cellCenter(int r, int c) { return new double[]{x0 + (c + 0.5) * cell, y0 + (r + 0.5) * cell}; }

    @Override protected double computePrefWidth(double h) {
        return rowLabelW + cols() * (fixedCell > 0 ? fixedCell : Math.min(maxCell, 16)) + 2;
    }

    @Override protected double computePrefHeight(double w) {
        return colLabelH + rows() * (fixedCell > 0 ? fixedCell : Math.min(maxCell, 16)) + 2;
    }

    @Override protected double computeMinWidth(double h) { return fixedCell > 0 ? computePrefWidth(h) : 40; }

    @Override protected double computeMinHeight(double w) { return fixedCell > 0 ? computePrefHeight(w) : 40; }

    @Override protected void layoutChildren() {
        double w = snapSizeX(getWidth()), h = snapSizeY(getHeight());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
        }
        draw();
    }

    private void measureLabels() {
        boolean labels = showLabels && (!rowLabels.isEmpty() || !colLabels.isEmpty());
        rowLabelW = labels && !rowLabels.isEmpty() ? Math.min(130, widest(rowLabels) + 8) : 0;
        colLabelH = labels && !colLabels.isEmpty() ? Math.min(130, widest(colLabels) + 8) : 0;
    }

    private static double widest(List<String> labels) {
        double w = 0;
        for (String s : labels) w = Math.max(w, TextWidths.of(LABEL_FONT, s));
        return w;
    }

    private static int[] pixels(Matrix m, ColorScale scale) {
        if (m == null || m.rows() == 0 || m.cols() == 0) return null;
        int[] px = new int[m.rows() * m.cols()];
        scale.argb(m.toArray(), px, px.length);
        return px;
    }

    private static WritableImage imageOf(int[] px, int w, int h) {
        WritableImage img = new WritableImage(w, h);
        img.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), px, 0, w);
        return img;
    }

    /** Largest display-size cell image built by hand (beyond it the renderer scales the one-pixel-per-cell image). */
    private static final int MAX_BLOCK_PIXELS = 4 << 20;

    /**
     * The cells at display size, each cell a block of pixels (nearest cell per pixel when the cell is not a whole
     * number of pixels; the mean of the cells under a pixel when cells are smaller than one), grid lines blended in:
     * the software renderer copies such an image at 1:1 far faster than it scales the small one (the mask view's
     * largest cost per frame). Kept while the matrix and cell size stay; drawn from the top-left of an image kept while
     * it fits, so a keystroke makes no new texture.
     */
    private WritableImage blocks(int rows, int cols, double c, boolean grid) {
        int w = blockWidth(cols, c), h = blockWidth(rows, c);
        if (blocks != null && blocksOf == matrix && blocksCell == c && blocksGrid == grid) return blocks;
        int stride = blocks == null ? 0 : (int) blocks.getWidth(), height = blocks == null ? 0 : (int) blocks.getHeight();
        // a prompt a token longer grows the image by a cell each way: with a quarter to spare each way the image (and
        // the renderer's texture of it) serves the next sizes too, instead of two new large arrays per keystroke for
        // the collector to copy while they are on screen
        boolean fresh = stride < w || height < h || stride > 2 * w || height > 2 * h;
        if (fresh) {
            stride = w + w / 4;
            height = h + h / 4;
            blocksPx = new int[stride * height];
        }
        int[] out = blocksPx;
        if (c < 1) {
            int[] px = new int[w * h];
            shrink(matrix, rows, cols, scale, px, w, h);   // read in place: a copy was 256 KB a heatmap at 256 tokens
            for (int y = 0; y < h; y++) System.arraycopy(px, y * w, out, y * stride, w);
        } else {
            expand(rows, cols, c, grid, out, w, h, stride);
        }
        if (fresh) {   // the renderer uploads an IntArgbPre buffer as it is (a byte-BGRA image is converted every frame it changes)
            blocksBuffer = new javafx.scene.image.PixelBuffer<>(stride, height, java.nio.IntBuffer.wrap(out), PixelFormat.getIntArgbPreInstance());
            blocks = new WritableImage(blocksBuffer);
        } else {
            blocksBuffer.updateBuffer(b -> null);   // all of it changed
        }
        blocksOf = matrix;
        blocksCell = c;
        blocksGrid = grid;
        return blocks;
    }

    /** Pixels across n cells of size c in the block image. */
    private static int blockWidth(int n, double c) { return Math.max(1, (int) Math.round(n * c)); }

    /**
     * More cells than pixels: each display pixel shows the mean of the finite values under it (a box filter; masked
     * −∞ cells count only where a pixel has nothing else). Why: the software renderer scaled a one-pixel-per-cell image
     * down with smoothing every frame — 40 heatmaps of 258×258 cells were the attention grid's whole frame — and
     * colouring every cell first cost as much again on the JavaFX thread; a display-size image is a plain copy.
     */
    static void shrink(Matrix values, int rows, int cols, ColorScale scale, int[] out, int w, int h) {
        int[] firstCol = new int[w + 1];   // pixel x shows columns [firstCol[x], firstCol[x + 1]) (cols > w: none empty)
        for (int c = cols - 1; c >= 0; c--) firstCol[(int) ((long) c * w / cols)] = c;
        firstCol[w] = cols;
        float[] colSum = new float[cols];
        int[] colCount = new int[cols];
        float[] mean = new float[w * h];
        int row = 0;
        for (int y = 0; y < h; y++) {
            int until = (int) ((long) (y + 1) * rows / h), first = row;
            java.util.Arrays.fill(colSum, 0);
            // a sum per column, then per pixel: no add waits on the one before it; a plain row add first, which the JIT
            // vectorises (the shrink was half of the JavaFX thread's time in a 40-head grid at 258 tokens), and the
            // finite-aware sums again only where a column's sum shows a masked −∞ or a NaN
            for (int r = first; r < until; r++) values.addRowTo(r, colSum);
            boolean allFinite = true;
            for (int c = 0; c < cols && allFinite; c++) allFinite = colSum[c] - colSum[c] == 0f;
            if (allFinite) {
                java.util.Arrays.fill(colCount, until - first);
            } else {
                java.util.Arrays.fill(colSum, 0);
                java.util.Arrays.fill(colCount, 0);
                for (int r = first; r < until; r++) {
                    for (int c = 0, base = r * cols; c < cols; c++) {
                        float v = values.at(base + c);
                        boolean finite = v - v == 0f;   // false for ±∞ (masked) and NaN
                        colSum[c] += finite ? v : 0f;
                        colCount[c] += finite ? 1 : 0;
                    }
                }
            }
            row = until;
            for (int x = 0; x < w; x++) {
                float sum = 0;
                int n = 0;
                for (int c = firstCol[x]; c < firstCol[x + 1]; c++) { sum += colSum[c]; n += colCount[c]; }
                // a pixel of masked cells only: the first of them (−∞ keeps its colour)
                mean[y * w + x] = n > 0 ? sum / n : first < rows ? values.at(first * cols + firstCol[x]) : Float.NaN;
            }
        }
        scale.argb(mean, out, w * h);
        for (int i = 0; i < w * h; i++) out[i] = premultiplied(out[i]);
    }

    /** The cells' colours, one int per cell, made on first use. */
    private int[] cellColours() {
        if (imagePx == null) imagePx = pixels(matrix, scale);
        return imagePx;
    }

    /** Cells of at least a pixel: each pixel the nearest cell's colour, grid lines blended in. */
    private void expand(int rows, int cols, double c, boolean grid, int[] out, int w, int h, int stride) {
        int[] imagePx = cellColours();
        int[] colOf = new int[w];
        boolean[] lineX = new boolean[w];   // the first pixel column of every cell but the first
        for (int x = 0; x < w; x++) {
            colOf[x] = Math.min(cols - 1, (int) (x / c));
            lineX[x] = grid && x > 0 && colOf[x] != colOf[x - 1];
        }
        int[] plain = new int[w];   // the current cell row's pixels below its grid line
        int prevRow = -1;
        for (int y = 0; y < h; y++) {
            int r = Math.min(rows - 1, (int) (y / c)), at = y * stride, base = r * cols;
            boolean first = r != prevRow;
            if (first) {
                for (int x = 0; x < w; x++) {
                    int argb = premultiplied(imagePx[base + colOf[x]]);
                    plain[x] = lineX[x] ? overWhite35(argb) : argb;
                }
            }
            if (first && grid && r > 0) {   // the cell row's first pixel row is a grid line all the way across
                for (int x = 0; x < w; x++) out[at + x] = overWhite35(premultiplied(imagePx[base + colOf[x]]));
            } else {
                System.arraycopy(plain, 0, out, at, w);
            }
            prevRow = r;
        }
    }

    /** ARGB as premultiplied ARGB (the colour scales are opaque: then the same int). */
    static int premultiplied(int argb) {
        int a = argb >>> 24;
        if (a == 255) return argb;
        return a << 24 | ((argb >> 16 & 0xff) * a / 255) << 16 | ((argb >> 8 & 0xff) * a / 255) << 8 | (argb & 0xff) * a / 255;
    }

    /** A premultiplied colour with white at 35% drawn over it (the grid lines' paint), rounded as the renderer rounds. */
    static int overWhite35(int argb) {
        int a = argb >>> 24, r = (argb >> 16) & 0xff, g = (argb >> 8) & 0xff, b = argb & 0xff;
        int white = Math.round(255 * 0.35f);
        return Math.round(a + (255 - a) * 0.35f) << 24 | (Math.round(r * 0.65f) + white) << 16 | (Math.round(g * 0.65f) + white) << 8
                | (Math.round(b * 0.65f) + white);
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth(), h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        if (matrix == null || rows() == 0 || cols() == 0 || w <= 0 || h <= 0) { cell = 0; return; }
        int rows = rows(), cols = cols();
        double lw = labelsFit(w, h) ? rowLabelW : 0, lh = labelsFit(w, h) ? colLabelH : 0;
        cell = fixedCell > 0 ? fixedCell : Math.min(maxCell, Math.min((w - lw - 2) / cols, (h - lh - 2) / rows));
        if (cell >= 3) cell = Math.floor(cell); // whole pixels keep every cell the same width
        x0 = Math.round(lw + 1);   // whole pixels: the cell image is then copied, not resampled
        y0 = Math.round(lh + 1);
        boolean grid = cell >= 14;
        if (cell > 0 && (long) (rows * cell) * (long) (cols * cell) <= MAX_BLOCK_PIXELS) {
            g.setImageSmoothing(false);
            int bw = blockWidth(cols, cell), bh = blockWidth(rows, cell);   // the image's top-left part, 1:1, grid lines included
            g.drawImage(blocks(rows, cols, cell, grid), 0, 0, bw, bh, x0, y0, bw, bh);
        } else {
            g.setImageSmoothing(false);   // only an enlarged image gets here (shrunk ones are box-filtered above): crisp blocks
            if (image == null) image = imageOf(cellColours(), cols, rows);
            g.drawImage(image, x0, y0, cols * cell, rows * cell);
            if (grid) gridLines(g, rows, cols);
        }
        if (showValues && cell >= 30) values(g, rows, cols);
        if (lw > 0 || lh > 0) labels(g, lw > 0, lh > 0);
        highlight(g, rows, cols);
    }

    private boolean labelsFit(double w, double h) {
        if (!showLabels) return false;
        double c = fixedCell > 0 ? fixedCell : Math.min((w - rowLabelW) / Math.max(1, cols()), (h - colLabelH) / Math.max(1, rows()));
        return c >= 8;
    }

    private void gridLines(GraphicsContext g, int rows, int cols) {
        // 1-px rectangles, not strokeLine: the software renderer fills rectangles directly but rasterizes every line as a shape
        g.setFill(Color.rgb(255, 255, 255, 0.35));
        for (int r = 1; r < rows; r++) g.fillRect(x0, y0 + r * cell, cols * cell, 1);
        for (int c = 1; c < cols; c++) g.fillRect(x0 + c * cell, y0, 1, rows * cell);
    }

    private void values(GraphicsContext g, int rows, int cols) {
        g.setFont(Font.font(Math.min(12, cell / 3.2)));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                float v = matrix.get(r, c);
                g.setFill(scale.textOn(v));
                g.fillText(format(v), x0 + (c + 0.5) * cell, y0 + (r + 0.5) * cell, cell - 2);
            }
        }
    }

    private void labels(GraphicsContext g, boolean rowsToo, boolean colsToo) {
        Font font = Font.font(Math.min(11, Math.max(7, cell - 2)));
        g.setFont(font);
        g.setFill(labelColor);
        g.setTextBaseline(VPos.CENTER);
        double scale = LabelText.scaleOf(this);
        if (rowsToo) {
            for (int r = 0; r < rowLabels.size(); r++) {
                Color color = r == highlightRow ? selectColor.darker() : labelColor;
                LabelText.draw(g, rowLabels.get(r), font, color, scale, x0 - 4, y0 + (r + 0.5) * cell, rowLabelW - 6, true, redrawSoon);
            }
        }
        if (colsToo) {
            g.setTextAlign(TextAlignment.LEFT);
            double room = colLabelH - 6;
            for (int c = 0; c < colLabels.size(); c++) {
                Color color = c == highlightCol ? selectColor.darker() : labelColor;
                double x = x0 + (c + 0.5) * cell;
                Image img = LabelImages.turned(colLabels.get(c), font, color, scale, redrawSoon);
                if (img != null) {   // a cached upright image: the renderer copies it instead of tracing glyph outlines
                    double iw = img.getWidth() / scale, ih = Math.min(room, img.getHeight() / scale);
                    g.drawImage(img, 0, img.getHeight() - ih * scale, img.getWidth(), ih * scale,
                            Math.round(x - iw / 2), Math.round(y0 - 4 - ih), iw, ih);
                    continue;
                }
                g.save();
                g.translate(x, y0 - 4);
                g.rotate(-90);
                g.setFill(color);
                g.fillText(colLabels.get(c), 0, 0, room);
                g.restore();
            }
        }
    }

    private void highlight(GraphicsContext g, int rows, int cols) {
        if (highlightRow >= 0 && highlightRow < rows) Outline.rect(g, x0 - 1, y0 + highlightRow * cell, cols * cell + 2, Math.max(2, cell), 2, selectColor);
        if (highlightCol >= 0 && highlightCol < cols) Outline.rect(g, x0 + highlightCol * cell, y0 - 1, Math.max(2, cell), rows * cell + 2, 2, selectColor);
    }

    /** Numbers as the views print them: −∞ for masked scores, 3 significant digits otherwise. */
    public static String format(float v) {
        if (v == Float.NEGATIVE_INFINITY) return "−∞";
        if (v == Float.POSITIVE_INFINITY) return "+∞";
        if (v == 0) return "0";
        double a = Math.abs(v);
        return a >= 100 || a < 1e-3 ? String.format(Locale.ROOT, "%.2e", v) : String.format(Locale.ROOT, "%.3f", v);
    }
}
