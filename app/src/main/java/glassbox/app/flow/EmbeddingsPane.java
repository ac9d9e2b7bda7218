package glassbox.app.flow;

import glassbox.model.config.ModelConfig;
import glassbox.model.config.PositionScheme;
import glassbox.model.trace.ForwardTrace;
import glassbox.model.trace.HeadTrace;
import glassbox.views.LinePlot;
import glassbox.views.MatrixBlock;
import glassbox.views.VectorDial;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Embeddings and positions: the prompt's token-embedding rows, the model's own position scheme
 * (sinusoidal table, learned rows, or RoPE as rotating 2-D vectors) and the sum entering layer 0.
 */
public final class EmbeddingsPane extends FlowPaneBase {
    static final Color BEFORE = Color.web("#9a9a9a"), AFTER = Color.web("#2b6cb0"), KEY = Color.web("#d9822b");
    private int tableDim = -1, tableLength = -1, ropePosition = -1;
    private PositionScheme shown;

    public EmbeddingsPane(FlowSelection selection, FlowText text) { super(selection, text); }

    /** The position scheme the positions section currently explains. */
    public PositionScheme shownScheme() { return shown; }

    @Override public String id() { return "flow.embeddings"; }

    @Override public String titleKey() { return "tab.embeddings"; }

    @Override protected void render(FlowInput in) {
        ForwardTrace t = in.trace();
        ModelConfig c = t.config();
        int token = selection.tokenIn(t.length());
        shown = c.positions();
        List<javafx.scene.Node> parts = new ArrayList<>();
        parts.add(heading(text.get("emb.tokens.title")));
        parts.add(note(text.get("emb.tokens.note", c.vocabSize(), c.dim())));
        MatrixBlock tokens = block(text.get("emb.tokens.block"), t.tokenEmbeddings(), in, token);
        tokens.setId("embeddings-tokens");
        parts.add(tokens);
        parts.add(heading(text.get("emb.positions.title", schemeName(shown))));
        switch (shown) {
            case SINUSOIDAL -> parts.add(sinusoidal(c, t, in, token));
            case LEARNED -> parts.add(learned(c, t, in, token));
            case ROPE -> parts.add(rope(c, t, token));
        }
        parts.add(heading(text.get("emb.sum.title")));
        parts.add(note(text.get(shown == PositionScheme.ROPE ? "emb.sum.rope" : "emb.sum.added")));
        MatrixBlock sum = block(text.get("emb.sum.block"), t.embedded(), in, token);
        sum.setId("embeddings-sum");
        parts.add(sum);
        body.getChildren().setAll(parts);
    }

    private MatrixBlock block(String name, glassbox.model.trace.Matrix m, FlowInput in, int token) {
        MatrixBlock b = new MatrixBlock(name, m, MatrixBlock.Coloring.SIGNED);
        b.setMaxSide(520);
        b.setRowLabels(in.rowLabels());
        b.setShowRowLabels(true);
        b.setMinRowHeight(m.rows() <= 40 ? 12 : 0); // a short prompt gets one readable, labelled row per token
        b.setHighlightRow(token);
        b.setOnCellClicked((r, col) -> selection.token().set(r));
        return b;
    }

    private String schemeName(PositionScheme s) {
        return text.get("emb.scheme." + s.name().toLowerCase(Locale.ROOT));
    }

    private VBox sinusoidal(ModelConfig c, ForwardTrace t, FlowInput in, int token) {
        VBox box = new VBox(8, note(text.get("emb.sin.formula")), sinusoidalExplorer(c, t));
        if (t.positionEmbeddings() != null) {
            MatrixBlock p = block(text.get("emb.pos.block"), t.positionEmbeddings(), in, token);
            box.getChildren().add(p);
        }
        box.setId("positions-sinusoidal");
        return box;
    }

    private VBox learned(ModelConfig c, ForwardTrace t, FlowInput in, int token) {
        VBox box = new VBox(8, note(text.get("emb.learned.note")));
        HBox side = new HBox(24);
        side.setAlignment(Pos.TOP_LEFT);
        if (t.positionEmbeddings() != null) {
            MatrixBlock p = block(text.get("emb.learned.block"), t.positionEmbeddings(), in, token);
            p.setMaxSide(380);
            p.setId("learned-positions");
            side.getChildren().add(p);
        }
        side.getChildren().add(sinusoidalExplorer(c, t));
        box.getChildren().add(side);
        box.setId("positions-learned");
        return box;
    }

    /** The sinusoidal table with sliders for d and length (defaults: the model's d, the prompt's length). */
    private VBox sinusoidalExplorer(ModelConfig c, ForwardTrace t) {
        if (tableDim < 0) tableDim = Math.min(512, c.dim());
        if (tableLength < 0) tableLength = Math.max(8, Math.min(256, t.length()));
        MatrixBlock table = new MatrixBlock(text.get("emb.sin.block"));
        table.setMaxSide(380);
        table.setId("sinusoidal-table");
        Slider d = new Slider(8, 512, tableDim);
        Slider len = new Slider(2, 256, tableLength);
        d.setId("sinusoidal-d");
        len.setId("sinusoidal-length");
        Label dl = new Label(), ll = new Label();
        Runnable update = () -> {
            tableDim = 2 * (int) Math.round(d.getValue() / 2); // pairs of sin/cos need an even d
            tableLength = (int) Math.round(len.getValue());
            dl.setText(text.get("emb.sin.d", tableDim));
            ll.setText(text.get("emb.sin.length", tableLength));
            table.setMinRowHeight(tableLength <= 40 ? 12 : 0); // rows as tall as the learned rows it sits beside
            table.setMatrix(SinusoidalTable.of(tableLength, tableDim));
        };
        d.valueProperty().addListener((o, a, b) -> update.run());
        len.valueProperty().addListener((o, a, b) -> update.run());
        update.run();
        HBox controls = new HBox(10, dl, d, ll, len);
        controls.setAlignment(Pos.CENTER_LEFT);
        return new VBox(6, controls, table);
    }

    /** RoPE: the selected head's q at the selected token, band by band, before and after the turn. */
    private VBox rope(ModelConfig c, ForwardTrace t, int token) {
        int layer = selection.layerIn(t.layers().size());
        HeadTrace h = t.layers().get(layer).heads().get(selection.headIn(c.heads()));
        RopeRotation rope = RopeRotation.of(c);
        float[] q = h.qBeforeRope().row(token), k = h.kBeforeRope().row(0);
        if (ropePosition < 0 || ropePosition >= c.contextLength()) ropePosition = token;
        VectorDial dials = new VectorDial();
        dials.setId("positions-rope-dials");
        Slider pos = new Slider(0, Math.min(c.contextLength() - 1, 255), ropePosition);
        pos.setId("rope-position");
        Label posLabel = new Label();
        Runnable update = () -> {
            ropePosition = (int) Math.round(pos.getValue());
            posLabel.setText(text.get("emb.rope.position", ropePosition));
            float[] turned = rope.rotate(q, ropePosition);
            List<VectorDial.Dial> list = new ArrayList<>();
            for (int b : shownBands(rope.bands())) {
                int[] p = rope.pair(b);
                double degrees = Math.toDegrees(ropePosition * rope.theta(b)) % 360;
                list.add(new VectorDial.Dial(String.format(Locale.ROOT, "i=%d  θ=%.3g  %.0f°", b, rope.theta(b), degrees),
                        List.of(new VectorDial.Arrow(q[p[0]], q[p[1]], BEFORE), new VectorDial.Arrow(turned[p[0]], turned[p[1]], AFTER))));
            }
            dials.setDials(list);
        };
        pos.valueProperty().addListener((o, a, b) -> update.run());
        update.run();
        HBox posRow = new HBox(10, posLabel, pos);
        posRow.setAlignment(Pos.CENTER_LEFT);

        LinePlot plot = new LinePlot();
        plot.setId("positions-rope-plot");
        plot.setTitle(text.get("emb.rope.plot.title", token));
        plot.setAxisLabels(text.get("emb.rope.plot.x"), text.get("emb.rope.plot.y"));
        int maxOffset = Math.min(64, c.contextLength() - 1);
        int[] starts = {0, 10, 50};
        Color[] colors = {AFTER, KEY, Color.web("#2f9e44")};
        double[] xs = new double[maxOffset + 1];
        for (int i = 0; i <= maxOffset; i++) xs[i] = i;
        List<LinePlot.Series> series = new ArrayList<>();
        for (int s = 0; s < starts.length; s++) {
            series.add(new LinePlot.Series(text.get("emb.rope.plot.start", starts[s]), xs,
                    rope.dotByOffset(q, k, starts[s], maxOffset), colors[s], s > 0));
        }
        plot.setSeries(series);
        plot.setPrefSize(560, 260);
        FlowPane legend = new FlowPane(12, 4, swatch(BEFORE, text.get("emb.rope.before")), swatch(AFTER, text.get("emb.rope.after")));
        return new VBox(8, note(text.get("emb.rope.note", layer, h.head(), token, rope.bands())), legend, posRow, dials,
                note(text.get("emb.rope.plot.note")), plot);
    }

    /** Up to 8 bands spread from fastest (i=0) to slowest. */
    static int[] shownBands(int bands) {
        int n = Math.min(8, bands);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) out[i] = n == 1 ? 0 : (int) Math.round(i * (bands - 1) / (double) (n - 1));
        return out;
    }

    private static Label swatch(Color c, String s) {
        Label l = new Label("■ " + s);
        l.setTextFill(c);
        return l;
    }
}
