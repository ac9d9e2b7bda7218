package glassbox.views;

import glassbox.model.trace.Matrix;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.util.Duration;

import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * One matrix drawn as a heatmap block with its name and real shape written above it ("Q  7×8"); the
 * block's aspect follows the shape, hovering shows the exact number. A weight with no data to show
 * can be drawn as a shape-only block.
 */
public final class MatrixBlock extends javafx.scene.layout.VBox {

    /** How values map to colours. */
    public enum Coloring { SIGNED, PROBABILITY }

    private final Label caption = new Label();
    private final Canvas canvas = new Canvas(), labels = new Canvas();
    private boolean showRowLabels;
    private final Tooltip tip = new Tooltip();
    private final String name;
    private Matrix matrix;
    private int rows, cols;
    private Coloring coloring = Coloring.SIGNED;
    private double maxSide = 150, minSide = 26, minRowHeight;
    private List<String> rowLabels = List.of();
    private BiConsumer<Integer, Integer> onCellClicked = (r, c) -> {};
    private int highlightRow = -1;
    private WritableImage pixels;          // the last matrix's cells, one pixel each
    private Matrix pixelsOf;
    private Coloring pixelsColoring;

    public MatrixBlock(String name) {
        this.name = name;
        setAlignment(Pos.CENTER);
        setSpacing(2);
        caption.setStyle("-fx-font-family: 'Monospaced'; -fx-font-size: 12px; -fx-font-weight: bold;");
        var row = new javafx.scene.layout.HBox(4, labels, canvas);
        row.setAlignment(Pos.CENTER);
        getChildren().addAll(caption, row);
        tip.setShowDelay(Duration.millis(60));
        tip.setHideDelay(Duration.millis(100));
        Tooltip.install(canvas, tip);
        canvas.setOnMouseMoved(e -> {
            int[] rc = cellAt(e.getX(), e.getY());
            tip.setText(rc == null ? caption.getText() : hoverText(rc[0], rc[1]));
        });
        canvas.setOnMouseClicked(e -> {
            int[] rc = cellAt(e.getX(), e.getY());
            if (rc != null) onCellClicked.accept(rc[0], rc[1]);
        });
        setData(null, 0, 0);
    }

    public MatrixBlock(String name, Matrix m, Coloring coloring) {
        this(name);
        this.coloring = coloring;
        setMatrix(m);
    }

    public void setMatrix(Matrix m) { setData(m, m.rows(), m.cols()); }

    /** A block for a matrix we know only by shape (e.g. a weight matrix not carried in the trace). */
    public void setShapeOnly(int rows, int cols) { setData(null, rows, cols); }

    public void setColoring(Coloring coloring) { this.coloring = coloring; draw(); }

    /** The largest side in pixels; the other side follows the shape (at least a small minimum). */
    public void setMaxSide(double maxSide) { this.maxSide = maxSide; draw(); }

    /** Rows at least this tall (cells then wider than high), so a few long rows stay readable with labels. */
    public void setMinRowHeight(double px) { minRowHeight = px; draw(); }

    public void setRowLabels(List<String> labels) { rowLabels = List.copyOf(labels); draw(); }

    /** Writes the row labels left of the block when rows are tall enough to read. */
    public void setShowRowLabels(boolean show) { showRowLabels = show; draw(); }

    public void setHighlightRow(int row) { highlightRow = row; draw(); }

    public void setOnCellClicked(BiConsumer<Integer, Integer> handler) { onCellClicked = handler; }

    public Matrix matrix() { return matrix; }

    public String name() { return name; }

    public String shapeText() { return rows + "×" + cols; }

    public String captionText() { return caption.getText(); }

    public int rows() { return rows; }

    public int cols() { return cols; }

    /** The text the hover shows for one cell, e.g. "Q[2, 5] = 0.1234". */
    public String hoverText(int r, int c) {
        if (matrix == null) return name + "  " + shapeText();
        return name + "[" + r + ", " + c + "] = " + number(matrix.get(r, c))
                + (r < rowLabels.size() ? "   (" + rowLabels.get(r) + ")" : "");
    }

    /** The (row, column) under a point of the block, or null outside it. */
    public int[] cellAt(double x, double y) {
        if (rows == 0 || cols == 0 || x < 0 || y < 0 || x >= canvas.getWidth() || y >= canvas.getHeight()) return null;
        return new int[]{(int) (y / canvas.getHeight() * rows), (int) (x / canvas.getWidth() * cols)};
    }

    private void setData(Matrix m, int rows, int cols) {
        this.matrix = m;
        this.rows = rows;
        this.cols = cols;
        caption.setText(name + "  " + rows + "×" + cols);
        draw();
    }

    private void draw() {
        double cell = Math.min(18, maxSide / Math.max(1, Math.max(rows, cols)));
        double w = Math.max(minSide, cols * cell), h = Math.max(minSide, rows * Math.max(cell, minRowHeight));
        canvas.setWidth(Math.round(w));
        canvas.setHeight(Math.round(h));
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, w, h);
        drawLabels(h);
        if (matrix == null || rows == 0 || cols == 0) {
            g.setFill(Color.web("#e8e8e8"));
            g.fillRect(0, 0, w, h);
            g.setStroke(Color.web("#b0b0b0"));
            for (double d = -h; d < w; d += 8) g.strokeLine(d, h, d + h, 0); // hatching: shape only, no values
            Outline.rect(g, 0.5, 0.5, w - 1, h - 1, 1, Color.web("#b0b0b0"));
            return;
        }
        WritableImage img = pixels();
        g.setImageSmoothing(false);
        g.drawImage(img, 0, 0, w, h);
        Outline.rect(g, 0.5, 0.5, w - 1, h - 1, 1, Color.web("#808080"));
        if (highlightRow >= 0 && highlightRow < rows) {
            double rh = h / rows;
            Outline.rect(g, 1, highlightRow * rh + 1, w - 2, Math.max(2, rh - 2), 2, Color.web("#e0a030"));
        }
    }

    /** The matrix as one pixel per cell, rebuilt only when the matrix or the colouring changed (setters redraw often). */
    private WritableImage pixels() {
        if (pixels != null && pixelsOf == matrix && pixelsColoring == coloring) return pixels;
        float[] d = matrix.toArray();
        int n = rows * cols;
        double maxAbs = 0, max = 0;
        for (int i = 0; i < n; i++) {
            float v = d[i];
            if (Float.isFinite(v)) { maxAbs = Math.max(maxAbs, Math.abs(v)); max = Math.max(max, v); }
        }
        WritableImage img = coloring == Coloring.SIGNED ? FlowColors.divergingImage(d, rows, cols, maxAbs)
                : FlowColors.sequentialImage(d, rows, cols, max);
        pixels = img;
        pixelsOf = matrix;
        pixelsColoring = coloring;
        return img;
    }

    private void drawLabels(double h) {
        double rh = rows == 0 ? 0 : h / rows;
        boolean show = showRowLabels && rh >= 9 && !rowLabels.isEmpty();
        labels.setWidth(show ? 80 : 0);
        labels.setHeight(show ? h : 0);
        if (!show) return;
        GraphicsContext g = labels.getGraphicsContext2D();
        g.clearRect(0, 0, 80, h);
        g.setFill(Color.web("#444"));
        g.setFont(javafx.scene.text.Font.font(Math.min(11, rh - 1)));
        g.setTextAlign(javafx.scene.text.TextAlignment.RIGHT);
        g.setTextBaseline(javafx.geometry.VPos.CENTER);
        for (int r = 0; r < rows && r < rowLabels.size(); r++) {
            String s = rowLabels.get(r);
            g.fillText(s.length() > 12 ? s.substring(0, 11) + "…" : s, 78, (r + 0.5) * rh);
        }
    }

    static String number(float v) {
        if (v == Float.NEGATIVE_INFINITY) return "−∞";
        if (v == Float.POSITIVE_INFINITY) return "+∞";
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
