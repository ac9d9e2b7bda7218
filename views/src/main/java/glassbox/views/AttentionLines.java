package glassbox.views;

import glassbox.model.trace.Matrix;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;

import java.util.List;
import java.util.function.IntConsumer;

/**
 * BertViz-style line view: the tokens twice, queries on the left and keys on the right, joined by lines
 * whose opacity and width follow the attention weight. The selected query's lines are strong; with
 * "all queries" on, every other query's lines are drawn faintly behind. A click on a left token selects it.
 */
public final class AttentionLines extends Region {
    private static final double ROW = 20, COL_W = 120, GAP = 130;
    private static final Font FONT = Font.font(13);
    private static final Color SELECTED = Color.web("#e85d04");
    private final Canvas canvas = new Canvas();
    private final LineFan fan = new LineFan();   // the lines, rasterized here rather than as canvas shapes
    private Matrix weights;
    private List<String> tokens = List.of();
    private int query = -1;
    private boolean allQueries;
    private Color lineColor = Color.web("#1f77b4"), textColor = Color.gray(0.15), faint = Color.web("#888888");
    private IntConsumer onQueryClicked = i -> {};
    private final RedrawSoon redrawSoon = new RedrawSoon(this::draw);   // once labels become ready
    private final ScrollBand band = new ScrollBand(this, ROW);   // inside a scroll pane only the rows in view are drawn

    public AttentionLines() {
        getChildren().add(canvas);
        getStyleClass().add("attention-lines");
        canvas.setOnMouseClicked(e -> {
            int i = (int) ((e.getY() + canvas.getLayoutY() - ROW) / ROW);
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
        double w = snapSizeX(getWidth()), h = snapSizeY(getHeight());
        double[] rows = band.visible(h);
        canvas.setLayoutY(rows[0]);
        canvas.setWidth(w);
        canvas.setHeight(rows[1] - rows[0]);
        draw();
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth(), h = canvas.getHeight(), top = canvas.getLayoutY();
        g.clearRect(0, 0, w, h);
        if (weights == null) return;
        int t = rows();
        double left = Math.round(Math.max(COL_W, (w - GAP) / 2 - 10)), right = left + GAP;
        fan.reset((int) GAP, (int) Math.ceil(h));
        if (allQueries) {
            for (int q = 0; q < t; q++) if (q != query) lines(q, faint, 0.35, top);
        }
        if (query >= 0 && query < t) lines(query, lineColor, 1.0, top);
        var lines = fan.image();
        if (lines != null) g.drawImage(lines, 0, 0, fan.width(), fan.height(), left, 0, fan.width(), fan.height());
        g.setFont(FONT);
        double scale = LabelText.scaleOf(this);
        int first = Math.max(0, (int) Math.floor(top / ROW) - 1), last = Math.min(t - 1, (int) Math.ceil((top + h) / ROW));
        for (int i = first; i <= last; i++) {
            String s = i < tokens.size() ? tokens.get(i) : String.valueOf(i);
            // from the shared label images: a text layout per label per frame was half of this view's rendering
            LabelText.draw(g, s, FONT, i == query ? SELECTED : textColor, scale, left - 6, y(i) - top, COL_W - 10, true, redrawSoon);
            LabelText.draw(g, s, FONT, textColor, scale, right + 6, y(i) - top, COL_W - 10, false, redrawSoon);
        }
    }

    /** Query q's lines, in the band's rows (the canvas starts at row top of this region). */
    private void lines(int q, Color c, double strength, double top) {
        for (int k = 0; k < weights.cols(); k++) {
            float a = weights.get(q, k);
            if (!(a > 0.01)) continue;
            fan.stroke(y(q) - top, y(k) - top, strength >= 1 ? 1 + 7 * a : 1, c, Math.min(1, (0.15 + a) * strength));
        }
    }

    private static double y(int i) { return ROW * (i + 1); }
}
