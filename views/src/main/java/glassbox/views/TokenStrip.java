package glassbox.views;

import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.util.Duration;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * The prompt as coloured token chips in reading order: id and piece on hover, byte-fallback tokens
 * dashed, special tokens (BOS) grey, the selected token outlined; a click reports the token index.
 * Chips are reused between prompts and styled by class, so a keystroke costs text updates, not new nodes.
 */
public final class TokenStrip extends FlowPane {
    /** Pastel backgrounds that keep dark text readable; neighbours never share one. */
    static final String[] PALETTE = {"#ffd6a5", "#caffbf", "#9bf6ff", "#bdb2ff", "#ffc6ff", "#fdffb6", "#a0c4ff", "#ffadad"};
    static final String STYLESHEET = Objects.requireNonNull(TokenStrip.class.getResource("tokens.css")).toExternalForm();
    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");

    private final List<Label> pool = new ArrayList<>();
    private List<TokenChip> chips = List.of();
    private IntConsumer onTokenClicked = i -> {};
    private int selected = -1;
    private String tooltipFormat = "#%d  id %d\n%s";

    public TokenStrip() {
        super(3, 5);
        getStyleClass().add("token-strip");
        getStylesheets().add(STYLESHEET);
    }

    public void setTokens(List<TokenChip> tokens) {
        chips = List.copyOf(tokens);
        while (pool.size() < chips.size()) pool.add(newChip(pool.size()));
        for (int i = 0; i < chips.size(); i++) show(pool.get(i), i, chips.get(i));
        PooledChildren.showFirst(getChildren(), pool, chips.size());
        setSelected(selected);
    }

    public List<TokenChip> tokens() { return chips; }

    /** The chip labels' texts in order (what the user reads). */
    public List<String> shownTexts() { return chips.stream().map(TokenChip::shown).toList(); }

    /** Outlines token i (−1 for none). */
    public void setSelected(int i) {
        selected = i;
        for (int k = 0; k < getChildren().size(); k++) getChildren().get(k).pseudoClassStateChanged(SELECTED, k == i);
    }

    public int selected() { return selected; }

    public void setOnTokenClicked(IntConsumer handler) { onTokenClicked = handler; }

    /** printf pattern for the hover text with (index, id, piece). */
    public void setTooltipFormat(String format) { tooltipFormat = format; }

    private Label newChip(int i) {
        Label l = new Label();
        Tooltip tip = new Tooltip();
        tip.setShowDelay(Duration.millis(80));
        l.setTooltip(tip);
        l.setOnMouseClicked(e -> onTokenClicked.accept(i));
        return l;
    }

    private void show(Label l, int i, TokenChip t) {
        String text = t.shown().isEmpty() ? "∅" : t.shown();
        if (!text.equals(l.getText())) l.setText(text);
        String tip = String.format(tooltipFormat, i, t.id(), t.piece());
        if (!tip.equals(l.getTooltip().getText())) l.getTooltip().setText(tip);
        String kind = switch (t.kind()) {
            case SPECIAL -> "special";
            case BYTE -> "byte";
            case NORMAL -> "p" + i % PALETTE.length;
        };
        var classes = l.getStyleClass();
        if (classes.size() != 3 || !classes.get(2).equals(kind)) classes.setAll("label", "token-chip", kind);
    }
}
