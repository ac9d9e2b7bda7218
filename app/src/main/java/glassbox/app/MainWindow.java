package glassbox.app;

import glassbox.app.flow.FlowPanes;
import glassbox.app.flow.FlowText;
import glassbox.app.learn.ArithmeticPane;
import glassbox.app.learn.DrillPane;
import glassbox.app.learn.WhyPane;
import glassbox.app.panes.AttentionGridPane;
import glassbox.app.panes.AttentionHeadPane;
import glassbox.app.panes.CausalMaskPane;
import glassbox.app.panes.FlowPaneAdapter;
import glassbox.app.panes.StaticPane;
import glassbox.app.panes.TokenizationPane;
import glassbox.model.config.ModelConfig;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import glassbox.app.classroom.ClassroomActions;
import glassbox.app.classroom.Exporter;
import glassbox.app.classroom.ForwardStage;
import glassbox.app.classroom.Session;
import glassbox.app.classroom.SessionFile;
import glassbox.app.panes.AttentionHeadPane;
import glassbox.app.panes.CausalMaskPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The window's content: model bar, prompt editor, the views behind a side navigation, a status line.
 * Only the visible view is redrawn for each snapshot; a view brought forward catches up at once.
 */
public final class MainWindow implements AppState.Listener {
    private final AppState state;
    private final AppText text;
    private final Runnable rebuild;
    private WhyPane why;
    private final BorderPane root = new BorderPane();
    private final TextArea prompt = new TextArea();
    private final Label modelName = new Label(), modelSummary = new Label(), status = new Label(), notice = new Label();
    private final Label bannerText = new Label();
    private final HBox banner;
    private final StackPane content = new StackPane();
    private final Map<String, ExplainerPane> panes = new LinkedHashMap<>();
    private final Map<String, ToggleButton> navButtons = new HashMap<>();
    private final Map<ExplainerPane, Snapshot> shown = new HashMap<>();
    private final ToggleGroup nav = new ToggleGroup();
    private ExplainerPane current;
    private boolean settingPrompt;

    public MainWindow(AppState state, Runnable rebuild) {
        this.state = state;
        this.text = state.text();
        this.rebuild = rebuild;
        var ctx = new ViewContext(state.selection(), text, state.dark(), this::open);
        root.getStyleClass().add("glassbox-root");
        if (text.locale().getLanguage().equals("zh")) root.getStyleClass().add("lang-zh");

        bannerText.setWrapText(true);
        Button closeBanner = new Button(null, new FontIcon("mdi2c-close"));
        closeBanner.getStyleClass().add("flat");
        closeBanner.setOnAction(e -> hideBanner());
        banner = new HBox(8, new FontIcon("mdi2a-alert-circle-outline"), bannerText, closeBanner);
        banner.getStyleClass().add("error-banner");
        banner.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(bannerText, Priority.ALWAYS);
        hideBanner();

        prompt.setId("prompt");
        prompt.setWrapText(true);
        prompt.setPrefRowCount(3);
        glassbox.views.LiveScrollPane.uncacheInner(prompt);   // its text changes every keystroke
        prompt.setPromptText(text.get("prompt.placeholder"));
        prompt.textProperty().addListener((o, a, b) -> { if (!settingPrompt) state.promptChanged(b); });
        Label promptLabel = new Label(text.get("prompt.label"));
        promptLabel.getStyleClass().add("section-label");
        VBox top = new VBox(6, modelBar(), promptLabel, prompt, banner);
        top.setPadding(new Insets(8, 12, 8, 12));
        top.getStyleClass().add("top-bar");
        root.setTop(top);

        List<ExplainerPane> explain = List.of(new TokenizationPane(ctx), new AttentionGridPane(ctx), new AttentionHeadPane(ctx), new CausalMaskPane(ctx));
        FlowText flowText = new FlowText(text.locale());
        List<ExplainerPane> flow = FlowPanes.create(state.selection().asFlowSelection(), flowText).stream()
                .<ExplainerPane>map(p -> new FlowPaneAdapter(p, state::flowModel)).toList();
        Supplier<ModelConfig> config = () -> state.model() == null ? null : state.model().config();
        var arithmetic = new ArithmeticPane(config, text.locale());
        why = new WhyPane(config, text.locale());
        var drill = new DrillPane(config, text.locale());
        arithmetic.setOnOpenView(this::open);
        why.setOnOpenView(this::open);
        drill.setOnOpenView(this::open);
        List<ExplainerPane> learn = List.of(new StaticPane("learn.arithmetic", "view.arithmetic", text.get("view.arithmetic"), arithmetic),
                new StaticPane("learn.why", "view.why", text.get("view.why"), why),
                new StaticPane("learn.drill", "view.drill", text.get("view.drill"), drill));
        VBox navBox = new VBox(2);
        navBox.getStyleClass().add("nav");
        navBox.setPadding(new Insets(10, 8, 10, 8));
        section(navBox, "nav.explain", explain);
        section(navBox, "nav.flow", flow);
        section(navBox, "nav.learn", learn);
        root.setLeft(navBox);
        content.getStyleClass().add("content");
        root.setCenter(content);
        root.setBottom(statusBar());

        root.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) e.acceptTransferModes(TransferMode.COPY);
            e.consume();
        });
        root.setOnDragDropped(e -> {
            boolean ok = e.getDragboard().hasFiles() && !e.getDragboard().getFiles().isEmpty();
            if (ok) state.openModel(e.getDragboard().getFiles().getFirst().toPath());
            e.setDropCompleted(ok);
            e.consume();
        });
        state.setListener(this);
        if (state.model() != null) modelChanged(state.model());
        open(state.settings().get("view", "tokenization"));
        setPrompt(state.pipeline().prompt());
        if (state.lastSnapshot() != null) snapshot(state.lastSnapshot());
        if (state.settings().corruptNotice() != null) showBanner(text.get("error.settings", state.settings().corruptNotice()));
    }

    public Parent root() { return root; }

    public TextArea prompt() { return prompt; }

    public ExplainerPane pane(String id) { return panes.get(id); }

    public ExplainerPane currentPane() { return current; }

    public String statusText() { return status.getText(); }

    public String bannerText() { return banner.isVisible() ? bannerText.getText() : ""; }

    public String modelNameText() { return modelName.getText(); }

    /** Shows text in the editor without echoing it back as an edit. */
    public void setPrompt(String s) {
        settingPrompt = true;
        try { prompt.setText(s); } finally { settingPrompt = false; }
    }

    /** Brings a view forward by id (aliases used by the learning panes are accepted). */
    public void open(String id) {
        ExplainerPane p = panes.get(alias(id));
        if (p == null) p = panes.values().iterator().next();
        current = p;
        content.getChildren().setAll(p.node());
        navButtons.get(p.id()).setSelected(true);
        state.settings().put("view", p.id());
        Snapshot last = state.lastSnapshot();
        if (last != null && shown.get(p) != last) { p.show(last); shown.put(p, last); }
    }

    private static String alias(String id) {
        return switch (id) {
            case "kvcache" -> "flow.generation";
            case "residual" -> "flow.mlp";
            case "positions" -> "flow.embeddings";
            case "tokens" -> "tokenization";
            default -> id;
        };
    }

    @Override public void snapshot(Snapshot s) {
        if (current != null) { current.show(s); shown.put(current, s); }
        String tokens = text.get("status.tokens", s.tokens().length);
        status.setText(s.ok() ? text.get("status.computed", String.format(Locale.ROOT, "%.1f", s.computeMillis()), tokens)
                : s.error() == null ? "" : s.error());
        status.getStyleClass().removeAll("status-error");
        if (!s.ok()) status.getStyleClass().add("status-error");
        notice.setText(s.notice() == null ? "" : s.notice());
    }

    /** This window is being replaced (language or theme switch): its panes stop listening, computing and their threads. */
    public void dispose() {
        for (ExplainerPane p : panes.values()) p.dispose();
        why.dispose();
    }

    @Override public void modelChanged(ModelHandle m) {
        for (ExplainerPane p : panes.values()) p.stopModelWork(); // hidden panes too: their sessions use the old model
        ModelConfig c = m.config();
        modelName.setText(m.displayName());
        modelSummary.setText(text.get("model.summary", c.family(), c.layers(), c.heads(), c.kvHeads(), c.dim(), c.vocabSize(),
                c.contextLength(), humanCount(m.parameterCount())) + (m.format().isEmpty() ? "" : " · " + m.format()));
        status.setText(text.get("status.loaded", m.displayName()));
        hideBanner();
    }

    @Override public void modelFailed(Path file, String message) {
        showBanner(text.get("error.open", file.getFileName(), message));
        ModelHandle m = state.model();
        status.setText(m == null ? text.get("status.noModel") : text.get("status.kept", m.displayName()));
    }

    @Override public void loading(Path file) { status.setText(text.get("status.loading", file.getFileName())); }

    private void section(VBox box, String key, List<ExplainerPane> list) {
        Label l = new Label(text.get(key));
        l.getStyleClass().add("nav-section");
        box.getChildren().add(l);
        for (ExplainerPane p : list) {
            panes.put(p.id(), p);
            Exporter.installContextMenu(p.node(), () -> matrixOf(p), p.title(), text.locale(),
                    Exporter.saveDialog(text.locale()), status::setText);
            ToggleButton b = new ToggleButton(p.title(), new FontIcon(icon(p.id())));
            b.setId("nav-" + p.id().replace('.', '-'));
            b.setToggleGroup(nav);
            b.setMaxWidth(Double.MAX_VALUE);
            b.setAlignment(Pos.CENTER_LEFT);
            b.getStyleClass().add("nav-button");
            b.setOnAction(e -> { if (!b.isSelected()) b.setSelected(true); open(p.id()); });
            navButtons.put(p.id(), b);
            box.getChildren().add(b);
        }
    }

    private static String icon(String id) {
        return switch (id) {
            case "tokenization" -> "mdi2f-format-text";
            case "attention" -> "mdi2v-view-grid";
            case "head" -> "mdi2e-eye-outline";
            case "mask" -> "mdi2m-matrix";
            case "flow.embeddings" -> "mdi2v-vector-line";
            case "flow.qkv" -> "mdi2f-function-variant";
            case "flow.mlp" -> "mdi2l-layers-outline";
            case "flow.output" -> "mdi2c-chart-bar";
            case "flow.generation" -> "mdi2c-cached";
            case "flow.compare" -> "mdi2c-compare-horizontal";
            case "learn.arithmetic" -> "mdi2c-calculator";
            case "learn.why" -> "mdi2h-help-circle-outline";
            default -> "mdi2s-school-outline";
        };
    }

    private Node modelBar() {
        Button open = new Button(text.get("model.open"), new FontIcon("mdi2f-folder-open"));
        open.setId("open-model");
        open.setOnAction(e -> chooseModel(root.getScene() == null ? null : root.getScene().getWindow()));
        open.setTooltip(new Tooltip(text.get("model.openTip")));
        var recent = new javafx.scene.control.MenuButton(text.get("model.recent"), new FontIcon("mdi2h-history"));
        recent.setOnShowing(e -> {
            recent.getItems().clear();
            for (String p : state.settings().recentModels()) {
                var item = new javafx.scene.control.MenuItem(p);
                item.setOnAction(a -> state.openModel(Path.of(p)));
                recent.getItems().add(item);
            }
            if (recent.getItems().isEmpty()) {
                var none = new javafx.scene.control.MenuItem(text.get("model.noRecent"));
                none.setDisable(true);
                recent.getItems().add(none);
            }
        });
        recent.getItems().add(new javafx.scene.control.MenuItem("…"));
        modelName.getStyleClass().add("model-name");
        modelName.setId("model-name");
        modelName.setText(text.get("status.noModel"));
        modelSummary.getStyleClass().add("model-summary");
        // the summary gives way first when the bar is narrow; buttons and the model name keep their size
        modelSummary.setMinWidth(0);
        for (var c : new javafx.scene.control.Control[]{open, recent}) c.setMinWidth(Region.USE_PREF_SIZE);
        modelName.setMinWidth(Region.USE_PREF_SIZE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        ToggleButton theme = new ToggleButton(null, new FontIcon("mdi2t-theme-light-dark"));
        theme.setSelected(state.dark());
        theme.setTooltip(new Tooltip(text.get("theme.toggle")));
        theme.setOnAction(e -> { state.setDark(theme.isSelected()); rebuild.run(); });
        var language = new javafx.scene.control.ComboBox<Locale>();
        language.getItems().setAll(AppText.LANGUAGES);
        language.setValue(text.locale());
        language.setConverter(new javafx.util.StringConverter<>() {
            @Override public String toString(Locale l) { return l == null ? "" : l.getLanguage().equals("zh") ? "简体中文" : "English"; }
            @Override public Locale fromString(String s) { return null; }
        });
        language.setOnAction(e -> { if (!language.getValue().equals(text.locale())) { state.setLocale(language.getValue()); rebuild.run(); } });
        language.setId("language");
        language.setMinWidth(Region.USE_PREF_SIZE); // the summary gives way, not the language name
        var classroom = new ClassroomActions(text.locale());
        Button present = classroom.presentButton(this::stage, this::presentationView, prompt::getText,
                () -> open(current.id())); // the lent pane comes back; re-show the window's view
        root.addEventHandler(KeyEvent.KEY_PRESSED, k -> { if (k.getCode() == KeyCode.F5) present.fire(); });
        var session = classroom.sessionMenu(this::stage, this::session, this::applySession, this::showBanner);
        present.setMinWidth(Region.USE_PREF_SIZE);
        session.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(10, open, recent, modelName, modelSummary, spacer, present, session,
                new FontIcon("mdi2t-translate"), language, theme);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("model-bar");
        return bar;
    }

    private void chooseModel(Window owner) {
        FileChooser fc = new FileChooser();
        fc.setTitle(text.get("model.chooserTitle"));
        fc.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter(text.get("model.filter"), "*.gguf", "*.bin", "*.safetensors"),
                new FileChooser.ExtensionFilter(text.get("model.filterAll"), "*"));
        String last = state.settings().get("model", null);
        if (last != null && new File(last).getParentFile() != null && new File(last).getParentFile().isDirectory())
            fc.setInitialDirectory(new File(last).getParentFile());
        File f = fc.showOpenDialog(owner);
        if (f != null) state.openModel(f.toPath());
    }

    private Node statusBar() {
        status.setId("status");
        notice.getStyleClass().add("notice");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(12, new FontIcon("mdi2t-timer-outline"), status, spacer, notice);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("status-bar");
        bar.setPadding(new Insets(4, 12, 4, 12));
        return bar;
    }

    private void showBanner(String msg) {
        bannerText.setText(msg);
        banner.setVisible(true);
        banner.setManaged(true);
    }

    private void hideBanner() {
        banner.setVisible(false);
        banner.setManaged(false);
    }

    /** 260K, 15.2M, 1.1B. */
    static String humanCount(long n) {
        if (n < 1_000) return Long.toString(n);
        if (n < 1_000_000) return String.format(Locale.ROOT, "%.0fK", n / 1e3);
        if (n < 1_000_000_000) return String.format(Locale.ROOT, "%.1fM", n / 1e6);
        return String.format(Locale.ROOT, "%.2fB", n / 1e9);
    }

    /** Every pane, in navigation order. */
    public List<ExplainerPane> panes() { return new ArrayList<>(panes.values()); }

    private Stage stage() { return (Stage) root.getScene().getWindow(); }

    /** The node a presentation step shows, brought up to date with the latest snapshot (null = text only). */
    private Node presentationView(String viewId) {
        ExplainerPane p = panes.get(ForwardStage.paneId(viewId));
        if (p == null) return null;
        Snapshot last = state.lastSnapshot();
        if (last != null && shown.get(p) != last) { p.show(last); shown.put(p, last); }
        return p.node();
    }

    /** The matrix a view's "Export CSV/JSON" writes, where it has one. */
    private static glassbox.model.trace.Matrix matrixOf(ExplainerPane p) {
        if (p instanceof AttentionHeadPane h) return h.heatmap().matrix();
        if (p instanceof CausalMaskPane m) return m.weightsMap().matrix();
        return null;
    }

    private Session session() {
        var sel = state.selection();
        return new Session(state.settings().get("model", null), prompt.getText(), sel.layer().get(), sel.head().get(),
                sel.queryToken().get(), current == null ? "tokenization" : current.id(), state.dark() ? "dark" : "light",
                text.locale().toLanguageTag());
    }

    private void applySession(SessionFile.Result.Loaded loaded) {
        Session s = loaded.session();
        state.settings().put("view", s.viewId());
        state.selection().select(s.layer(), s.head());
        state.selection().queryToken().set(s.token());
        state.promptChanged(s.prompt());
        if (s.modelPath() != null && loaded.notice() == null) state.openModel(Path.of(s.modelPath()));
        if (s.dark() != state.dark()) state.setDark(s.dark());
        if (!s.javaLocale().equals(text.locale())) state.setLocale(s.javaLocale());
        rebuild.run(); // the rebuilt window reads prompt, view, theme and language back
        if (loaded.notice() != null) Platform.runLater(() -> showBanner(loaded.notice()));
    }
}
