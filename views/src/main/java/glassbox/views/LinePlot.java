package glassbox.views;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

import java.util.List;
import java.util.Locale;

/** A small x/y line plot with a legend: enough for q·k against offset or norms across layers. */
public final class LinePlot extends PlotCanvas {

    /** One line; x and y have the same length. Dashed lines mark references drawn over others. */
    public record Series(String name, double[] x, double[] y, Color color, boolean dashed) {
        public Series {
            if (x.length != y.length) throw new IllegalArgumentException("x and y lengths differ");
            x = x.clone();
            y = y.clone();
        }
        public Series(String name, double[] x, double[] y, Color color) { this(name, x, y, color, false); }
    }

    private static final double LEFT = 56, RIGHT = 12, TOP = 40, BOTTOM = 34;
    private List<Series> series = List.of();
    private String title = "", xLabel = "", yLabel = "";
    private Color ink = Color.web("#333");

    public LinePlot() { super(420, 240); }

    public void setTitle(String title) { this.title = title; redraw(); }

    public void setAxisLabels(String x, String y) { xLabel = x; yLabel = y; redraw(); }

    public void setInk(Color ink) { this.ink = ink; redraw(); }

    public void setSeries(List<Series> series) { this.series = List.copyOf(series); redraw(); }

    public List<Series> series() { return series; }

    @Override protected void draw(GraphicsContext g, double w, double h) {
        g.setFont(Font.font(12));
        g.setFill(ink);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        g.fillText(title, LEFT, 4);
        double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                if (!Double.isFinite(s.y()[i])) continue;
                minX = Math.min(minX, s.x()[i]); maxX = Math.max(maxX, s.x()[i]);
                minY = Math.min(minY, s.y()[i]); maxY = Math.max(maxY, s.y()[i]);
            }
        }
        if (!(minX <= maxX)) return;
        if (maxX == minX) { maxX += 1; minX -= 1; }
        if (maxY == minY) { maxY += 1; minY -= 1; }
        double pad = (maxY - minY) * 0.05;
        minY -= pad; maxY += pad;
        double pw = w - LEFT - RIGHT, ph = h - TOP - BOTTOM;
        if (pw < 10 || ph < 10) return;
        Outline.rect(g, LEFT, TOP, pw, ph, 1, ink.deriveColor(0, 1, 1, 0.5));
        g.setStroke(ink.deriveColor(0, 1, 1, 0.5));
        g.setLineWidth(1);
        if (minY < 0 && maxY > 0) { // the zero line helps read signed values such as q·k
            double zy = TOP + ph * (maxY) / (maxY - minY);
            g.setLineDashes(3, 3);
            g.strokeLine(LEFT, zy, LEFT + pw, zy);
            g.setLineDashes();
        }
        g.setFont(Font.font(10));
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(fmt(maxY), LEFT - 4, TOP);
        g.fillText(fmt(minY), LEFT - 4, TOP + ph);
        g.setTextBaseline(VPos.TOP);
        if (integral(minX, maxX)) { // layers, offsets: whole numbers, a tick at each when there are few
            long step = niceStep((maxX - minX) / 10);
            g.setTextAlign(TextAlignment.CENTER);
            for (long x = (long) minX; x <= maxX; x += step) g.fillText(Long.toString(x), LEFT + pw * (x - minX) / (maxX - minX), TOP + ph + 3);
        } else {
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText(fmt(minX), LEFT, TOP + ph + 3);
            g.setTextAlign(TextAlignment.RIGHT);
            g.fillText(fmt(maxX), LEFT + pw, TOP + ph + 3);
        }
        g.setTextAlign(TextAlignment.CENTER);
        g.fillText(xLabel, LEFT + pw / 2, TOP + ph + 16);
        g.save();
        g.translate(12, TOP + ph / 2);
        g.rotate(-90);
        g.fillText(yLabel, 0, -6);
        g.restore();
        for (Series s : series) {
            g.setStroke(s.color());
            g.setLineWidth(s.dashed() ? 1.5 : 2);
            if (s.dashed()) g.setLineDashes(6, 4);
            g.beginPath();
            boolean started = false;
            for (int i = 0; i < s.x().length; i++) {
                if (!Double.isFinite(s.y()[i])) { started = false; continue; }
                double px = LEFT + pw * (s.x()[i] - minX) / (maxX - minX);
                double py = TOP + ph * (maxY - s.y()[i]) / (maxY - minY);
                if (started) g.lineTo(px, py); else g.moveTo(px, py);
                started = true;
            }
            g.stroke();
            g.setLineDashes();
            if (s.x().length <= 40) {
                g.setFill(s.color());
                for (int i = 0; i < s.x().length; i++) {
                    if (!Double.isFinite(s.y()[i])) continue;
                    double px = LEFT + pw * (s.x()[i] - minX) / (maxX - minX);
                    double py = TOP + ph * (maxY - s.y()[i]) / (maxY - minY);
                    g.fillOval(px - 2.5, py - 2.5, 5, 5);
                }
            }
        }
        // legend in the title row, right-aligned, so it never covers the lines
        g.setFont(Font.font(11));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        double lx = LEFT + pw;
        for (int i = series.size() - 1; i >= 0; i--) {
            Series s = series.get(i);
            if (s.name().isEmpty()) continue;
            Text probe = new Text(s.name());
            probe.setFont(g.getFont());
            lx -= probe.getLayoutBounds().getWidth() + 30;
            g.setStroke(s.color());
            g.setLineWidth(2);
            if (s.dashed()) g.setLineDashes(6, 4);
            g.strokeLine(lx, TOP - 9, lx + 18, TOP - 9);
            g.setLineDashes();
            g.setFill(ink);
            g.fillText(s.name(), lx + 22, TOP - 9);
        }
    }

    /** True when every x of every series is a whole number (and the range is real). */
    private boolean integral(double minX, double maxX) {
        if (maxX - minX < 1) return false;
        for (Series sr : series) for (double x : sr.x()) if (x != Math.rint(x)) return false;
        return true;
    }

    /** The smallest of 1, 2, 5, 10, 20, 50… at least raw. */
    static long niceStep(double raw) {
        for (long p = 1; ; p *= 10) for (long m : new long[]{1, 2, 5}) if (m * p >= raw) return m * p;
    }

    static String fmt(double v) {
        double a = Math.abs(v);
        if (a != 0 && (a < 0.01 || a >= 100000)) return String.format(Locale.ROOT, "%.2e", v);
        if (a >= 100) return String.format(Locale.ROOT, "%.0f", v);
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
