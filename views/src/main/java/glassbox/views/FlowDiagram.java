package glassbox.views;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;
import javafx.scene.paint.Color;

import java.util.ArrayList;
import java.util.List;

/**
 * Stages of a computation laid out left to right in rows, joined by arrows that carry the operation
 * ("×W_Q", "÷√d_k"); one stage can be highlighted so a step button can walk through them.
 */
public final class FlowDiagram extends VBox {

    /** One step: the operation on the arrow leading into it, and the blocks it produces. */
    public record Stage(String operation, List<Node> blocks) {
        public Stage { blocks = List.copyOf(blocks); }
        public Stage(String operation, Node... blocks) { this(operation, List.of(blocks)); }
    }

    private final List<VBox> stageBoxes = new ArrayList<>();
    private final List<Node> arrows = new ArrayList<>();
    private int active = -1;

    public FlowDiagram() {
        setSpacing(14);
        setPadding(new Insets(8));
    }

    /** Replaces the picture; a new row starts after every {@code perRow} stages. */
    public void setStages(List<Stage> stages, int perRow) {
        getChildren().clear();
        stageBoxes.clear();
        arrows.clear();
        HBox row = null;
        for (int i = 0; i < stages.size(); i++) {
            if (i % perRow == 0) {
                row = new HBox(4);
                row.setAlignment(Pos.CENTER_LEFT);
                getChildren().add(row);
            }
            Stage s = stages.get(i);
            if (i > 0) {
                Node arrow = arrow(s.operation(), i % perRow == 0);
                arrows.add(arrow);
                row.getChildren().add(arrow);
            } else {
                arrows.add(new Region());
            }
            VBox box = new VBox(6);
            box.setAlignment(Pos.CENTER);
            box.setPadding(new Insets(4));
            box.getStyleClass().add("flow-stage");
            box.getChildren().addAll(s.blocks());
            stageBoxes.add(box);
            row.getChildren().add(box);
        }
        setActiveStage(Math.min(active, stages.size() - 1));
    }

    public int stageCount() { return stageBoxes.size(); }

    public int activeStage() { return active; }

    /** Highlights stage k and dims the ones after it; -1 shows every stage plainly. */
    public void setActiveStage(int k) {
        active = k;
        for (int i = 0; i < stageBoxes.size(); i++) {
            double opacity = k < 0 || i <= k ? 1 : 0.18;
            stageBoxes.get(i).setOpacity(opacity);
            arrows.get(i).setOpacity(opacity);
            stageBoxes.get(i).setStyle(i == k
                    ? "-fx-border-color: #e0a030; -fx-border-width: 2.5; -fx-border-radius: 6; -fx-background-color: rgba(224,160,48,0.10); -fx-background-radius: 6;"
                    : "-fx-border-color: transparent; -fx-border-width: 2.5;");
        }
    }

    /** The box that holds stage i's blocks. */
    public VBox stageBox(int i) { return stageBoxes.get(i); }

    private static Node arrow(String operation, boolean continuesRow) {
        Label op = new Label((continuesRow ? "↪ " : "") + operation);
        op.getStyleClass().add("flow-operation");
        op.setStyle("-fx-font-size: 12px; -fx-font-weight: bold;");
        op.setWrapText(true);
        op.setMaxWidth(110);
        Line shaft = new Line(0, 0, 44, 0);
        shaft.setStrokeWidth(2);
        shaft.setStroke(Color.GRAY);
        Polygon head = new Polygon(0, -5, 9, 0, 0, 5);
        head.setFill(Color.GRAY);
        HBox line = new HBox(shaft, head);
        line.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(2, op, line);
        box.setAlignment(Pos.CENTER);
        box.setMinWidth(Region.USE_PREF_SIZE);
        HBox.setHgrow(box, Priority.NEVER);
        return box;
    }
}
