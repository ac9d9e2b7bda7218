package glassbox.app.flow;

import glassbox.model.trace.ForwardTrace;
import glassbox.views.BarChart;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The output: a token's final state → logits → softmax, re-shaped live by temperature, top-k and top-p,
 * with the entropy; and a logit lens that reads every layer's residual through the head. It shows the
 * last token (what the model predicts next) unless the user picks another token here: the query token
 * selected for the attention views is a different question and does not move it.
 */
public final class OutputPane extends FlowPaneBase {
    static final int SHOWN = 12;
    private final Slider temperature = new Slider(0, 2, 1), topP = new Slider(0.05, 1, 1);
    private final Spinner<Integer> topK = new Spinner<>(0, 1000, 0);
    private final CheckBox lens = new CheckBox();
    private final BarChart chart = new BarChart();
    private final Label entropy = new Label(), controlsLabel = new Label();
    private final VBox lensBox = new VBox(4);
    private final Background background = new Background("logit-lens");
    private final Background rowLogits = new Background("output-logits"); // rows a large-vocabulary trace did not keep
    private final Label pending = new Label();
    { pending.setId("output-pending"); pending.setWrapText(true); }
    private float[] probabilities = new float[0];
    private float[] logits = new float[0];
    private final ComboBox<String> tokenChoice = new ComboBox<>();
    private int picked = -1; // -1: the last token, whatever the prompt's length
    private boolean syncingChoice;

    public OutputPane(FlowSelection selection, FlowText text) {
        super(selection, text);
        temperature.setId("output-temperature");
        topP.setId("output-top-p");
        topK.setId("output-top-k");
        lens.setId("output-lens");
        chart.setId("output-chart");
        entropy.setId("output-entropy");
        topK.setEditable(true);
        temperature.setPrefWidth(200);
        topP.setPrefWidth(160);
        temperature.valueProperty().addListener((o, a, b) -> reshape());
        topP.valueProperty().addListener((o, a, b) -> reshape());
        topK.valueProperty().addListener((o, a, b) -> reshape());
        lens.setText(text.get("out.lens"));
        lens.selectedProperty().addListener((o, a, b) -> refresh());
        chart.setPrefWidth(560);
        chart.setMaxWidth(760);
        tokenChoice.setId("output-token");
        tokenChoice.setVisibleRowCount(16);
        // the selection itself, not onAction: a combo box fires its action from its skin, so a pick made before the skin
        // exists (the pane just opened) was lost
        tokenChoice.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> {
            if (syncingChoice) return;
            int i = b.intValue();
            if (i >= 0) pickToken(i == 0 ? -1 : i - 1);
        });
    }

    /** Shows the distribution after token i of the prompt; -1 goes back to the last token. */
    public void pickToken(int i) {
        picked = i;
        refresh();
    }

    /** The prompt position whose next-token distribution is shown. */
    public int shownToken() { return input == null ? -1 : tokenFor(input.trace().length()); }

    public ComboBox<String> tokenChoice() { return tokenChoice; }

    private int tokenFor(int length) { return picked < 0 || picked >= length ? length - 1 : picked; }

    public Slider temperature() { return temperature; }

    public Slider topP() { return topP; }

    public Spinner<Integer> topK() { return topK; }

    public CheckBox lensToggle() { return lens; }

    public BarChart chart() { return chart; }

    /** The distribution after the controls (the one the bars show the top of). */
    public float[] probabilities() { return probabilities.clone(); }

    public String entropyText() { return entropy.getText(); }

    @Override public void stopModelWork() { background.cancelPending(); rowLogits.cancelPending(); }

    @Override public void dispose() {
        super.dispose();
        background.close();
        rowLogits.close();
    }

    @Override public String id() { return "flow.output"; }

    @Override public String titleKey() { return "tab.output"; }

    @Override protected void render(FlowInput in) {
        ForwardTrace t = in.trace();
        int token = tokenFor(t.length());
        syncChoice(in, token);
        float[] kept = t.logitsAt(token);
        logits = kept != null ? kept : new float[0];
        setPending("");
        if (kept == null) fetchLogits(in, token);
        String next = token == t.length() - 1 ? text.get("out.next.last") : text.get("out.next.inner", token + 1);
        HBox controls = new HBox(10, new Label(text.get("out.temperature")), temperature, new Label(text.get("out.topK")), topK,
                new Label(text.get("out.topP")), topP);
        controls.setAlignment(Pos.CENTER_LEFT);
        reshape();
        lensBox.getChildren().clear();
        lensBox.setId("output-lens-table");
        if (lens.isSelected()) showLens(in, token);
        lens.setDisable(in.model() == null);
        HBox tokenRow = new HBox(10, new Label(text.get("out.token")), tokenChoice);
        tokenRow.setAlignment(Pos.CENTER_LEFT);
        body.getChildren().setAll(heading(text.get("out.title", token, in.pieces().get(token))),
                note(text.get("out.note", t.config().dim(), t.config().vocabSize()) + " " + next),
                tokenRow, controls, pending, controlsLabel, entropy, chart, lens, lensBox);
    }

    private void setPending(String s) {
        pending.setText(s);
        pending.setVisible(!s.isEmpty());
        pending.setManaged(!s.isEmpty());
    }

    /** A row the trace did not keep: final norm + head over the last layer's output row, off the FX thread. */
    private void fetchLogits(FlowInput in, int token) {
        probabilities = new float[0];
        controlsLabel.setText("");
        entropy.setText("");
        chart.setBars(List.of());
        if (in.model() == null) { setPending(text.get("out.logits.unavailable")); return; }
        setPending(text.get("out.logits.computing"));
        float[] residual = in.trace().layers().getLast().output().row(token);
        rowLogits.run(() -> in.model().logitLens(residual), row -> {
            if (input != in || tokenFor(in.trace().length()) != token) return; // another prompt or token since
            logits = row;
            setPending("");
            reshape();
        }, e -> setPending(text.get("out.logits.unavailable") + " " + e.getMessage()));
    }

    /** One entry for "the last token" and one per prompt position; the shown one selected. */
    private void syncChoice(FlowInput in, int token) {
        List<String> items = new ArrayList<>();
        int last = in.pieces().size() - 1;
        items.add(text.get("out.token.last", last, in.pieces().get(last)));
        items.addAll(in.rowLabels());
        syncingChoice = true;
        try {
            if (!tokenChoice.getItems().equals(items)) tokenChoice.getItems().setAll(items);
            tokenChoice.getSelectionModel().select(picked < 0 || picked > last ? 0 : token + 1);
        } finally {
            syncingChoice = false;
        }
    }

    private void reshape() {
        if (logits.length == 0) return;
        float temp = (float) temperature.getValue();
        int k = topK.getValue() == null ? 0 : topK.getValue();
        float p = (float) topP.getValue();
        probabilities = NextTokenDistribution.of(logits, temp, k, p);
        float[] plain = NextTokenDistribution.of(logits, 1, 0, 1);
        int kept = 0;
        for (float x : probabilities) if (x > 0) kept++;
        controlsLabel.setText(String.format(Locale.ROOT, "T = %.2f%s   top-k = %s   top-p = %.2f   → %d %s",
                temp, temp == 0 ? " (" + text.get("out.greedy") + ")" : "", k <= 0 ? text.get("out.off") : Integer.toString(k),
                p, kept, text.get("out.candidates")));
        entropy.setText(text.get("out.entropy", String.format(Locale.ROOT, "%.3f", NextTokenDistribution.entropyBits(probabilities)),
                String.format(Locale.ROOT, "%.3f", NextTokenDistribution.entropyBits(plain))));
        List<BarChart.Bar> bars = new ArrayList<>();
        for (int id : NextTokenDistribution.top(probabilities, SHOWN)) {
            if (probabilities[id] <= 0 && !bars.isEmpty()) break;
            bars.add(new BarChart.Bar(label(id), probabilities[id]));
        }
        chart.setTitle(text.get("out.chart"));
        chart.setBars(bars);
    }

    private String label(int id) {
        return input != null && input.model() != null ? "'" + input.model().piece(id) + "'" : "#" + id;
    }

    private void showLens(FlowInput in, int token) {
        ForwardTrace t = in.trace();
        lensBox.getChildren().setAll(new Label(text.get("out.lens.computing")));
        background.run(() -> {
            List<String[]> rows = new ArrayList<>();
            for (var layer : t.layers()) {
                float[] p = NextTokenDistribution.of(in.model().logitLens(layer.output().row(token)), 1, 0, 1);
                int[] best = NextTokenDistribution.top(p, 3);
                StringBuilder alt = new StringBuilder();
                for (int i = 1; i < best.length; i++) alt.append(i > 1 ? ", " : "").append("'").append(in.model().piece(best[i])).append("'");
                rows.add(new String[]{Integer.toString(layer.layer()), "'" + in.model().piece(best[0]) + "'",
                        BarChart.percent(p[best[0]]), alt.toString()});
            }
            return rows;
        }, rows -> {
            GridPane grid = new GridPane();
            grid.setHgap(18);
            grid.setVgap(3);
            String[] head = {text.get("flow.layer"), text.get("out.lens.top"), "p", text.get("out.lens.next")};
            for (int c = 0; c < head.length; c++) {
                Label l = new Label(head[c]);
                l.setStyle("-fx-font-weight: bold;");
                grid.add(l, c, 0);
            }
            for (int r = 0; r < rows.size(); r++) {
                for (int c = 0; c < 4; c++) {
                    Label l = new Label(rows.get(r)[c]);
                    if (c == 1) l.setStyle("-fx-font-family: 'Monospaced';");
                    grid.add(l, c, r + 1);
                }
            }
            lensBox.getChildren().setAll(note(text.get("out.lens.note")), grid);
        }, e -> lensBox.getChildren().setAll(new Label(String.valueOf(e.getMessage()))));
    }
}
