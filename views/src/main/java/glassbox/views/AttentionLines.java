package glassbox.views;

import glassbox.model.trace.Matrix;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.util.List;
import java.util.function.IntConsumer;

/**
 * BertViz-style line view: the tokens twice, queries on the left and keys on the right, joined by lines
 * whose opacity and width follow the attention weight. The selected query's lines are strong; with
 * "all queries" on, every other query's lines are drawn faintly behind. A click on a left token selects it.
 */
public final class AttentionLines extends Region {
    private static final double ROW = 20, COL_W = 120, GAP = 130;
    private final Canvas canvas = new Canvas();
    private final LineFan fan = new LineFan();   // the lines, rasterized here rather than as canvas shapes
    private Matrix weights;
    private List<String> tokens = List.of();
    private int query = -1;
    private boolean allQueries;
    private Color lineColor = Color.web("#1f77b4"), textColor = Color.gray(0.15), faint = Color.web("#888888");
    private IntConsumer onQueryClicked = i -> {};

    public AttentionLines() {
        getChildren().add(canvas);
        getStyleClass().add("attention-lines");
        canvas.setOnMouseClicked(e -> {
            int i = (int) ((e.getY() - ROW) / ROW);
            if (weights != null && i >= 0 && i < weights.rows() && e.getX() < COL_W + GAP / 2) onQueryClicked.accept(i);
        });
    }

    public void setData(Matrix weights, List<String> tokens) {
        this.weights = weights;
        this.tokens = List.copyOf(tokens);
        requestLayout();
        draw();
    }

    public void setQuery(int q) { query = q; draw(); }

    public void setAllQueries(boolean all) { allQueries = all; draw(); }

    public void setOnQueryClicked(IntConsumer handler) { onQueryClicked = handler; }

    public void setColors(Color line, Color text) { lineColor = line; textColor = text; draw(); }

    public int query() { return query; }

    public Matrix weights() { return weights; }

    /** The line weight drawn from query q to key k (what the opacity encodes). */
    public double lineWeight(int q, int k) { return weights.get(q, k); }

    @Override protected double computePrefWidth(double h) { return 2 * COL_W + GAP; }

    @Override protected double computePrefHeight(double w) { return ROW * (rows() + 1.5); }

    @Override protected double computeMinHeight(double w) { return computePrefHeight(w); }

    private int rows() { return weights == null ? 0 : weights.rows(); }

    @Override protected void layoutChildren() {
        canvas.setWidth(snapSizeX(getWidth()));
        canvas.setHeight(snapSizeY(getHeight()));
        draw();
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth(), h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        if (weights == null) return;
        int t = rows();
        double left = Math.round(Math.max(COL_W, (w - GAP) / 2 - 10)), right = left + GAP;
        fan.reset((int) GAP, (int) Math.ceil(h));
        if (allQueries) {
            for (int q = 0; q < t; q++) if (q != query) lines(q, faint, 0.35);
        }
        if (query >= 0 && query < t) lines(query, lineColor, 1.0);
        var band = fan.image();
        if (band != null) g.drawImage(band, 0, 0, fan.width(), fan.height(), left, 0, fan.width(), fan.height());
        g.setFont(Font.font(13));
        g.setTextBaseline(VPos.CENTER);
        for (int i = 0; i < t; i++) {
            String s = i < tokens.size() ? tokens.get(i) : String.valueOf(i);
            boolean sel = i == query;
            g.setFill(sel ? Color.web("#e85d04") : textColor);
            g.setTextAlign(TextAlignment.RIGHT);
            g.fillText(s, left - 6, y(i), COL_W - 10);
            g.setFill(textColor);
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText(s, right + 6, y(i), COL_W - 10);
        }
    }

    private void lines(int q, Color c, double strength) {
        for (int k = 0; k < weights.cols(); k++) {
            float a = weights.get(q, k);
            if (!(a > 0.01)) continue;
            fan.stroke(y(q), y(k), strength >= 1 ? 1 + 7 * a : 1, c, Math.min(1, (0.15 + a) * strength));
        }
    }

    private static double y(int i) { return ROW * (i + 1); }
}
