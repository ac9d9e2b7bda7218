package glassbox.views;

import javafx.geometry.Bounds;
import javafx.geometry.BoundingBox;
import javafx.geometry.Orientation;
import javafx.geometry.VPos;
import javafx.scene.AccessibleRole;
import javafx.scene.Cursor;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * The prompt as coloured token chips in reading order, wrapped like text: id and piece on hover, byte-fallback tokens
 * dashed, special tokens (BOS) grey, the selected token outlined, a marked one (the piece a merge just made) filled
 * amber; a click reports the token index.
 * Chips are painted on one canvas, and only the rows its scroll pane shows: as 256 labels, a keystroke at the context
 * limit (every chip's text changes as the window slides) cost 11 ms of layout and 22 ms of rendering.
 */
public final class TokenStrip extends Region {
    /** Pastel backgrounds that keep dark text readable; neighbours never share one. */
    static final String[] PALETTE = {"#ffd6a5", "#caffbf", "#9bf6ff", "#bdb2ff", "#ffc6ff", "#fdffb6", "#a0c4ff", "#ffadad"};
    private static final String STYLESHEET = Objects.requireNonNull(TokenStrip.class.getResource("tokens.css")).toExternalForm();
    static final Color EDGE = Color.rgb(0, 0, 0, 0.18), SELECTED = Color.web("#e85d04"), TEXT = Color.web("#1a1a1a"),
            SPECIAL = Color.web("#d9d9d9"), SPECIAL_TEXT = Color.web("#555555"), BYTE = Color.web("#fff3e0"),
            BYTE_EDGE = Color.web("#b36b00"), CHUNK = Color.web("#e0ecff"), MARKED = Color.web("#ffb703");
    private static final Color[] CHIP = Arrays.stream(PALETTE).map(Color::web).toArray(Color[]::new);
    private static final double HGAP = 3, VGAP = 5, PAD_X = 5, PAD_Y = 2, DASH = 3;

    private final Canvas canvas = new Canvas();
    private final Text fontProbe = new Text("Ag");   // takes the chip font from CSS (the window's family: CJK in Chinese)
    private final ScrollBand band;
    private Tooltip tip;   // made on the first hover: a Tooltip needs the toolkit running, a strip does not
    private Font font;
    private double chipHeight, baseline;
    private List<TokenChip> chips = List.of();
    private String[] texts = new String[0];
    private double[] xs = new double[0], ys = new double[0], ws = new double[0];
    private double placedFor = -1, placedHeight;
    private IntConsumer onTokenClicked;   // null: chips are not clickable (no hand cursor)
    private int selected = -1, marked = -1, hovered = -1;
    private String tooltipFormat = "#%d  id %d\n%s";

    public TokenStrip() {
        getStyleClass().add("token-strip");
        getStylesheets().add(STYLESHEET);
        fontProbe.getStyleClass().add("token-chip-font");
        fontProbe.setVisible(false);
        fontProbe.setManaged(false);
        getChildren().addAll(fontProbe, canvas);
        band = new ScrollBand(this, 2 * 24);
        setAccessibleRole(AccessibleRole.TEXT);
        setOnMouseMoved(e -> hover(chipAt(e.getX(), e.getY())));
        setOnMouseExited(e -> hover(-1));
        setOnMouseClicked(e -> {
            int i = chipAt(e.getX(), e.getY());
            if (i >= 0 && onTokenClicked != null) onTokenClicked.accept(i);
        });
    }

    public void setTokens(List<TokenChip> tokens) {
        chips = List.copyOf(tokens);
        texts = chips.stream().map(t -> t.shown().isEmpty() ? "∅" : t.shown()).toArray(String[]::new);
        placedFor = -1;
        hover(-1);
        setAccessibleText(String.join(" ", texts));
        requestLayout();
    }

    public List<TokenChip> tokens() { return chips; }

    /** The chip labels' texts in order (what the user reads). */
    public List<String> shownTexts() { return chips.stream().map(TokenChip::shown).toList(); }

    /** Outlines token i (−1 for none). */
    public void setSelected(int i) {
        if (i == selected) return;
        selected = i;
        draw();
    }

    public int selected() { return selected; }

    /** Fills chip i amber inside the selection outline (−1 for none): the piece the step-through's merge just made. */
    public void setMarked(int i) {
        if (i == marked) return;
        marked = i;
        draw();
    }

    public int marked() { return marked; }

    public void setOnTokenClicked(IntConsumer handler) { onTokenClicked = handler; }

    /** printf pattern for the hover text with (index, id, piece); null for none. */
    public void setTooltipFormat(String format) { tooltipFormat = format; }

    /** The hover text of chip i. */
    public String tooltipText(int i) {
        TokenChip t = chips.get(i);
        return String.format(tooltipFormat, i, t.id(), t.piece());
    }

    /** Where chip i is drawn, in this strip's coordinates (as laid out for its current width). */
    public Bounds chipBounds(int i) {
        place(snapSizeX(getWidth()));
        return new BoundingBox(xs[i], ys[i], ws[i], chipHeight);
    }

    /** The chip under a point of this strip, or −1. */
    public int chipAt(double x, double y) {
        place(snapSizeX(getWidth()));
        int row = (int) Math.floor(y / (chipHeight + VGAP));
        if (y < 0 || y - row * (chipHeight + VGAP) > chipHeight) return -1;
        for (int i = firstAtOrBelow(row * (chipHeight + VGAP)); i < xs.length && ys[i] <= y; i++) {
            if (x >= xs[i] && x < xs[i] + ws[i]) return i;
        }
        return -1;
    }

    @Override public Orientation getContentBias() { return Orientation.HORIZONTAL; }

    @Override protected double computeMinWidth(double h) { return 4 * PAD_X + snappedLeftInset() + snappedRightInset(); }

    /** Like a flow pane: a preferred wrapping width, the parent decides. */
    @Override protected double computePrefWidth(double h) { return 400; }

    @Override protected double computePrefHeight(double w) {
        place(w < 0 ? computePrefWidth(-1) : w);
        return placedHeight;
    }

    @Override protected double computeMinHeight(double w) { return computePrefHeight(w); }

    @Override protected void layoutChildren() {
        double w = snapSizeX(getWidth()), h = snapSizeY(getHeight());
        place(w);
        double[] rows = band.visible(h);
        canvas.setLayoutY(rows[0]);
        canvas.setWidth(w);
        canvas.setHeight(rows[1] - rows[0]);
        draw();
    }

    /** Lays the chips out in rows for a width: each as wide as its text plus padding, wrapped like words. */
    private void place(double width) {
        fontNow();
        if (width == placedFor && xs.length == texts.length) return;
        int n = texts.length;
        xs = new double[n];
        ys = new double[n];
        ws = new double[n];
        double x = 0, y = 0, max = Math.max(width, 2 * PAD_X);
        for (int i = 0; i < n; i++) {
            double w = Math.min(Math.ceil(TextWidths.of(font, texts[i])) + 2 * PAD_X, max);
            if (x > 0 && x + w > max) { x = 0; y += chipHeight + VGAP; }
            xs[i] = x;
            ys[i] = y;
            ws[i] = w;
            x += w + HGAP;
        }
        placedFor = width;
        placedHeight = n == 0 ? 0 : y + chipHeight;
    }

    /** The chip font as CSS resolved it; a new one (the language switched) lays the chips out again. */
    private void fontNow() {
        Font f = fontProbe.getFont();
        if (f.equals(font)) return;
        font = f;
        chipHeight = Math.ceil(fontProbe.getLayoutBounds().getHeight()) + 2 * PAD_Y;   // "Ag" in that font
        baseline = fontProbe.getBaselineOffset();
        placedFor = -1;
    }

    /** The first chip on or after a row's top (chips are in reading order, so ys never decreases). */
    private int firstAtOrBelow(double top) {
        int i = Arrays.binarySearch(ys, top);
        if (i < 0) return -i - 1;
        while (i > 0 && ys[i - 1] == top) i--;
        return i;
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth(), h = canvas.getHeight(), top = canvas.getLayoutY();
        g.clearRect(0, 0, w, h);
        if (xs.length != texts.length || font == null) return;
        g.setFont(font);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.BASELINE);
        for (int i = firstAtOrBelow(Math.max(0, top - chipHeight - VGAP)); i < texts.length && ys[i] < top + h; i++) {
            chip(g, i, xs[i], ys[i] - top, ws[i]);
        }
    }

    private void chip(GraphicsContext g, int i, double x, double y, double w) {
        TokenChip.Kind kind = chips.get(i).kind();
        Color fill = switch (kind) {
            case SPECIAL -> SPECIAL;
            case BYTE -> BYTE;
            case CHUNK -> CHUNK;
            case NORMAL -> CHIP[i % CHIP.length];
        };
        double hgt = chipHeight;
        if (i == selected || i == marked) {
            g.setFill(SELECTED);
            g.fillRect(x, y, w, hgt);
            g.setFill(i == marked ? MARKED : fill);
            g.fillRect(x + 2, y + 2, w - 4, hgt - 4);
        } else if (kind == TokenChip.Kind.BYTE) {
            g.setFill(fill);
            g.fillRect(x, y, w, hgt);
            dashedEdge(g, x, y, w, hgt);
        } else {
            g.setFill(EDGE);   // the edge: a square fill under the chip's colour, which the renderer fills directly
            g.fillRect(x, y, w, hgt);
            g.setFill(fill);
            g.fillRect(x + 1, y + 1, w - 2, hgt - 2);
        }
        g.setFill(kind == TokenChip.Kind.SPECIAL ? SPECIAL_TEXT : TEXT);
        g.fillText(texts[i], x + PAD_X, y + PAD_Y + baseline, w - 2 * PAD_X);
    }

    /** A 1 px dashed outline from small rectangles (a dashed stroke is traced as a shape). */
    private static void dashedEdge(GraphicsContext g, double x, double y, double w, double h) {
        g.setFill(BYTE_EDGE);
        for (double d = 0; d < w; d += 2 * DASH) {
            double len = Math.min(DASH, w - d);
            g.fillRect(x + d, y, len, 1);
            g.fillRect(x + d, y + h - 1, len, 1);
        }
        for (double d = 0; d < h; d += 2 * DASH) {
            double len = Math.min(DASH, h - d);
            g.fillRect(x, y + d, 1, len);
            g.fillRect(x + w - 1, y + d, 1, len);
        }
    }

    private void hover(int i) {
        if (i == hovered) return;
        hovered = i;
        setCursor(i >= 0 && onTokenClicked != null ? Cursor.HAND : null);
        if (i < 0 || tooltipFormat == null) { if (tip != null) Tooltip.uninstall(this, tip); return; }
        if (tip == null) { tip = new Tooltip(); tip.setShowDelay(Duration.millis(80)); }
        tip.setText(tooltipText(i));
        Tooltip.install(this, tip);
    }
}
