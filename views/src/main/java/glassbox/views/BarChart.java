package glassbox.views;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.util.List;
import java.util.Locale;

/**
 * Horizontal bars of probabilities (0..1), one per candidate, largest first as given; an optional
 * baseline per bar (drawn as a thin outline) shows the value before a change such as an ablation.
 */
public final class BarChart extends PlotCanvas {

    /** One candidate; baseline NaN means no comparison. */
    public record Bar(String label, double value, double baseline) {
        public Bar(String label, double value) { this(label, value, Double.NaN); }
    }

    private static final double ROW = 22, LABEL_W = 120, TEXT_W = 64;
    private List<Bar> bars = List.of();
    private String title = "";
    private Color barColor = Color.web("#3b6fb6"), baselineColor = Color.web("#d9822b"), ink = Color.web("#333");

    public BarChart() { super(420, 260); }

    public void setTitle(String title) { this.title = title; redraw(); }

    public void setColors(Color bar, Color baseline, Color ink) {
        barColor = bar; baselineColor = baseline; this.ink = ink; redraw();
    }

    public void setBars(List<Bar> bars) {
        this.bars = List.copyOf(bars);
        setPrefHeight(30 + ROW * Math.max(1, bars.size()) + 8);
        redraw();
    }

    public List<Bar> bars() { return bars; }

    @Override protected void draw(GraphicsContext g, double w, double h) {
        g.setFont(Font.font(12));
        g.setFill(ink);
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText(title, 4, 4);
        double max = 0;
        for (Bar b : bars) max = Math.max(max, Math.max(b.value(), Double.isNaN(b.baseline()) ? 0 : b.baseline()));
        if (max <= 0) max = 1;
        double barW = Math.max(10, w - LABEL_W - TEXT_W - 8);
        double y = 26;
        g.setTextBaseline(VPos.CENTER);
        for (Bar b : bars) {
            g.setFill(ink);
            g.setTextAlign(TextAlignment.RIGHT);
            g.setFont(Font.font("Monospaced", 12));
            g.fillText(clip(b.label(), 16), LABEL_W - 6, y + ROW / 2);
            double bw = barW * b.value() / max;
            g.setFill(barColor);
            g.fillRect(LABEL_W, y + 3, bw, ROW - 6);
            if (!Double.isNaN(b.baseline())) {
                Outline.rect(g, LABEL_W, y + 2, barW * b.baseline() / max, ROW - 4, 2, baselineColor);
            }
            g.setFill(ink);
            g.setTextAlign(TextAlignment.LEFT);
            g.setFont(Font.font(11));
            g.fillText(percent(b.value()), LABEL_W + barW + 6, y + ROW / 2);
            y += ROW;
        }
    }

    static String clip(String s, int n) { return s.length() <= n ? s : s.substring(0, n - 1) + "…"; }

    public static String percent(double p) {
        return p >= 0.001 || p == 0 ? String.format(Locale.ROOT, "%.1f%%", 100 * p) : String.format(Locale.ROOT, "%.1e", p);
    }
}
