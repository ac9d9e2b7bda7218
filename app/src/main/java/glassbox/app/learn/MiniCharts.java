package glassbox.app.learn;

import javafx.scene.canvas.Canvas;
import javafx.scene.paint.Color;

/** Tiny canvases for the cards: a heatmap of a matrix and a bar chart. */
final class MiniCharts {
    private MiniCharts() {}

    /** Values in [0, max] from white to deep blue; cells of {@code cell} pixels. */
    static Canvas heatmap(double[][] m, int cell) {
        int rows = m.length, cols = rows == 0 ? 0 : m[0].length;
        var c = new Canvas(Math.max(1, cols * cell), Math.max(1, rows * cell));
        double max = 1e-12;
        for (var r : m) for (double v : r) max = Math.max(max, Math.abs(v));
        var g = c.getGraphicsContext2D();
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) {
            double t = Math.min(1, Math.abs(m[i][j]) / max);
            g.setFill(Color.color(1 - 0.85 * t, 1 - 0.6 * t, 1 - 0.2 * t));
            g.fillRect(j * cell, i * cell, cell, cell);
        }
        glassbox.views.Outline.rect(g, 0, 0, c.getWidth(), c.getHeight(), 1, Color.gray(0.6));
        return c;
    }

    /** Bars scaled to the largest value (optionally log-scaled). */
    static Canvas bars(double[] values, Color color, boolean log, double width, double height) {
        var c = new Canvas(width, height);
        var g = c.getGraphicsContext2D();
        double max = 1e-300;
        for (double v : values) max = Math.max(max, tr(v, log));
        double w = width / Math.max(1, values.length);
        g.setFill(color);
        for (int i = 0; i < values.length; i++) {
            double h = Math.max(0, tr(values[i], log)) / max * (height - 2);
            g.fillRect(i * w + 1, height - h, Math.max(1, w - 2), h);
        }
        g.setStroke(Color.gray(0.6));
        g.strokeLine(0, height - 0.5, width, height - 0.5);
        return c;
    }

    private static double tr(double v, boolean log) { return log ? Math.log10(1 + Math.max(0, v)) : v; }
}
