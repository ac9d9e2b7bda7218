package glassbox.app.learn;

import glassbox.model.arithmetic.ArchSpec;
import glassbox.model.arithmetic.Biases;
import glassbox.model.arithmetic.Derivation;
import glassbox.model.arithmetic.DerivationFormat;
import glassbox.model.arithmetic.FfnType;
import glassbox.model.arithmetic.Flops;
import glassbox.model.arithmetic.Memory;
import glassbox.model.arithmetic.ParameterCount;
import glassbox.model.arithmetic.Presets;
import glassbox.model.config.ModelConfig;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** Transformer arithmetic: pick a preset or the loaded model, edit the shape, read every derivation. */
public final class ArithmeticPane extends BorderPane {
    private final Supplier<ModelConfig> loadedModel;
    private final LearnText text;
    private final ComboBox<String> source = new ComboBox<>();
    private final TextField dModel = field(), ffn = field(), heads = field(), kvHeads = field(), layers = field(), vocab = field(), seq = field();
    private final ComboBox<FfnType> ffnType = new ComboBox<>();
    private final CheckBox untied = new CheckBox(), bias = new CheckBox();
    private final VBox derivations = new VBox(8);
    private final Label error = new Label();
    private List<Derivation> current = List.of();
    private ArchSpec base = Presets.get("gpt2-small");
    private Consumer<String> onOpenView = v -> {};

    public ArithmeticPane(Supplier<ModelConfig> loadedModel, Locale locale) {
        this.loadedModel = loadedModel == null ? () -> null : loadedModel;
        this.text = new LearnText(locale);
        source.getItems().add(text.t("arith.loaded"));
        source.getItems().addAll(Presets.names());
        source.setId("arith-source");
        dModel.setId("arith-d-model");
        heads.setId("arith-heads");
        ffnType.getItems().addAll(FfnType.values());
        untied.setText(text.t("arith.untied"));
        bias.setText(text.t("arith.bias"));
        var form = new FlowPane(8, 6,
                labelled("arith.d_model", dModel), labelled("arith.ffn", ffn), labelled("arith.ffn_type", ffnType),
                labelled("arith.heads", heads), labelled("arith.kv_heads", kvHeads), labelled("arith.layers", layers),
                labelled("arith.vocab", vocab), labelled("arith.seq", seq), untied, bias);
        var compute = new Button(text.t("arith.compute"));
        compute.setId("arith-compute");
        compute.setOnAction(e -> recompute());
        var md = new Button(text.t("arith.copy_md"));
        md.setOnAction(e -> copy(all(DerivationFormat::markdown)));
        var tex = new Button(text.t("arith.copy_latex"));
        tex.setOnAction(e -> copy(all(DerivationFormat::latex)));
        var kv = new Button(text.t("arith.open_kv"));
        kv.setOnAction(e -> onOpenView.accept("kvcache"));
        error.setId("arith-error");
        error.setStyle("-fx-text-fill: #c0392b;");
        var top = new VBox(6, new HBox(8, new Label(text.t("arith.source")), source, compute, md, tex, kv), form, error,
                new Label(text.t("arith.convention") + " " + (text.has("arith.convention.text") ? text.t("arith.convention.text") : Flops.CONVENTION)));
        ((Label) top.getChildren().getLast()).setWrapText(true);
        top.getChildren().getLast().setId("arith-convention");
        top.setPadding(new Insets(8));
        setTop(top);
        derivations.setId("arith-derivations");
        derivations.setPadding(new Insets(8));
        var scroll = new ScrollPane(derivations);
        scroll.setFitToWidth(true);
        setCenter(scroll);
        source.setOnAction(e -> choose(source.getValue()));
        source.getSelectionModel().select("gpt2-small");
        choose("gpt2-small");
    }

    public void setOnOpenView(Consumer<String> onOpenView) { this.onOpenView = onOpenView == null ? v -> {} : onOpenView; }

    /** The derivations on screen, for export by the main window. */
    public List<Derivation> derivations() { return current; }

    private void choose(String name) {
        if (name == null) return;
        if (name.equals(text.t("arith.loaded"))) {
            ModelConfig c = loadedModel.get();
            if (c == null) { error.setText(text.t("arith.no_model")); return; }
            base = ArchSpec.from(c);
        } else {
            base = Presets.get(name);
        }
        dModel.setText("" + base.dModel()); ffn.setText("" + base.ffn()); heads.setText("" + base.heads());
        kvHeads.setText("" + base.kvHeads()); layers.setText("" + base.layers()); vocab.setText("" + base.vocab());
        seq.setText("" + base.seq()); ffnType.setValue(base.ffnType()); untied.setSelected(!base.tiedHead());
        bias.setSelected(base.biases() == Biases.ALL);
        recompute();
    }

    private void recompute() {
        try {
            var spec = new ArchSpec(base.name(), num(dModel, "arith.d_model"), num(ffn, "arith.ffn"), num(heads, "arith.heads"),
                    num(kvHeads, "arith.kv_heads"), num(layers, "arith.layers"), num(vocab, "arith.vocab"), num(seq, "arith.seq"),
                    base.positions() == glassbox.model.arithmetic.Positions.LEARNED ? base.context() : num(seq, "arith.seq"),
                    ffnType.getValue(), bias.isSelected() ? Biases.ALL : base.biases() == Biases.ALL ? Biases.NONE : base.biases(),
                    !untied.isSelected(), base.positions(), base.norm(), base.dtypeBytes());
            current = List.of(ParameterCount.derive(spec), Flops.forward(spec), Flops.variants(spec), Memory.weights(spec),
                    Memory.kvCache(spec), Memory.training(spec));
            error.setText("");
            derivations.getChildren().clear();
            for (var d : current) {
                var box = new VBox(2);
                for (var s : d.steps()) {
                    var l = new Label(text.stepLine(s));
                    l.setWrapText(true);
                    if (s == d.result()) l.setStyle("-fx-font-weight: bold;");
                    box.getChildren().add(l);
                }
                var tp = new TitledPane(text.title(d, spec.name()) + "  —  " + DerivationFormat.value(d.result()), box);
                derivations.getChildren().add(tp);
            }
        } catch (IllegalArgumentException e) {
            error.setText(e.getMessage());
        }
    }

    private int num(TextField f, String key) {
        try {
            int v = Integer.parseInt(f.getText().trim().replace(",", "").replace("_", ""));
            if (v <= 0) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(text.t("arith.bad_number", text.t(key), f.getText()));
        }
    }

    private String all(java.util.function.Function<Derivation, String> f) {
        var sb = new StringBuilder();
        current.forEach(d -> sb.append(f.apply(d)).append('\n'));
        return sb.toString();
    }

    private static void copy(String s) {
        var c = new ClipboardContent();
        c.putString(s);
        javafx.scene.input.Clipboard.getSystemClipboard().setContent(c);
    }

    private HBox labelled(String key, javafx.scene.Node n) {
        var box = new HBox(4, new Label(text.t(key)), n);
        box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return box;
    }

    private static TextField field() {
        var f = new TextField();
        f.setPrefColumnCount(6);
        return f;
    }
}
