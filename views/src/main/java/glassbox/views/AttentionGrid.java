package glassbox.views;

import glassbox.model.trace.Matrix;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Every layer × head as a small attention heatmap (rows = queries, columns = keys), laid out like a
 * model overview: layers down, heads across. A click reports (layer, head); the selected one is framed.
 */
public final class AttentionGrid extends GridPane {
    private final List<List<Heatmap>> maps = new ArrayList<>();
    private final List<List<StackPane>> frames = new ArrayList<>();
    private BiConsumer<Integer, Integer> onHeadClicked = (l, h) -> {};
    private double thumb = 84;
    private int selLayer = -1, selHead = -1;
    private String layerPrefix = "L", headPrefix = "H";

    public AttentionGrid() {
        setHgap(6);
        setVgap(6);
        setPadding(new Insets(6));
        getStyleClass().add("attention-grid");
    }

    /** The side of one small heatmap in pixels. */
    public void setThumbSize(double px) { thumb = px; }

    public void setPrefixes(String layer, String head) { layerPrefix = layer; headPrefix = head; }

    /** weights.get(layer).get(head) is that head's T×T attention. */
    public void setWeights(List<List<Matrix>> weights, ColorScale scale) {
        int layers = weights.size(), heads = layers == 0 ? 0 : weights.getFirst().size();
        if (layers != maps.size() || (layers > 0 && heads != maps.getFirst().size())) rebuild(layers, heads);
        for (int l = 0; l < layers; l++) {
            for (int h = 0; h < heads; h++) {
                Matrix m = weights.get(l).get(h);
                Heatmap hm = maps.get(l).get(h);
                double cell = thumb / Math.max(1, m.rows());
                hm.setCellSize(cell >= 3 ? Math.floor(cell) : cell); // as the heatmap draws it, so the frame fits the map
                hm.setData(m, scale);
            }
        }
        setSelected(selLayer, selHead);
    }

    public void setSelected(int layer, int head) {
        selLayer = layer;
        selHead = head;
        for (int l = 0; l < frames.size(); l++) {
            for (int h = 0; h < frames.get(l).size(); h++) {
                boolean on = l == layer && h == head;
                frames.get(l).get(h).setStyle(on ? "-fx-border-color: #ff9f1c; -fx-border-width: 3;"
                        : "-fx-border-color: transparent; -fx-border-width: 3;");
            }
        }
    }

    public void setOnHeadClicked(BiConsumer<Integer, Integer> handler) { onHeadClicked = handler; }

    public int layers() { return maps.size(); }

    public int heads() { return maps.isEmpty() ? 0 : maps.getFirst().size(); }

    public Heatmap heatmap(int layer, int head) { return maps.get(layer).get(head); }

    public StackPane frame(int layer, int head) { return frames.get(layer).get(head); }

    private void rebuild(int layers, int heads) {
        getChildren().clear();
        maps.clear();
        frames.clear();
        for (int h = 0; h < heads; h++) {
            Label l = new Label(headPrefix + h);
            l.getStyleClass().add("grid-axis");
            GridPane.setHalignment(l, HPos.CENTER);
            add(l, h + 1, 0);
        }
        for (int l = 0; l < layers; l++) {
            Label ll = new Label(layerPrefix + l);
            ll.getStyleClass().add("grid-axis");
            add(ll, 0, l + 1);
            List<Heatmap> row = new ArrayList<>();
            List<StackPane> frameRow = new ArrayList<>();
            for (int h = 0; h < heads; h++) {
                Heatmap hm = new Heatmap();
                hm.setShowLabels(false);
                hm.setShowValues(false);
                final int layer = l, head = h;
                hm.setOnCellClicked((r, c) -> onHeadClicked.accept(layer, head));
                hm.setHoverText((r, c, v) -> layerPrefix + layer + " " + headPrefix + head + "  [" + r + "→" + c + "] = " + Heatmap.format(v));
                hm.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE); // the frame hugs the map, not the grid cell
                StackPane frame = new StackPane(hm);
                frame.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
                frame.setOnMouseClicked(e -> onHeadClicked.accept(layer, head));
                Tooltip.install(frame, new Tooltip(layerPrefix + layer + " " + headPrefix + head));
                add(frame, h + 1, l + 1);
                row.add(hm);
                frameRow.add(frame);
            }
            maps.add(row);
            frames.add(frameRow);
        }
    }
}
