package glassbox.app.flow;

import glassbox.model.trace.ForwardTrace;
import glassbox.model.trace.Matrix;
import glassbox.model.transformer.Ablation;
import glassbox.views.BarChart;
import glassbox.views.MatrixBlock;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Compare and ablate: a second prompt beside the current one with the selected head's attention and their
 * difference; and heads switched off to see how the next-token distribution moves.
 */
public final class ComparePane extends FlowPaneBase {
    private final TextField otherPrompt = new TextField();
    private final Background worker = new Background("compare"), ablationWorker = new Background("ablate");
    private final Set<Ablation.HeadRef> off = new HashSet<>();
    private final BarChart ablationChart = new BarChart();
    private final Label ablationInfo = new Label(), status = new Label();
    private ForwardTrace other, ablated;
    private FlowInput ablationFor; // the input the ablated trace (or the request in flight) was computed from
    private List<String> otherPieces = List.of();
    private MatrixBlock left, right, diff;

    public ComparePane(FlowSelection selection, FlowText text) {
        super(selection, text);
        otherPrompt.setId("compare-prompt");
        otherPrompt.setPromptText(text.get("cmp.prompt.hint"));
        otherPrompt.setPrefColumnCount(40);
        otherPrompt.setOnAction(e -> compare());
        ablationChart.setId("compare-ablation-chart");
        ablationChart.setPrefWidth(560);
        ablationChart.setMaxWidth(760);
        ablationInfo.setId("compare-ablation-info");
        ablationInfo.setWrapText(true);
    }

    public TextField otherPrompt() { return otherPrompt; }

    public MatrixBlock difference() { return diff; }

    public BarChart ablationChart() { return ablationChart; }

    public ForwardTrace ablatedTrace() { return ablated; }

    /** Traces the second prompt off the FX thread. */
    public void compare() {
        if (input == null || input.model() == null) return;
        FlowModel model = input.model();
        String prompt = otherPrompt.getText();
        status.setText(text.get("cmp.running"));
        worker.run(() -> {
            ForwardTrace t = model.trace(model.encodePrompt(prompt), Ablation.NONE);
            List<String> p = new ArrayList<>();
            for (int id : t.tokens()) p.add(model.piece(id));
            return new Object[]{t, p};
        }, r -> {
            other = (ForwardTrace) r[0];
            @SuppressWarnings("unchecked") List<String> p = (List<String>) r[1];
            otherPieces = p;
            status.setText("");
            refresh();
        }, e -> status.setText(String.valueOf(e.getMessage())));
    }

    /** Switches one head on or off and recomputes the ablated distribution. */
    public void toggleHead(int layer, int head) {
        var ref = new Ablation.HeadRef(layer, head);
        if (!off.remove(ref)) off.add(ref);
        ablate();
    }

    private void ablate() {
        if (input == null || input.model() == null) return;
        if (off.isEmpty()) { ablated = null; ablationFor = null; refresh(); return; }
        FlowModel model = input.model();
        int[] tokens = input.trace().tokens();
        Ablation ablation = new Ablation(Set.copyOf(off));
        ablationFor = input;
        ablated = null;
        status.setText(text.get("cmp.running"));
        ablationWorker.run(() -> model.trace(tokens, ablation), t -> { ablated = t; status.setText(""); refresh(); },
                e -> status.setText(String.valueOf(e.getMessage())));
    }

    /** Results of the old model are not shown beside the new one: B is cleared, the ablation recomputed on the next input. */
    @Override public void stopModelWork() {
        worker.cancelPending();
        ablationWorker.cancelPending();
        other = null;
        otherPieces = List.of();
        ablated = null;
        ablationFor = null;
        status.setText("");
    }

    @Override public void dispose() {
        super.dispose();
        worker.close();
        ablationWorker.close();
    }

    @Override public String id() { return "flow.compare"; }

    @Override public String titleKey() { return "tab.compare"; }

    @Override protected void render(FlowInput in) {
        ForwardTrace a = in.trace();
        if (!off.isEmpty() && !sameSource(ablationFor, in)) ablate(); // a new prompt or a new model
        int layer = selection.layerIn(a.layers().size()), head = selection.headIn(a.config().heads());
        Matrix wa = a.layers().get(layer).heads().get(head).weights();
        left = block("A", wa, in.rowLabels());
        HBox sideBySide = new HBox(24, left);
        sideBySide.setAlignment(Pos.TOP_LEFT);
        if (other != null && other.config().equals(a.config())) {
            Matrix wb = other.layers().get(layer).heads().get(head).weights();
            List<String> rowsB = new ArrayList<>();
            for (int i = 0; i < otherPieces.size(); i++) rowsB.add(i + ":" + otherPieces.get(i));
            right = block("B", wb, rowsB);
            Matrix d = difference(wa, wb);
            diff = new MatrixBlock("B − A", d, MatrixBlock.Coloring.SIGNED);
            diff.setMaxSide(260);
            diff.setId("compare-diff");
            sideBySide.getChildren().addAll(right, diff);
        } else {
            right = null;
            diff = null;
        }
        Button run = new Button(text.get("cmp.run"));
        run.setOnAction(e -> compare());
        run.setDisable(in.model() == null);
        HBox promptRow = new HBox(10, new Label(text.get("cmp.prompt")), otherPrompt, run);
        promptRow.setAlignment(Pos.CENTER_LEFT);

        showAblation(a);
        body.getChildren().setAll(heading(text.get("cmp.title", layer, head)), note(text.get("cmp.note")), promptRow, status,
                sideBySide, heading(text.get("cmp.ablate.title")), note(text.get("cmp.ablate.note")), ablationRow(a));
    }

    /** The head switches beside the chart they change, so both are in view at once. */
    private HBox ablationRow(ForwardTrace a) {
        ablationInfo.setMaxWidth(260);
        VBox left = new VBox(10, headGrid(a), ablationInfo);
        HBox row = new HBox(32, left, ablationChart);
        row.setAlignment(Pos.TOP_LEFT);
        return row;
    }

    private static boolean sameSource(FlowInput a, FlowInput b) {
        return a != null && a.model() == b.model() && java.util.Arrays.equals(a.trace().tokens(), b.trace().tokens());
    }

    private MatrixBlock block(String name, Matrix m, List<String> rows) {
        MatrixBlock b = new MatrixBlock(name, m, MatrixBlock.Coloring.PROBABILITY);
        b.setMaxSide(260);
        b.setShowRowLabels(true);
        b.setRowLabels(rows);
        return b;
    }

    /** B − A over the square both prompts cover (the first min(T_A, T_B) positions). */
    static Matrix difference(Matrix a, Matrix b) {
        int n = Math.min(a.rows(), b.rows());
        float[] d = new float[n * n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) d[i * n + j] = b.get(i, j) - a.get(i, j);
        return new Matrix(n, n, d);
    }

    private VBox headGrid(ForwardTrace a) {
        GridPane grid = new GridPane();
        grid.setHgap(3);
        grid.setVgap(3);
        grid.setId("compare-heads");
        for (int h = 0; h < a.config().heads(); h++) grid.add(new Label("h" + h), h + 1, 0);
        for (int l = 0; l < a.layers().size(); l++) {
            grid.add(new Label("L" + l), 0, l + 1);
            for (int h = 0; h < a.config().heads(); h++) {
                int layer = l, head = h;
                ToggleButton b = new ToggleButton(off.contains(new Ablation.HeadRef(l, h)) ? "✕" : "●");
                b.setSelected(off.contains(new Ablation.HeadRef(l, h)));
                b.setId("ablate-" + l + "-" + h);
                b.setDisable(input.model() == null);
                b.setOnAction(e -> toggleHead(layer, head));
                grid.add(b, h + 1, l + 1);
            }
        }
        return new VBox(4, grid);
    }

    private void showAblation(ForwardTrace a) {
        float[] before = NextTokenDistribution.of(a.lastLogits(), 1, 0, 1);
        List<BarChart.Bar> bars = new ArrayList<>();
        if (ablated == null) {
            for (int id : NextTokenDistribution.top(before, 10)) bars.add(new BarChart.Bar(label(id), before[id]));
            ablationInfo.setText(text.get("cmp.ablate.none"));
        } else {
            float[] after = NextTokenDistribution.of(ablated.lastLogits(), 1, 0, 1);
            Set<Integer> ids = new java.util.LinkedHashSet<>();
            for (int id : NextTokenDistribution.top(after, 8)) ids.add(id);
            for (int id : NextTokenDistribution.top(before, 8)) ids.add(id);
            List<Integer> sorted = new ArrayList<>(ids);
            sorted.sort((x, y) -> Float.compare(after[y], after[x]));
            for (int id : sorted) bars.add(new BarChart.Bar(label(id), after[id], before[id]));
            double kl = 0;
            for (int i = 0; i < before.length; i++) if (before[i] > 0 && after[i] > 0) kl += before[i] * Math.log(before[i] / after[i]) / Math.log(2);
            ablationInfo.setText(text.get("cmp.ablate.changed", off.size(), String.format(Locale.ROOT, "%.4f", kl)));
        }
        ablationChart.setTitle(text.get("cmp.ablate.chart"));
        ablationChart.setBars(bars);
    }

    private String label(int id) {
        return input != null && input.model() != null ? "'" + input.model().piece(id) + "'" : "#" + id;
    }
}
