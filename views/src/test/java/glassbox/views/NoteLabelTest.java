package glassbox.views;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import static glassbox.views.MergeStepperTest.fx;
import static org.junit.jupiter.api.Assertions.*;

/** The cached height of a wrapped note is what a plain wrapped label measures, after every change that re-wraps it. */
@ExtendWith(ApplicationExtension.class)
class NoteLabelTest {
    private static final String TEXT = "The softmax of each row of the masked scores sums to one; the mask puts minus infinity above the diagonal.";
    private NoteLabel note;
    private Label plain;

    @Start void start(Stage stage) {
        note = new NoteLabel(TEXT);
        plain = new Label(TEXT);
        plain.setWrapText(true);
        stage.setScene(new Scene(new VBox(note, plain), 600, 300));
        stage.show();
    }

    private void sameAtWidths() {
        for (double w : new double[]{90, 160, 333, 900}) {
            double expected = fx(() -> plain.prefHeight(w)), got = fx(() -> note.prefHeight(w));
            assertEquals(expected, got, 1e-9, "at width " + w);
        }
    }

    @Test void measuresAsALabelDoesThroughTextFontAndPaddingChanges() {
        sameAtWidths();
        assertTrue(fx(() -> note.prefHeight(90)) > 2 * fx(() -> note.prefHeight(900)), "narrow wraps to more lines");
        fx(() -> { note.setText(TEXT + " " + TEXT); plain.setText(TEXT + " " + TEXT); return null; });
        sameAtWidths();
        fx(() -> { note.setFont(Font.font(22)); plain.setFont(Font.font(22)); return null; });
        sameAtWidths();
        fx(() -> { note.setStyle("-fx-padding: 9 4 9 4;"); plain.setStyle("-fx-padding: 9 4 9 4;"); note.applyCss(); plain.applyCss(); return null; });
        sameAtWidths();
    }
}
