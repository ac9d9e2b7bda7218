package glassbox.views;

import glassbox.model.tokenizer.TokenizationSteps;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * The tokenizer step-through: chunks, then bytes/characters, then each merge in order, driven by a
 * slider, step buttons and a play button; the piece a merge just made is marked. The pieces are painted like token
 * chips on one canvas (a {@link TokenStrip}): as a label each, a 256-token prompt was 256 nodes to style, lay out and
 * render on every keystroke.
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
    /** Most pieces shown at once (the caption says which ones). */
    static final int MAX_SHOWN = 600;
    private final Label caption = new Label();
    private final TokenStrip pieces = new TokenStrip();
    private final Slider slider = new Slider(0, 1, 0);
    private final Button play = new Button(), prev = new Button("◀"), next = new Button("▶");
    private final Timeline timeline = new Timeline(new KeyFrame(Duration.millis(450), e -> advance()));
    private Texts texts = Texts.english();
    private MergeReplay replay;
    private boolean byteLevel;
    private MergeReplay shownReplay;
    private int shownStage = -1;

    public MergeStepper() {
        super(8);
        setPadding(new Insets(4));
        caption.setWrapText(true);
        caption.getStyleClass().add("merge-caption");
        pieces.setTooltipFormat(null);   // the chips show the pieces; nothing to click
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
    public List<String> shownPieces() { return pieces.shownTexts(); }

    /** Where in {@link #shownPieces()} the piece the current stage's merge made is, or −1. */
    public int markedPiece() { return pieces.marked(); }

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
        if (replay == null) { caption.setText(""); pieces.setTokens(List.of()); pieces.setMarked(-1); shownReplay = null; return; }
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
        // at most MAX_SHOWN pieces, around the one just merged: 10,000 emoji are 40,000 byte pieces, and as many chips
        // held the JavaFX thread for seconds
        int from = list.size() <= MAX_SHOWN ? 0 : Math.clamp(hi - MAX_SHOWN / 2, 0, list.size() - MAX_SHOWN);
        int shown = Math.min(MAX_SHOWN, list.size());
        if (shown < list.size()) {
            caption.setText((tooLong ? texts.tooLong() + " " : "") + caption.getText()
                    + String.format(java.util.Locale.ROOT, "  [%,d–%,d / %,d]", from + 1, from + shown, list.size()));
        } else if (tooLong) {
            caption.setText(texts.tooLong() + " " + caption.getText());
        }
        List<TokenChip> chips = new ArrayList<>(shown);
        TokenChip.Kind kind = s == 0 ? TokenChip.Kind.CHUNK : TokenChip.Kind.NORMAL;
        for (int i = from; i < from + shown; i++) chips.add(new TokenChip(-1, list.get(i), show(list.get(i), s > 0), kind));
        pieces.setTokens(chips);
        pieces.setMarked(hi < 0 ? -1 : hi - from);
        shownStage = s;
        shownReplay = replay;
    }

    private String show(String piece, boolean isPiece) {
        return isPiece ? TokenText.display(piece, byteLevel) : TokenText.visible(piece.replace('\u2581', ' '));
    }
}
