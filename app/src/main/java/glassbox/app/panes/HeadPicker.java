package glassbox.app.panes;

import glassbox.app.AppText;
import glassbox.app.Selection;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;

import java.util.stream.IntStream;

/** Layer and head choosers bound both ways to the shared selection. */
final class HeadPicker extends HBox {
    final ComboBox<Integer> layer = new ComboBox<>(), head = new ComboBox<>();
    private final Selection sel;

    HeadPicker(Selection sel, AppText text) {
        super(6);
        this.sel = sel;
        setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(new Label(text.get("picker.layer")), layer, new Label(text.get("picker.head")), head);
        layer.valueProperty().addListener((o, a, b) -> { if (b != null && b != sel.layer().get()) sel.layer().set(b); });
        head.valueProperty().addListener((o, a, b) -> { if (b != null && b != sel.head().get()) sel.head().set(b); });
    }

    /** Fills the choices for a model shape and shows the current selection. */
    void sync(int layers, int heads) {
        if (layer.getItems().size() != layers) layer.getItems().setAll(IntStream.range(0, layers).boxed().toList());
        if (head.getItems().size() != heads) head.getItems().setAll(IntStream.range(0, heads).boxed().toList());
        layer.setValue(sel.layerIn(layers));
        head.setValue(sel.headIn(heads));
    }
}
