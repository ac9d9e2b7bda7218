package glassbox.app.classroom;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.StageStyle;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * A full-screen, large-type, high-contrast guided walk through the forward pass: one
 * {@link ForwardStage} per slide, ←/→ (PageUp/PageDown, Space) to move, Esc to leave.
 * The window lends each stage's view through {@code viewById}; a lent node is put back into the
 * pane it came from when the slide changes or the presentation stops.
 * All methods run on the JavaFX thread.
 */
public final class PresentationMode {
    public static final double DEFAULT_FONT_SCALE = 1.6;
    private static final ForwardStage[] STAGES = ForwardStage.values();

    private final Stage owner;
    private final Function<String, Node> viewById;
    private final ClassroomText text;
    private final Label title = new Label(), counter = new Label(), explanation = new Label(), promptLine = new Label();
    private final StackPane viewSlot = new StackPane();
    private final HBox dots = new HBox(8);
    private final VBox header = new VBox(10);
    private double fontScale = DEFAULT_FONT_SCALE;
    private boolean fullScreen = true;
    private String prompt = "";
    private Runnable onStop = () -> {};
    private Stage stage;
    private int index;
    private Lent lent;

    /** A node borrowed from its pane, with where to put it back. */
    private record Lent(Node node, Pane parent, int position) {}

    public PresentationMode(Stage owner, Function<String, Node> viewById, Locale locale) {
        this.owner = owner;
        this.viewById = Objects.requireNonNull(viewById);
        this.text = new ClassroomText(locale);
    }

    /** The root font size relative to the system font (default 1.6×); set before {@link #start()}. */
    public void setFontScale(double scale) { fontScale = Math.max(0.5, Math.min(4, scale)); }

    /** Shown under the title, so the room sees which text is being walked through. */
    public void setPrompt(String prompt) {
        this.prompt = prompt == null ? "" : prompt.strip();
        promptLine.setText(this.prompt.isEmpty() ? "" : text.get("presentation.prompt", ellipsize(this.prompt, 140)));
    }

    /** Full screen is on by default; tests and previews may turn it off. */
    public void setFullScreen(boolean on) { fullScreen = on; }

    /** Called after the presentation closed (Esc, {@link #stop()} or the window closed). */
    public void setOnStop(Runnable r) { onStop = r == null ? () -> {} : r; }

    public void start() { start(1); }

    /** Opens the presentation at a 1-based step; a second call just moves to that step. */
    public void start(int step) {
        if (stage == null) {
            stage = new Stage(StageStyle.DECORATED);
            if (owner != null) stage.initOwner(owner);
            stage.setTitle(text.get("presentation.windowTitle"));
            // windowed (tests, previews) it covers the owner's screen at most; full screen it takes that screen
            var screen = owner == null ? Screen.getPrimary().getVisualBounds()
                    : Screen.getScreensForRectangle(owner.getX(), owner.getY(), Math.max(1, owner.getWidth()), Math.max(1, owner.getHeight()))
                            .stream().findFirst().orElse(Screen.getPrimary()).getVisualBounds();
            Scene scene = new Scene(layout(), Math.min(1280, screen.getWidth()), Math.min(800, screen.getHeight()));
            scene.getStylesheets().add(Objects.requireNonNull(PresentationMode.class.getResource("presentation.css")).toExternalForm());
            scene.addEventFilter(KeyEvent.KEY_PRESSED, this::key);
            stage.setScene(scene);
            stage.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH); // Esc ends the whole presentation, handled below
            stage.setFullScreenExitHint("");
            stage.setOnHidden(e -> closed());
            stage.setX(screen.getMinX());
            stage.setY(screen.getMinY());
            stage.setFullScreen(fullScreen);
            stage.show();
        }
        go(step - 1);
        stage.toFront();
    }

    public void next() { if (stage != null) go(index + 1); }

    public void previous() { if (stage != null) go(index - 1); }

    /** The current step, 1-based; 0 when not running. */
    public int step() { return stage == null ? 0 : index + 1; }

    public int stepCount() { return STAGES.length; }

    public ForwardStage stage() { return STAGES[index]; }

    public boolean isRunning() { return stage != null; }

    /** "3 / 12". */
    public String counterText() { return counter.getText(); }

    public String titleText() { return title.getText(); }

    /** The presentation window (null when not running), for tests and screenshots. */
    public Stage window() { return stage; }

    /** Closes the presentation and gives the lent view back. */
    public void stop() { if (stage != null) stage.hide(); }

    private void closed() {
        giveBack();
        stage = null;
        onStop.run();
    }

    private void key(KeyEvent e) {
        switch (e.getCode()) {
            case RIGHT, PAGE_DOWN, SPACE, DOWN -> next();
            case LEFT, PAGE_UP, UP, BACK_SPACE -> previous();
            case HOME -> go(0);
            case END -> go(STAGES.length - 1);
            case ESCAPE -> stop();
            default -> { return; }
        }
        e.consume(); // lent controls (sliders, lists) must not also react to the walk's keys
    }

    private void go(int i) {
        index = Math.max(0, Math.min(STAGES.length - 1, i));
        ForwardStage s = STAGES[index];
        title.setText(text.get("presentation.stepTitle", index + 1, text.get(s.key() + ".title")));
        explanation.setText(text.get(s.key() + ".text"));
        counter.setText(text.get("presentation.counter", index + 1, STAGES.length));
        for (int k = 0; k < dots.getChildren().size(); k++) {
            dots.getChildren().get(k).getStyleClass().setAll("presentation-dot", k == index ? "current" : k < index ? "done" : "todo");
        }
        showView(s.viewId());
    }

    private void showView(String viewId) {
        Node node;
        try { node = viewById.apply(viewId); } catch (RuntimeException e) { node = null; } // an unknown view: the explanation alone
        if (lent != null && lent.node() == node) return;
        header.getChildren().remove(explanation);
        giveBack();
        if (node == null) { // no picture for this stage: the explanation moves to the middle, in larger type
            viewSlot.getChildren().setAll(explanation);
            viewSlot.getStyleClass().setAll("presentation-view", "text-only");
            return;
        }
        header.getChildren().add(explanation);
        viewSlot.getStyleClass().setAll("presentation-view");
        Parent p = node.getParent();
        if (p instanceof Pane pane) lent = new Lent(node, pane, pane.getChildren().indexOf(node));
        else lent = new Lent(node, null, -1);
        viewSlot.getChildren().setAll(node);
        viewSlot.setVisible(true);
    }

    private void giveBack() {
        if (lent == null) return;
        viewSlot.getChildren().remove(lent.node());
        Pane home = lent.parent();
        // put it back only if its old place is still empty of it (the window may have rebuilt meanwhile)
        if (home != null && lent.node().getParent() == null) {
            home.getChildren().add(Math.min(Math.max(0, lent.position()), home.getChildren().size()), lent.node());
        }
        lent = null;
    }

    private Parent layout() {
        title.getStyleClass().add("presentation-title");
        title.setId("presentation-title");
        title.setWrapText(true);
        counter.getStyleClass().add("presentation-counter");
        counter.setId("presentation-counter");
        counter.setMinWidth(Region.USE_PREF_SIZE);
        promptLine.getStyleClass().add("presentation-prompt");
        promptLine.setWrapText(true);
        promptLine.managedProperty().bind(promptLine.textProperty().isNotEmpty());
        explanation.getStyleClass().add("presentation-text");
        explanation.setId("presentation-text");
        explanation.setWrapText(true);
        explanation.setMinHeight(Region.USE_PREF_SIZE);

        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox.setHgrow(title, Priority.SOMETIMES);
        HBox headline = new HBox(24, title, grow, counter);
        headline.setAlignment(Pos.BASELINE_LEFT);
        header.getChildren().setAll(headline, promptLine);
        header.getStyleClass().add("presentation-header");

        viewSlot.getStyleClass().add("presentation-view");
        viewSlot.setAlignment(Pos.CENTER);

        for (int k = 0; k < STAGES.length; k++) dots.getChildren().add(new Region());
        dots.setAlignment(Pos.CENTER);
        Button back = new Button(text.get("presentation.previous"));
        back.setId("presentation-previous");
        back.setOnAction(e -> previous());
        back.setFocusTraversable(false);
        Button fwd = new Button(text.get("presentation.next"));
        fwd.setId("presentation-next");
        fwd.setOnAction(e -> next());
        fwd.setFocusTraversable(false);
        Button leave = new Button(text.get("presentation.leave"));
        leave.setId("presentation-leave");
        leave.setOnAction(e -> stop());
        leave.setFocusTraversable(false);
        Label keys = new Label(text.get("presentation.keys"));
        keys.getStyleClass().add("presentation-keys");
        Region l = new Region(), r = new Region();
        HBox.setHgrow(l, Priority.ALWAYS);
        HBox.setHgrow(r, Priority.ALWAYS);
        HBox bottom = new HBox(16, back, fwd, l, dots, r, keys, leave);
        bottom.setAlignment(Pos.CENTER_LEFT);
        bottom.getStyleClass().add("presentation-footer");

        BorderPane root = new BorderPane(viewSlot, header, null, bottom, null);
        BorderPane.setMargin(viewSlot, new Insets(16, 0, 16, 0));
        root.getStyleClass().add("presentation-root");
        root.setStyle(String.format(Locale.ROOT, "-fx-font-size: %.1fpx;", Font.getDefault().getSize() * fontScale));
        return root;
    }

    private static String ellipsize(String s, int max) {
        s = s.replaceAll("\\s+", " ");
        return s.length() <= max ? s : s.substring(0, Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max) + "…";
    }
}
