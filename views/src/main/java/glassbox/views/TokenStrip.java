package glassbox.views;

import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.util.Duration;

import java.util.List;
import java.util.function.IntConsumer;

/**
 * The prompt as coloured token chips in reading order: id and piece on hover, byte-fallback tokens
 * dashed, special tokens (BOS) grey, the selected token outlined; a click reports the token index.
 */
public final class TokenStrip extends FlowPane {
    /** Pastel backgrounds that keep dark text readable; neighbours never share one. */
    static final String[] PALETTE = {"#ffd6a5", "#caffbf", "#9bf6ff", "#bdb2ff", "#ffc6ff", "#fdffb6", "#a0c4ff", "#ffadad"};

    private List<TokenChip> chips = List.of();
    private IntConsumer onTokenClicked = i -> {};
    private int selected = -1;
    private String tooltipFormat = "#%d  id %d\n%s";

    public TokenStrip() {
        super(3, 5);
        getStyleClass().add("token-strip");
    }

    public void setTokens(List<TokenChip> tokens) {
        chips = List.copyOf(tokens);
        var nodes = new java.util.ArrayList<Label>(chips.size());
        for (int i = 0; i < chips.size(); i++) nodes.add(chip(i, chips.get(i)));
        getChildren().setAll(nodes);
        setSelected(selected);
    }

    public List<TokenChip> tokens() { return chips; }

    /** The chip labels' texts in order (what the user reads). */
    public List<String> shownTexts() { return chips.stream().map(TokenChip::shown).toList(); }

    /** Outlines token i (−1 for none). */
    public void setSelected(int i) {
        selected = i;
        for (int k = 0; k < getChildren().size(); k++) {
            getChildren().get(k).pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("selected"), k == i);
            ((Label) getChildren().get(k)).setStyle(style(k, chips.get(k), k == i));
        }
    }

    public void setOnTokenClicked(IntConsumer handler) { onTokenClicked = handler; }

    /** printf pattern for the hover text with (index, id, piece). */
    public void setTooltipFormat(String format) { tooltipFormat = format; }

    private Label chip(int i, TokenChip t) {
        Label l = new Label(t.shown().isEmpty() ? "∅" : t.shown());
        l.getStyleClass().add("token-chip");
        l.setStyle(style(i, t, i == selected));
        Tooltip tip = new Tooltip(String.format(tooltipFormat, i, t.id(), t.piece()));
        tip.setShowDelay(Duration.millis(80));
        l.setTooltip(tip);
        l.setOnMouseClicked(e -> onTokenClicked.accept(i));
        return l;
    }

    private static String style(int i, TokenChip t, boolean selected) {
        String bg = switch (t.kind()) {
            case SPECIAL -> "#d9d9d9";
            case BYTE -> "#fff3e0";
            case NORMAL -> PALETTE[i % PALETTE.length];
        };
        String border = selected ? "-fx-border-color: #e85d04; -fx-border-width: 2;"
                : t.kind() == TokenChip.Kind.BYTE ? "-fx-border-color: #b36b00; -fx-border-style: dashed; -fx-border-width: 1;"
                : "-fx-border-color: rgba(0,0,0,0.18); -fx-border-width: 1;";
        String font = t.kind() == TokenChip.Kind.SPECIAL ? "-fx-text-fill: #555555;" : "-fx-text-fill: #1a1a1a;";
        return "-fx-background-color: " + bg + "; -fx-background-radius: 4; -fx-border-radius: 4; -fx-padding: 2 5 2 5; "
                + "-fx-font-size: 14px; " + border + font;
    }
}
