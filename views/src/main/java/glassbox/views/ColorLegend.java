package glassbox.views;

import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.util.Locale;

/** A horizontal colour bar for a {@link ColorScale} with its end values (and 0 for a diverging scale). */
public final class ColorLegend extends Canvas {
    private ColorScale scale = ColorScale.weights();
    private String caption = "";
    private Color textColor = Color.gray(0.35);

    public ColorLegend() { super(260, 34); draw(); }

    public void setScale(ColorScale scale, String caption) {
        this.scale = scale;
        this.caption = caption == null ? "" : caption;
        draw();
    }

    public void setTextColor(Color c) { textColor = c; draw(); }

    public ColorScale scale() { return scale; }

    private void draw() {
        GraphicsContext g = getGraphicsContext2D();
        double w = getWidth(), barH = 12, x0 = 4, bw = w - 8;
        g.clearRect(0, 0, w, getHeight());
        for (int i = 0; i < bw; i++) {
            g.setFill(scale.colorAt(i / (bw - 1)));
            g.fillRect(x0 + i, 2, 1.5, barH);
        }
        Outline.rect(g, x0 + 0.5, 2.5, bw - 1, barH - 1, 1, Color.gray(0.5));
        g.setFill(textColor);
        g.setFont(Font.font(11));
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText(number(scale.min()), x0, barH + 5);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(number(scale.max()), x0 + bw, barH + 5);
        g.setTextAlign(TextAlignment.CENTER);
        String mid = scale.kind() == ColorScale.Kind.DIVERGING ? "0" : caption;
        g.fillText(mid, x0 + bw / 2, barH + 5);
    }

    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e6) return String.format(Locale.ROOT, "%.0f", v);
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.3g", v);
    }
}
