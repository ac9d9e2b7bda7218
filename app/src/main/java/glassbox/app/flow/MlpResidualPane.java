package glassbox.app.flow;

import glassbox.model.config.Activation;
import glassbox.model.config.ModelConfig;
import glassbox.model.trace.ForwardTrace;
import glassbox.model.trace.LayerTrace;
import glassbox.model.trace.Matrix;
import glassbox.views.LinePlot;
import glassbox.views.MatrixBlock;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The residual stream: how big each token's vector is after every layer, what attention and the MLP
 * each add to it, the MLP's hidden activations for one token, and the norm before and after.
 */
public final class MlpResidualPane extends FlowPaneBase {
    private MatrixBlock norms, hidden;
    private LinePlot plot;

    public MlpResidualPane(FlowSelection selection, FlowText text) { super(selection, text); }

    public MatrixBlock residualNorms() { return norms; }

    public MatrixBlock hiddenActivations() { return hidden; }

    public LinePlot perLayerPlot() { return plot; }

    /** (layers+1) × T: ‖x‖ entering each layer, then leaving the last one. */
    static Matrix residualNormGrid(ForwardTrace t) {
        int L = t.layers().size(), T = t.length();
        float[] d = new float[(L + 1) * T];
        for (int l = 0; l <= L; l++) {
            Matrix m = l < L ? t.layers().get(l).input() : t.layers().get(L - 1).output();
            double[] n = RowNorms.of(m);
            for (int i = 0; i < T; i++) d[l * T + i] = (float) n[i];
        }
        return new Matrix(L + 1, T, d);
    }

    @Override public String id() { return "flow.mlp"; }

    @Override public String titleKey() { return "tab.mlp"; }

    @Override protected void render(FlowInput in) {
        ForwardTrace t = in.trace();
        ModelConfig c = t.config();
        int L = t.layers().size(), T = t.length();
        int layer = selection.layerIn(L), token = selection.tokenIn(T);
        LayerTrace lt = t.layers().get(layer);

        norms = new MatrixBlock(text.get("mlp.norms.block"), residualNormGrid(t), MatrixBlock.Coloring.PROBABILITY);
        List<String> rowNames = new ArrayList<>();
        for (int l = 0; l < L; l++) rowNames.add(text.get("mlp.norms.row", l));
        rowNames.add(text.get("mlp.norms.final"));
        norms.setRowLabels(rowNames);
        norms.setMaxSide(360);
        norms.setShowRowLabels(true);
        norms.setHighlightRow(layer);
        norms.setOnCellClicked((r, col) -> { selection.layer().set(Math.min(r, L - 1)); selection.token().set(col); });
        norms.setId("mlp-norms");

        double[] xs = new double[L], resid = new double[L], attn = new double[L], mlp = new double[L];
        for (int l = 0; l < L; l++) {
            LayerTrace x = t.layers().get(l);
            xs[l] = l;
            resid[l] = RowNorms.norm(x.input().row(token));
            attn[l] = RowNorms.norm(x.attnOutput().row(token));
            mlp[l] = RowNorms.norm(x.mlpOutput().row(token));
        }
        plot = new LinePlot();
        plot.setId("mlp-plot");
        plot.setTitle(text.get("mlp.plot.title", token, in.pieces().get(token)));
        plot.setAxisLabels(text.get("flow.layer"), text.get("mlp.plot.y"));
        plot.setSeries(List.of(new LinePlot.Series(text.get("mlp.plot.residual"), xs, resid, Color.web("#333333")),
                new LinePlot.Series(text.get("mlp.plot.attn"), xs, attn, Color.web("#2b6cb0")),
                new LinePlot.Series(text.get("mlp.plot.mlp"), xs, mlp, Color.web("#d9822b"))));
        plot.setPrefSize(520, 260);

        Matrix hid = new Matrix(1, lt.mlpHidden().cols(), lt.mlpHidden().row(token));
        hidden = new MatrixBlock(text.get("mlp.hidden.block", layer, token), hid, MatrixBlock.Coloring.SIGNED);
        hidden.setMaxSide(640);
        hidden.setId("mlp-hidden");
        int positive = 0;
        for (int i = 0; i < hid.size(); i++) if (hid.at(i) > 0) positive++;
        String act = c.activation() == Activation.SWIGLU ? text.get("mlp.hidden.swiglu") : text.get("mlp.hidden.plain", c.activation().name());

        VBox normBox = new VBox(6,
                pair(text.get("mlp.norm.attnIn"), lt.input().row(token), lt.attnNormed().row(token)),
                pair(text.get("mlp.norm.mlpIn"), lt.residualAfterAttn().row(token), lt.mlpNormed().row(token)));
        body.getChildren().setAll(heading(text.get("mlp.title")), note(text.get("mlp.note")),
                new HBox(24, norms, plot),
                heading(text.get("mlp.hidden.title", layer, token, in.pieces().get(token))),
                note(act + "  " + text.get("mlp.hidden.stats", hid.cols(), positive, String.format(Locale.ROOT, "%.3f", hid.max()),
                        String.format(Locale.ROOT, "%.3f", hid.min()))),
                hidden,
                heading(text.get("mlp.norm.title", c.norm() == glassbox.model.config.NormKind.RMS_NORM ? "RMSNorm" : "LayerNorm")),
                normBox);
    }

    private VBox pair(String caption, float[] before, float[] after) {
        MatrixBlock b = new MatrixBlock(String.format(Locale.ROOT, "x  ‖x‖=%.3f", RowNorms.norm(before)),
                new Matrix(1, before.length, before), MatrixBlock.Coloring.SIGNED);
        MatrixBlock a = new MatrixBlock(String.format(Locale.ROOT, "norm(x)  ‖·‖=%.3f", RowNorms.norm(after)),
                new Matrix(1, after.length, after), MatrixBlock.Coloring.SIGNED);
        b.setMaxSide(420);
        a.setMaxSide(420);
        return new VBox(4, note(caption), new HBox(20, b, a));
    }
}
