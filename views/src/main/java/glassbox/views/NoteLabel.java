package glassbox.views;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.text.Font;

/**
 * A wrapping label that lays its text out once per width: JavaFX measures a wrapped label's height anew in every
 * layout pass its parent makes, and a pane of explanatory notes was re-measured on every keystroke because one
 * number beside them changed (12% of the JavaFX thread's time on the causal-mask view).
 */
public final class NoteLabel extends Label {
    private double width = Double.NaN, height;
    private String text;
    private Font font;
    private Insets insets;
    private double lineSpacing;

    public NoteLabel(String text) {
        super(text);
        setWrapText(true);
    }

    @Override protected double computePrefHeight(double w) {
        if (getGraphic() != null || !isWrapText()) return super.computePrefHeight(w);
        String t = getText();
        Font f = getFont();
        Insets in = getInsets();
        double ls = getLineSpacing();
        if (w == width && java.util.Objects.equals(t, text) && f == font && in.equals(insets) && ls == lineSpacing) return height;
        height = super.computePrefHeight(w);
        width = w;
        text = t;
        font = f;
        insets = in;
        lineSpacing = ls;
        return height;
    }
}
