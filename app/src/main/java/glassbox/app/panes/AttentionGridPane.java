package glassbox.app.panes;

import glassbox.views.LiveScrollPane;
import glassbox.app.Snapshot;
import glassbox.app.ViewContext;
import glassbox.model.trace.HeadPatterns;
import glassbox.model.trace.HeadTrace;
import glassbox.model.trace.Matrix;
import glassbox.views.AttentionGrid;
import glassbox.views.ColorLegend;
import glassbox.views.ColorScale;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;

/** Every layer × head of the model as a small attention map; a click opens that head large. */
public final class AttentionGridPane extends PaneBase {
    private final AttentionGrid grid = new AttentionGrid();
    private final ColorLegend legend = new ColorLegend();
    private final ScrollPane scroll;
    /** Heads this prompt shows to be previous-token heads, measured live from the trace. */
    private final FlowPane found = new FlowPane(8, 4);
    private final Label foundCaption = new Label();
    private final List<Hyperlink> links = new ArrayList<>();
    private List<HeadPatterns.Scored> foundShown = List.of();
    private List<String> foundTexts;

    public AttentionGridPane(ViewContext ctx) {
        super(ctx);
        grid.setPrefixes(t("grid.layerPrefix"), t("grid.headPrefix"));
        grid.setOnHeadClicked((l, h) -> {
            sel.select(l, h);
            ctx.openView().accept("head");
        });
        legend.setTextColor(ctx.ink());
        legend.setScale(ColorScale.weights(), t("legend.weight"));
        VBox body = column(10);
        body.getChildren().addAll(heading(t("grid.heading")), note(t("grid.note")), found, legend, grid);
        scroll = new LiveScrollPane(body);
        // the thumbnails grow to use the window (a 4×4 model should not sit in a corner) and shrink for 12×12
        scroll.viewportBoundsProperty().addListener((o, a, b) -> {
            if (Math.abs(a.getWidth() - b.getWidth()) > 8 || Math.abs(a.getHeight() - b.getHeight()) > 8) refresh();
        });
        subscriptions.on(sel.layer(), (o, a, b) -> grid.setSelected(sel.layer().get(), sel.head().get()));
        subscriptions.on(sel.head(), (o, a, b) -> grid.setSelected(sel.layer().get(), sel.head().get()));
    }

    @Override public String id() { return "attention"; }

    @Override public String titleKey() { return "view.attention"; }

    @Override public Node node() { return scroll; }

    public AttentionGrid grid() { return grid; }

    /** The shown previous-token head links, in order ("L1 H2 (0.93)"). */
    public List<Hyperlink> previousTokenLinks() {
        return found.getChildren().stream().filter(n -> n instanceof Hyperlink)
                .map(n -> (Hyperlink) n).toList();
    }

    /** Side of one heatmap: fit the heads across the viewport, and the layers down it unless that gets too small. */
    private double thumbSize(int layers, int heads) {
        var v = scroll.getViewportBounds();
        double width = v.getWidth() > 100 ? v.getWidth() : 1000, height = v.getHeight() > 100 ? v.getHeight() : 600;
        double across = (width - 70) / Math.max(1, heads) - 12, down = (height - 170) / Math.max(1, layers) - 24;
        return Math.max(36, Math.min(220, Math.min(across, Math.max(down, 60))));
    }

    @Override protected void render(Snapshot s) {
        if (!s.ok()) return;
        var c = s.trace().config();
        grid.setThumbSize(thumbSize(c.layers(), c.heads()));
        List<List<Matrix>> w = s.trace().layers().stream().map(l -> l.heads().stream().map(HeadTrace::weights).toList()).toList();
        grid.setWeights(w, ColorScale.weights());
        grid.setSelected(sel.layerIn(c.layers()), sel.headIn(c.heads()));
        showFound(HeadPatterns.previousTokenHeads(s.trace()));
    }

    /** The links change only when the heads or their shown scores do: new controls on every keystroke cost a CSS pass. */
    private void showFound(List<HeadPatterns.Scored> heads) {
        List<String> texts = heads.stream().map(h -> String.format("L%d H%d (%.2f)", h.layer(), h.head(), h.score())).toList();
        foundShown = heads;
        if (texts.equals(foundTexts)) return;
        foundTexts = texts;
        foundCaption.setText(heads.isEmpty() ? t("grid.prevNone") : t("grid.prevFound"));
        while (links.size() < heads.size()) {
            var link = new Hyperlink();
            int i = links.size();
            link.setOnAction(e -> {
                var h = foundShown.get(i);
                sel.select(h.layer(), h.head());
                ctx.openView().accept("head");
            });
            links.add(link);
        }
        for (int i = 0; i < heads.size(); i++) links.get(i).setText(texts.get(i));
        var shown = new ArrayList<Node>(List.of(foundCaption));
        shown.addAll(links.subList(0, heads.size()));
        if (!found.getChildren().equals(shown)) found.getChildren().setAll(shown);   // a head joined or left
    }
}
