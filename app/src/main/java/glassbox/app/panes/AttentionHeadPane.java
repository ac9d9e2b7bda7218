package glassbox.app.panes;

import glassbox.views.LiveScrollPane;
import glassbox.app.Snapshot;
import glassbox.app.ViewContext;
import glassbox.model.trace.HeadTrace;
import glassbox.model.trace.Matrix;
import glassbox.views.AttentionLines;
import glassbox.views.ColorLegend;
import glassbox.views.ColorScale;
import glassbox.views.Heatmap;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.controlsfx.control.SegmentedButton;

import java.util.List;

/**
 * One head large: the T×T map with token labels on both axes (softmax weights, or the scaled scores
 * QKᵀ/√d_k before the mask), a legend, the value on hover, and the BertViz-style lines for the query.
 */
public final class AttentionHeadPane extends PaneBase {
    private final Heatmap heatmap = new Heatmap();
    private final AttentionLines lines = new AttentionLines();
    private final ColorLegend legend = new ColorLegend();
    private final HeadPicker picker;
    private final ToggleButton weightsMode, scoresMode;
    private final CheckBox allQueries;
    private final Label info = note(""), title = heading("");
    private final BorderPane root = new BorderPane();
    private List<String> shown = List.of();

    public AttentionHeadPane(ViewContext ctx) {
        super(ctx);
        picker = new HeadPicker(sel, ctx.text());
        weightsMode = new ToggleButton(t("head.weights"));
        scoresMode = new ToggleButton(t("head.scores"));
        weightsMode.setSelected(true);
        var modes = new SegmentedButton(weightsMode, scoresMode);
        modes.getToggleGroup().selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) a.setSelected(true); else refresh(); // one of the two is always on
        });
        allQueries = new CheckBox(t("head.allQueries"));
        allQueries.selectedProperty().addListener((o, a, b) -> lines.setAllQueries(b));
        var bar = new HBox(14, picker, modes, allQueries);
        bar.setAlignment(Pos.CENTER_LEFT);
        heatmap.setMaxCellSize(44);
        heatmap.setLabelColor(ctx.ink());
        heatmap.setOnCellClicked((r, c) -> sel.queryToken().set(r));
        heatmap.setHoverText((r, c, v) -> t("head.hover", r, label(r), c, label(c), Heatmap.format(v)));
        legend.setTextColor(ctx.ink());
        lines.setColors(ctx.dark() ? javafx.scene.paint.Color.web("#6cb6ff") : javafx.scene.paint.Color.web("#1f6feb"), ctx.ink());
        lines.setOnQueryClicked(i -> sel.queryToken().set(i));
        VBox left = new VBox(8, title, info, legend, heatmap);
        VBox.setVgrow(heatmap, Priority.ALWAYS);
        HBox.setHgrow(left, Priority.ALWAYS);
        ScrollPane lineScroll = new LiveScrollPane(lines);
        VBox right = new VBox(6, heading(t("head.linesHeading")), note(t("head.linesNote")), lineScroll);
        lineScroll.setFitToWidth(true);
        lineScroll.setPrefWidth(400);
        lineScroll.setMinWidth(400);   // the heatmap shrinks first: at 330 a long prompt clipped the key labels
        right.setMaxWidth(420);
        VBox.setVgrow(lineScroll, Priority.ALWAYS);
        var center = new HBox(16, left, right);
        root.setTop(bar);
        root.setCenter(center);
        BorderPane.setMargin(center, new Insets(10, 0, 0, 0));
        root.setPadding(new Insets(12));
        onSelectionChange();
    }

    @Override public String id() { return "head"; }

    @Override public String titleKey() { return "view.head"; }

    @Override public Node node() { return root; }

    public Heatmap heatmap() { return heatmap; }

    public AttentionLines lines() { return lines; }

    public void showScores(boolean scores) { (scores ? scoresMode : weightsMode).setSelected(true); }

    private String label(int i) { return i < shown.size() ? shown.get(i) : "?"; }

    @Override protected void render(Snapshot s) {
        if (!s.ok()) return;
        var c = s.trace().config();
        int layer = sel.layerIn(c.layers()), head = sel.headIn(c.heads()), q = sel.queryIn(s.trace().length());
        picker.sync(c.layers(), c.heads());
        HeadTrace h = s.trace().layers().get(layer).heads().get(head);
        shown = Tokens.shown(s.model().tokenizer(), s.tokens());
        List<String> labels = axisLabels(shown);
        boolean scores = scoresMode.isSelected();
        Matrix m = scores ? scaled(MaskMath.scores(h.q(), h.k()), h.scale()) : h.weights();
        ColorScale scale = scores ? ColorScale.fitting(m, true) : ColorScale.weights();
        heatmap.setData(m, scale);
        heatmap.setLabels(labels, labels);
        heatmap.setHighlight(q, -1);
        legend.setScale(scale, scores ? t("legend.score") : t("legend.weight"));
        title.setText(t(scores ? "head.titleScores" : "head.titleWeights", layer, head));
        info.setText(t("head.info", h.kvHead(), c.groupSize(), c.headDim(), String.format(java.util.Locale.ROOT, "%.4f", h.scale())));
        lines.setData(h.weights(), shown);
        lines.setQuery(q);
    }

    /** QKᵀ·(1/√d_k): the scores as softmax sees them, before the mask. */
    static Matrix scaled(Matrix raw, float scale) {
        float[] d = raw.toArray();
        for (int i = 0; i < d.length; i++) d[i] *= scale;
        return new Matrix(raw.rows(), raw.cols(), d);
    }
}
