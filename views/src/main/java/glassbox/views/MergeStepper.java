package glassbox.views;

import glassbox.model.tokenizer.TokenizationSteps;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * The tokenizer step-through: chunks, then bytes/characters, then each merge in order, driven by a
 * slider, step buttons and a play button; the piece a merge just made is outlined.
 */
public final class MergeStepper extends VBox {

    /**
     * The texts this view shows (the app passes translated ones). Patterns use MessageFormat:
     * merge gets {0} step, {1} total, {2} left, {3} right, {4} merged, {5} priority.
     */
    public record Texts(String chunks, String initial, String merge, String play, String pause, String tooLong) {
        public static Texts english() {
            return new Texts("Pre-tokenized chunks", "Initial pieces (bytes or characters), before any merge",
                    "Merge {0} of {1}: ‘{2}’ + ‘{3}’ → ‘{4}’ (priority {5})", "Play", "Pause",
                    "Too many pieces to step through; showing the result.");
        }
    }

    private static final int MAX_STEPPABLE = 4000;
    /** Most piece labels shown at once (the caption says which ones). */
    static final int MAX_SHOWN = 600;
    private final Label caption = new Label();
    private final FlowPane pieces = new FlowPane(3, 5);
    private final Slider slider = new Slider(0, 1, 0);
    private final Button play = new Button(), prev = new Button("◀"), next = new Button("▶");
    private final Timeline timeline = new Timeline(new KeyFrame(Duration.millis(450), e -> advance()));
    private Texts texts = Texts.english();
    private MergeReplay replay;
    private boolean byteLevel;
    private final List<Label> pool = new ArrayList<>(); // piece labels reused between stages and prompts
    private MergeReplay shownReplay;
    private int shownStage = -1;

    public MergeStepper() {
        super(8);
        setPadding(new Insets(4));
        caption.setWrapText(true);
        caption.getStyleClass().add("merge-caption");
        timeline.setCycleCount(Timeline.INDEFINITE);
        slider.setMajorTickUnit(1);
        slider.setMinorTickCount(0);
        slider.setSnapToTicks(true);
        slider.setBlockIncrement(1);
        slider.valueProperty().addListener((o, a, b) -> showStage());
        HBox.setHgrow(slider, Priority.ALWAYS);
        play.setOnAction(e -> togglePlay());
        prev.setOnAction(e -> setStage(stage() - 1));
        next.setOnAction(e -> setStage(stage() + 1));
        play.getStyleClass().add("merge-play");
        var controls = new HBox(6, play, prev, next, slider);
        controls.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(controls, caption, pieces);
        getStylesheets().add(TokenStrip.STYLESHEET);
        setTexts(texts);
    }

    public void setTexts(Texts t) {
        texts = t;
        play.setText(timeline.getStatus() == Timeline.Status.RUNNING ? t.pause() : t.play());
        shownStage = -1; // the caption is in the new language
        showStage();
    }

    /** Shows the steps of a new encode; starts at the final stage so the result is visible at once. */
    public void setSteps(TokenizationSteps steps, boolean byteLevel) {
        stop();
        this.byteLevel = byteLevel;
        this.replay = steps == null ? null : new MergeReplay(steps);
        int last = replay == null ? 0 : replay.stageCount() - 1;
        slider.setMax(Math.max(1, last));
        slider.setDisable(replay == null || steps.initial().size() > MAX_STEPPABLE);
        slider.setValue(last);
        showStage();
    }

    public int stage() { return (int) Math.round(slider.getValue()); }

    public int stageCount() { return replay == null ? 0 : replay.stageCount(); }

    public void setStage(int s) { slider.setValue(Math.max(0, Math.min(stageCount() - 1, s))); }

    public String captionText() { return caption.getText(); }

    /** The piece texts shown at the current stage. */
    public List<String> shownPieces() {
        List<String> out = new ArrayList<>();
        pieces.getChildren().forEach(n -> out.add(((Label) n).getText()));
        return out;
    }

    public boolean playing() { return timeline.getStatus() == Timeline.Status.RUNNING; }

    public void stop() { timeline.stop(); play.setText(texts.play()); }

    private void togglePlay() {
        if (playing()) { stop(); return; }
        if (stage() >= stageCount() - 1) setStage(0);
        timeline.play();
        play.setText(texts.pause());
    }

    private void advance() {
        if (stage() >= stageCount() - 1) stop(); else setStage(stage() + 1);
    }

    private void showStage() {
        if (replay == null) { caption.setText(""); pieces.getChildren().clear(); shownReplay = null; return; }
        int s = stage();
        if (replay == shownReplay && s == shownStage) return; // the slider listener already drew it
        boolean tooLong = replay.steps().initial().size() > MAX_STEPPABLE;
        if (tooLong && s > 1) s = replay.stageCount() - 1;
        List<String> list = s == 0 ? replay.steps().chunks() : replay.piecesAt(s);
        int hi = replay.mergedIndexAt(s);
        var m = replay.mergeAt(s);
        caption.setText(switch (s) {
            case 0 -> texts.chunks() + " (" + list.size() + ")";
            case 1 -> texts.initial() + " (" + list.size() + ")";
            default -> MessageFormat.format(texts.merge(), s - 1, replay.stageCount() - 2, show(m.left(), true),
                    show(m.right(), true), show(m.merged(), true), String.format(java.util.Locale.ROOT, "%.4g", m.priority()));
        });
        // at most MAX_SHOWN pieces, around the one just merged: 10,000 emoji are 40,000 byte pieces, and as many labels
        // held the JavaFX thread for seconds
        int from = list.size() <= MAX_SHOWN ? 0 : Math.clamp(hi - MAX_SHOWN / 2, 0, list.size() - MAX_SHOWN);
        int shown = Math.min(MAX_SHOWN, list.size());
        if (shown < list.size()) {
            caption.setText((tooLong ? texts.tooLong() + " " : "") + caption.getText()
                    + String.format(java.util.Locale.ROOT, "  [%,d–%,d / %,d]", from + 1, from + shown, list.size()));
        } else if (tooLong) {
            caption.setText(texts.tooLong() + " " + caption.getText());
        }
        while (pool.size() < shown) pool.add(new Label());
        for (int k = 0; k < shown; k++) {
            int i = from + k;
            Label l = pool.get(k);
            String text = show(list.get(i), s > 0);
            if (!text.equals(l.getText())) l.setText(text);
            String look = i == hi ? "merged" : s == 0 ? "chunk" : "p" + i % TokenStrip.PALETTE.length;
            var classes = l.getStyleClass();
            if (classes.size() != 3 || !classes.get(2).equals(look)) classes.setAll("label", "merge-piece", look);
        }
        PooledChildren.showFirst(pieces.getChildren(), pool, shown);
        shownStage = s;
        shownReplay = replay;
    }

    private String show(String piece, boolean isPiece) {
        return isPiece ? TokenText.display(piece, byteLevel) : TokenText.visible(piece.replace('\u2581', ' '));
    }
}
