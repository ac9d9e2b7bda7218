package glassbox.views;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.util.List;

/**
 * A row of dials, one per RoPE frequency band: each dial draws 2-D vectors as arrows from its centre,
 * so the rotation by pos·θ_i is visible as an angle (fast bands spin, slow bands barely move).
 */
public final class VectorDial extends PlotCanvas {

    /** One 2-D vector to draw. */
    public record Arrow(double x, double y, Color color) {}

    /** One frequency band: its caption and the arrows, scaled together inside the dial. */
    public record Dial(String caption, List<Arrow> arrows) {
        public Dial { arrows = List.copyOf(arrows); }
    }

    private static final double CELL = 96;
    private List<Dial> dials = List.of();
    private Color ink = Color.web("#333");

    public VectorDial() { super(CELL * 6, CELL + 24); }

    public void setInk(Color ink) { this.ink = ink; redraw(); }

    public void setDials(List<Dial> dials) { this.dials = List.copyOf(dials); redraw(); }

    public List<Dial> dials() { return dials; }

    @Override protected void draw(GraphicsContext g, double w, double h) {
        if (dials.isEmpty()) return;
        int perRow = Math.max(1, (int) (w / CELL));
        double cell = Math.min(CELL * 1.4, w / Math.min(perRow, dials.size()));
        for (int i = 0; i < dials.size(); i++) {
            double cx = (i % perRow) * cell + cell / 2, top = (i / perRow) * (cell + 18);
            double cy = top + cell / 2, r = cell / 2 - 8;
            g.setStroke(ink.deriveColor(0, 1, 1, 0.35));
            g.setLineWidth(1);
            g.strokeOval(cx - r, cy - r, 2 * r, 2 * r);
            g.strokeLine(cx - r, cy, cx + r, cy);
            g.strokeLine(cx, cy - r, cx, cy + r);
            Dial d = dials.get(i);
            double max = 1e-12;
            for (Arrow a : d.arrows()) max = Math.max(max, Math.hypot(a.x(), a.y()));
            for (Arrow a : d.arrows()) {
                double ex = cx + r * a.x() / max, ey = cy - r * a.y() / max;
                g.setStroke(a.color());
                g.setFill(a.color());
                g.setLineWidth(2.2);
                g.strokeLine(cx, cy, ex, ey);
                double ang = Math.atan2(ey - cy, ex - cx);
                g.fillPolygon(new double[]{ex, ex - 8 * Math.cos(ang - 0.4), ex - 8 * Math.cos(ang + 0.4)},
                        new double[]{ey, ey - 8 * Math.sin(ang - 0.4), ey - 8 * Math.sin(ang + 0.4)}, 3);
            }
            g.setFill(ink);
            g.setFont(Font.font(11));
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.TOP);
            g.fillText(d.caption(), cx, cy + r + 3);
        }
        int rows = (dials.size() + perRow - 1) / perRow;
        double needed = rows * (cell + 18);
        if (Math.abs(getPrefHeight() - needed) > 1) setPrefHeight(needed);
    }
}
