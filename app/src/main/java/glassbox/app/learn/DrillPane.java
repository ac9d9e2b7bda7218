package glassbox.app.learn;

import glassbox.model.arithmetic.ArchSpec;
import glassbox.model.arithmetic.DrillCheck;
import glassbox.model.arithmetic.DrillKind;
import glassbox.model.arithmetic.DrillQuestion;
import glassbox.model.arithmetic.Presets;
import glassbox.model.config.ModelConfig;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** Predict, then check: a question, the user's answer, the derivation with the step where it went wrong. */
public final class DrillPane extends BorderPane {
    private final Supplier<ModelConfig> loadedModel;
    private final LearnText text;
    private final ComboBox<String> source = new ComboBox<>();
    private final ComboBox<DrillKind> kind = new ComboBox<>();
    private final Label prompt = new Label();
    private final TextField answer = new TextField();
    private final Label verdict = new Label();
    private final VBox derivation = new VBox(2);
    private final Random rng = new Random(2024);
    private DrillQuestion question;
    private Consumer<String> onOpenView = v -> {};

    public DrillPane(Supplier<ModelConfig> loadedModel, Locale locale) {
        this.loadedModel = loadedModel == null ? () -> null : loadedModel;
        this.text = new LearnText(locale);
        source.getItems().add(text.t("drill.random"));
        source.getItems().add(text.t("arith.loaded"));
        source.getItems().addAll(Presets.names());
        source.getSelectionModel().select("gpt2-small");
        kind.getItems().addAll(DrillKind.values());
        kind.setConverter(new javafx.util.StringConverter<>() {
            @Override public String toString(DrillKind k) { return k == null ? "" : text.t("drill.kind." + k.name().toLowerCase(Locale.ROOT)); }
            @Override public DrillKind fromString(String s) { return null; }
        });
        kind.getSelectionModel().select(DrillKind.PARAMS);
        var next = new Button(text.t("drill.new"));
        next.setId("drill-new");
        next.setOnAction(e -> ask());
        var check = new Button(text.t("drill.check"));
        check.setId("drill-check");
        check.setDefaultButton(true);
        check.setOnAction(e -> check());
        var reveal = new Button(text.t("drill.reveal"));
        reveal.setOnAction(e -> show(null));
        var view = new Button(text.t("drill.open_view"));
        view.setOnAction(e -> onOpenView.accept(question != null && question.kind() == DrillKind.KV_CACHE_BYTES ? "kvcache" : "attention"));
        answer.setId("drill-answer");
        answer.setPromptText(text.t("drill.answer_hint"));
        prompt.setId("drill-prompt");
        prompt.setWrapText(true);
        prompt.setStyle("-fx-font-size: 1.2em;");
        verdict.setId("drill-verdict");
        verdict.setWrapText(true);
        derivation.setId("drill-derivation");
        var top = new VBox(8, new HBox(8, new Label(text.t("arith.source")), source, kind, next), prompt,
                new HBox(8, answer, check, reveal, view), verdict);
        HBox.setHgrow(answer, javafx.scene.layout.Priority.ALWAYS);
        top.setPadding(new Insets(8));
        setTop(top);
        var scroll = new ScrollPane(derivation);
        scroll.setFitToWidth(true);
        derivation.setPadding(new Insets(8));
        setCenter(scroll);
        ask();
    }

    public void setOnOpenView(Consumer<String> onOpenView) { this.onOpenView = onOpenView == null ? v -> {} : onOpenView; }

    public DrillQuestion question() { return question; }

    /** The question's arguments, its model's shape written in this language (the engine describes it in English). */
    private Object[] promptArgs(DrillQuestion q) {
        Object[] a = q.promptArgs();
        a[1] = DrillQuestion.describe(q.spec(), text.t("drill.spec"), text.t("drill.head.tied"), text.t("drill.head.untied"));
        return a;
    }

    private void ask() {
        String s = source.getValue();
        ArchSpec spec;
        if (s == null || s.equals(text.t("drill.random"))) {
            question = DrillQuestion.random(rng, Presets.all());
        } else {
            if (s.equals(text.t("arith.loaded"))) {
                ModelConfig c = loadedModel.get();
                if (c == null) { verdict.setText(text.t("arith.no_model")); return; }
                spec = ArchSpec.from(c);
            } else {
                spec = Presets.get(s);
            }
            question = DrillQuestion.of(kind.getValue() == null ? DrillKind.PARAMS : kind.getValue(), spec);
        }
        prompt.setText(text.has(question.promptKey()) ? text.t(question.promptKey(), promptArgs(question)) : question.prompt());
        answer.clear();
        verdict.setText("");
        verdict.setStyle("");
        derivation.getChildren().clear();
    }

    private void check() {
        if (question == null) return;
        DrillCheck c = question.check(answer.getText());
        if (!c.readable()) {
            verdict.setText(text.t("drill.unreadable"));
            verdict.setStyle("-fx-text-fill: #c0392b;");
        } else if (c.correct()) {
            verdict.setText(text.t("drill.right", c.parsed(), String.format(text.locale(), "%.2f%%", 100 * c.relativeError()))
                    + (c.mistake().isEmpty() ? "" : "  " + mistake(c)));
            verdict.setStyle("-fx-text-fill: #1e8449;");
        } else {
            verdict.setText(text.t("drill.wrong", c.parsed(), String.format(text.locale(), "%.1f%%", 100 * c.relativeError()))
                    + (c.mistake().isEmpty() ? "  " + text.t("drill.no_mistake") : "  " + mistake(c)));
            verdict.setStyle("-fx-text-fill: #c0392b;");
        }
        show(c);
    }

    private String mistake(DrillCheck c) {
        String key = "mistake." + c.mistake();
        return text.has(key) ? text.t(key) : c.mistakeText();
    }

    /** Shows the derivation; with a wrong answer, the step it first departs from is marked. */
    private void show(DrillCheck c) {
        derivation.getChildren().clear();
        var d = question.derivation();
        for (int i = 0; i < d.steps().size(); i++) {
            var l = new Label(text.stepLine(d.steps().get(i)));
            l.setWrapText(true);
            if (c != null && !c.correct() && i == c.divergingStep()) {
                l.setId("drill-diverging");
                l.getStyleClass().add("diverging");
                l.setStyle("-fx-background-color: #fdebd0; -fx-border-color: #e67e22; -fx-font-weight: bold;");
                l.setText("➜ " + l.getText());
            }
            derivation.getChildren().add(l);
        }
    }
}
