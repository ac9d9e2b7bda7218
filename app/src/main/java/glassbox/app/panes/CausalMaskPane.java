package glassbox.app.panes;

import glassbox.views.LiveScrollPane;
import glassbox.app.Snapshot;
import glassbox.app.ViewContext;
import glassbox.model.trace.HeadTrace;
import glassbox.model.trace.Matrix;
import glassbox.model.transformer.AttentionMath;
import glassbox.model.transformer.CausalMask;
import glassbox.views.ColorLegend;
import glassbox.views.ColorScale;
import glassbox.views.Heatmap;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.util.Locale;

/**
 * The causal mask step by step for the selected head: the mask M (0 / −∞), the scores S = QKᵀ/√d_k,
 * S + M, and softmax(S + M) with every row's sum; a what-if toggle recomputes the head without the mask
 * (bidirectional, as in an encoder) and shows how the weights change.
 */
public final class CausalMaskPane extends PaneBase {
    private final Heatmap mask = map(), scores = map(), masked = map(), weights = map(), sums = map(), open = map(), diff = map();
    private final HeadPicker picker;
    private final ToggleButton whatIf;
    private final Label sumNote = note(""), whatIfNote = note("");
    private final VBox whatIfBox;
    private final ScrollPane scroll;

    public CausalMaskPane(ViewContext ctx) {
        super(ctx);
        picker = new HeadPicker(sel, ctx.text());
        whatIf = new ToggleButton(t("mask.whatIf"));
        whatIf.setId("mask-what-if");
        whatIf.selectedProperty().addListener((o, a, b) -> refresh());
        var bar = new HBox(14, picker, whatIf);
        bar.setAlignment(Pos.CENTER_LEFT);
        sums.setShowLabels(false);
        FlowPane steps = new FlowPane(18, 18,
                card(t("mask.m"), t("mask.mNote"), mask, null),
                card(t("mask.s"), t("mask.sNote"), scores, null),
                card(t("mask.sm"), t("mask.smNote"), masked, null),
                card(t("mask.softmax"), t("mask.softmaxNote"), bottomAligned(weights, sums), legend(ColorScale.weights(), t("legend.weight"))));
        whatIfBox = new VBox(8, heading(t("mask.whatIfHeading")), whatIfNote,
                new FlowPane(18, 18, card(t("mask.open"), t("mask.openNote"), open, null),
                        card(t("mask.diff"), t("mask.diffNote"), diff, null)));
        VBox body = column(12);
        body.getChildren().addAll(bar, note(t("mask.intro")), steps, sumNote, whatIfBox);
        scroll = new LiveScrollPane(body);
        scroll.setFitToWidth(true);
        onSelectionChange();
    }

    @Override public String id() { return "mask"; }

    @Override public String titleKey() { return "view.mask"; }

    @Override public Node node() { return scroll; }

    public Heatmap maskMap() { return mask; }

    public Heatmap weightsMap() { return weights; }

    public Heatmap bidirectionalMap() { return open; }

    public Heatmap differenceMap() { return diff; }

    public Heatmap rowSums() { return sums; }

    public void setWhatIf(boolean on) { whatIf.setSelected(on); }

    private Heatmap map() {
        Heatmap h = new Heatmap();
        h.setLabelColor(ctx.ink());
        h.setHoverText((r, c, v) -> "[" + r + ", " + c + "] = " + Heatmap.format(v));
        h.setOnCellClicked((r, c) -> sel.queryToken().set(r));
        return h;
    }

    /** Same cell size and bottom edges: each sum sits on its row (the sums column has no top labels). */
    private static HBox bottomAligned(Node a, Node b) {
        HBox box = new HBox(6, a, b);
        box.setAlignment(Pos.BOTTOM_LEFT);
        box.setFillHeight(false); // stretched, the sums canvas would start at the top instead of on row 0
        return box;
    }

    private ColorLegend legend(ColorScale s, String caption) {
        ColorLegend l = new ColorLegend();
        l.setTextColor(ctx.ink());
        l.setScale(s, caption);
        return l;
    }

    private VBox card(String title, String explain, Node content, Node legend) {
        Label n = note(explain);
        n.setMaxWidth(420);
        n.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        VBox v = new VBox(6, heading(title), n, content);
        if (legend != null) v.getChildren().add(legend);
        v.getStyleClass().add("mask-card");
        return v;
    }

    @Override protected void render(Snapshot s) {
        if (!s.ok()) return;
        var c = s.trace().config();
        int t = s.trace().length(), q = sel.queryIn(t);
        picker.sync(c.layers(), c.heads());
        HeadTrace h = s.trace().layers().get(sel.layerIn(c.layers())).heads().get(sel.headIn(c.heads()));
        var labels = axisLabels(Tokens.shown(s.model().tokenizer(), s.tokens()));
        double cell = Math.max(1, Math.min(40, Math.floor(400.0 / t)));
        Matrix raw = MaskMath.scores(h.q(), h.k()), m = CausalMask.of(t), sc = AttentionHeadPane.scaled(raw, h.scale()), sm = MaskMath.plus(sc, m);
        ColorScale signed = ColorScale.fitting(sc, true);
        show(mask, m, ColorScale.diverging(1), labels, cell, q);
        show(scores, sc, signed, labels, cell, q);
        show(masked, sm, signed, labels, cell, q);
        show(weights, h.weights(), ColorScale.weights(), labels, cell, q);
        Matrix rowSums = MaskMath.rowSums(h.weights());
        show(sums, rowSums, ColorScale.sequential(0, 1), labels, cell, q);
        double worst = 0;
        for (int i = 0; i < rowSums.size(); i++) worst = Math.max(worst, Math.abs(rowSums.at(i) - 1));
        sumNote.setText(t("mask.sumNote", String.format(Locale.ROOT, "%.1e", worst)));
        boolean on = whatIf.isSelected();
        whatIfBox.setVisible(on);
        whatIfBox.setManaged(on);
        if (on) {
            Matrix bi = AttentionMath.weights(raw, h.scale(), false), d = MaskMath.minus(bi, h.weights());
            show(open, bi, ColorScale.weights(), labels, cell, q);
            ColorScale ds = ColorScale.fitting(d, true);
            show(diff, d, ds, labels, cell, q);
            float[] rowQ = bi.row(q);
            double future = 0;
            for (int j = q + 1; j < t; j++) future += rowQ[j];
            whatIfNote.setText(t("mask.whatIfNote", q, labels.get(q), String.format(Locale.ROOT, "%.1f", 100 * future)));
        }
    }

    private static void show(Heatmap h, Matrix m, ColorScale s, java.util.List<String> labels, double cell, int q) {
        h.setCellSize(cell);
        h.setData(m, s);
        h.setLabels(labels, m.cols() == labels.size() ? labels : java.util.List.of());
        h.setHighlight(q, -1);
    }
}
