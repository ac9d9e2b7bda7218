package glassbox.app.flow;

import glassbox.model.config.ModelConfig;
import glassbox.model.config.PositionScheme;
import glassbox.model.trace.ForwardTrace;
import glassbox.model.trace.HeadTrace;
import glassbox.model.trace.LayerTrace;
import glassbox.model.trace.Matrix;
import glassbox.model.transformer.HeadWeights;
import glassbox.views.FlowDiagram;
import glassbox.views.MatrixBlock;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.HBox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One attention head as matrix arithmetic: X → Q, K, V → QKᵀ → ÷√d_k → + mask → softmax → ×V, then all
 * heads concatenated → ×W_O → + residual; every matrix with its real shape, a step button walks it.
 */
public final class QkvFlowPane extends FlowPaneBase {
    private final FlowDiagram diagram = new FlowDiagram();
    private final Map<String, MatrixBlock> blocks = new LinkedHashMap<>();
    private final Spinner<Integer> layerSpin = new Spinner<>(0, 0, 0), headSpin = new Spinner<>(0, 0, 0);
    private final Label gqa = new Label();
    private int active = -1;
    private final Background weightWorker = new Background("qkv-weights");
    /** The shown head's slices of W_Q, W_K, W_V: read once per model, layer and head, off the FX thread. */
    private HeadSlices slices;
    private HeadSlices requested;

    /** W_O is shown with its values up to this many cells (d × d); a wider model's stays a shape (its image alone would be 64 MB at d = 4,096). */
    static final int MAX_OUTPUT_CELLS = 1 << 20;

    /** One head's weight slices and its layer's W_O (null matrices while not read, or when the model cannot give them). */
    private record HeadSlices(FlowModel model, int layer, int head, Matrix q, Matrix k, Matrix v, Matrix o) {
        boolean of(FlowModel m, int l, int h) { return model == m && layer == l && head == h; }
    }

    public QkvFlowPane(FlowSelection selection, FlowText text) {
        super(selection, text);
        diagram.setId("qkv-diagram");
        layerSpin.setId("qkv-layer");
        headSpin.setId("qkv-head");
        layerSpin.valueProperty().addListener((o, a, b) -> { if (b != null) selection.layer().set(b); });
        headSpin.valueProperty().addListener((o, a, b) -> { if (b != null) selection.head().set(b); });
        gqa.setId("qkv-gqa");
        gqa.setWrapText(true);
        layerSpin.setPrefWidth(80);
        headSpin.setPrefWidth(80);
    }

    /** The block named e.g. "Q", "K", "QKᵀ", "softmax" (names as in {@link #blockNames()}). */
    public MatrixBlock block(String name) { return blocks.get(name); }

    public List<String> blockNames() { return List.copyOf(blocks.keySet()); }

    public FlowDiagram diagram() { return diagram; }

    /** Highlights the next stage (after the last it starts again). */
    public void step() {
        active = active + 1 >= diagram.stageCount() ? 0 : active + 1;
        diagram.setActiveStage(active);
    }

    public void showAll() { active = -1; diagram.setActiveStage(-1); }

    @Override public String id() { return "flow.qkv"; }

    @Override public String titleKey() { return "tab.qkv"; }

    @Override protected void render(FlowInput in) {
        ForwardTrace t = in.trace();
        ModelConfig c = t.config();
        int layer = selection.layerIn(t.layers().size()), head = selection.headIn(c.heads());
        int token = selection.tokenIn(t.length());
        LayerTrace lt = t.layers().get(layer);
        HeadTrace h = lt.heads().get(head);
        int T = t.length(), d = c.dim(), dh = c.headDim();
        blocks.clear();
        List<String> rows = in.rowLabels();

        List<FlowDiagram.Stage> stages = new ArrayList<>();
        stages.add(new FlowDiagram.Stage("", put("X", lt.attnNormed(), rows, token)));
        HeadSlices w = slices != null && slices.of(in.model(), layer, head) ? slices : null;
        if (w == null) readWeights(in.model(), layer, head);
        stages.add(new FlowDiagram.Stage("×", weight("W_Q", w == null ? null : w.q(), d, dh),
                weight("W_K", w == null ? null : w.k(), d, dh), weight("W_V", w == null ? null : w.v(), d, dh)));
        boolean rope = c.positions() == PositionScheme.ROPE;
        stages.add(new FlowDiagram.Stage("=", put(rope ? "Q (pre-RoPE)" : "Q", h.qBeforeRope(), rows, token),
                put(rope ? "K (pre-RoPE)" : "K", h.kBeforeRope(), rows, token), put("V", h.v(), rows, token)));
        if (rope) {
            stages.add(new FlowDiagram.Stage(text.get("qkv.op.rope"), put("Q", h.q(), rows, token), put("K", h.k(), rows, token)));
        }
        Matrix scaled = scale(h.rawScores(), h.scale());
        Matrix mask = causalMask(T);
        stages.add(new FlowDiagram.Stage("Q·Kᵀ", put("QKᵀ", h.rawScores(), rows, token)));
        stages.add(new FlowDiagram.Stage(String.format(Locale.ROOT, "÷√d_k = ×%.4f", h.scale()), put("QKᵀ/√d_k", scaled, rows, token)));
        stages.add(new FlowDiagram.Stage("+ mask", put("mask", mask, rows, token), put("masked", add(scaled, mask), rows, token)));
        MatrixBlock soft = put("softmax", h.weights(), rows, token);
        soft.setColoring(MatrixBlock.Coloring.PROBABILITY);
        stages.add(new FlowDiagram.Stage(text.get("qkv.op.softmax"), soft));
        stages.add(new FlowDiagram.Stage("× V", put("head " + head, h.output(), rows, token)));
        stages.add(new FlowDiagram.Stage(text.get("qkv.op.concat", c.heads()), put("concat", lt.concat(), rows, token)));
        stages.add(new FlowDiagram.Stage("×", weight("W_O", w == null ? null : w.o(), d, d)));
        stages.add(new FlowDiagram.Stage("=", put("attn out", lt.attnOutput(), rows, token)));
        stages.add(new FlowDiagram.Stage("+ x", put("x + attn", lt.residualAfterAttn(), rows, token)));
        diagram.setStages(stages, 4); // four stages a row fit a 1400-pixel window without scrolling sideways
        if (active >= diagram.stageCount()) active = -1;
        diagram.setActiveStage(active);

        syncSpinner(layerSpin, t.layers().size(), layer);
        syncSpinner(headSpin, c.heads(), head);
        List<Integer> sharing = new ArrayList<>();
        for (HeadTrace other : lt.heads()) if (other.kvHead() == h.kvHead()) sharing.add(other.head());
        gqa.setText(c.groupSize() > 1 ? text.get("qkv.gqa", h.kvHead(), sharing.toString(), c.kvHeads(), c.heads())
                : text.get("qkv.mha", c.heads()));

        Button stepButton = new Button(text.get("qkv.step"));
        stepButton.setId("qkv-step");
        stepButton.setOnAction(e -> step());
        Button all = new Button(text.get("qkv.all"));
        all.setOnAction(e -> showAll());
        HBox bar = new HBox(10, new Label(text.get("flow.layer")), layerSpin, new Label(text.get("flow.head")), headSpin,
                stepButton, all);
        bar.setAlignment(Pos.CENTER_LEFT);
        body.getChildren().setAll(heading(text.get("qkv.title", layer, head)),
                note(text.get("qkv.note", T, d, dh)), bar, gqa, diagram,
                note(text.get("qkv.weights.note")));
    }

    private MatrixBlock put(String name, Matrix m, List<String> rows, int token) {
        MatrixBlock b = new MatrixBlock(name, m, MatrixBlock.Coloring.SIGNED);
        b.setMaxSide(130);
        b.setRowLabels(rows);
        b.setHighlightRow(token);
        b.setOnCellClicked((r, col) -> selection.token().set(r));
        blocks.put(name, b);
        return b;
    }

    /** Reads the head's slices in the background, then redraws (a newer request or model drops the result). */
    private void readWeights(FlowModel model, int layer, int head) {
        if (model == null || requested != null && requested.of(model, layer, head)) return;
        requested = new HeadSlices(model, layer, head, null, null, null, null);
        int d = model.config().dim();
        weightWorker.run(() -> new HeadSlices(model, layer, head, model.headWeights(layer, head, HeadWeights.Projection.QUERY),
                        model.headWeights(layer, head, HeadWeights.Projection.KEY), model.headWeights(layer, head, HeadWeights.Projection.VALUE),
                        (long) d * d <= MAX_OUTPUT_CELLS ? model.outputWeights(layer) : null),
                s -> { slices = s; refresh(); },
                e -> slices = new HeadSlices(model, layer, head, null, null, null, null));   // stays hatched: the shapes still hold
    }

    @Override public void stopModelWork() {
        weightWorker.cancelPending();
        slices = requested = null;
    }

    @Override public void dispose() {
        super.dispose();
        weightWorker.close();
    }

    private MatrixBlock weight(String name, Matrix values, int rows, int cols) {
        MatrixBlock b = new MatrixBlock(name);
        b.setMaxSide(90);
        if (values != null) b.setMatrix(values); else b.setShapeOnly(rows, cols);
        blocks.put(name, b);
        return b;
    }

    private static void syncSpinner(Spinner<Integer> s, int count, int value) {
        var f = (javafx.scene.control.SpinnerValueFactory.IntegerSpinnerValueFactory) s.getValueFactory();
        f.setMax(count - 1);
        if (!Integer.valueOf(value).equals(s.getValue())) f.setValue(value);
    }

    static Matrix scale(Matrix m, float s) {
        float[] d = m.toArray();
        for (int i = 0; i < d.length; i++) d[i] *= s;
        return new Matrix(m.rows(), m.cols(), d);
    }

    static Matrix add(Matrix a, Matrix b) {
        float[] d = a.toArray();
        for (int i = 0; i < d.length; i++) d[i] += b.at(i);
        return new Matrix(a.rows(), a.cols(), d);
    }

    /** 0 where query i may see key j (j ≤ i), −∞ above the diagonal. */
    static Matrix causalMask(int t) {
        float[] d = new float[t * t];
        for (int i = 0; i < t; i++) for (int j = i + 1; j < t; j++) d[i * t + j] = Float.NEGATIVE_INFINITY;
        return new Matrix(t, t, d);
    }

    Node bodyNode() { return body; }
}
