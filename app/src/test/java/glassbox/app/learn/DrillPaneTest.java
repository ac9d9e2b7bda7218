package glassbox.app.learn;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Locale;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

class DrillPaneTest extends ApplicationTest {
    DrillPane pane;

    @Override public void start(Stage stage) {
        pane = new DrillPane(() -> null, Locale.ENGLISH);
        stage.setScene(new Scene(pane, 900, 600));
        stage.show();
    }

    @Test
    void wrongAnswerRevealsDerivationAndMarksTheForgottenWo() {
        // default question: parameter count of GPT-2 small; forgetting W_O gives 124,439,808 − 12·768²
        assertTrue(lookup("#drill-prompt").queryAs(Label.class).getText().contains("gpt2-small"));
        interact(() -> lookup("#drill-answer").queryAs(TextField.class).setText(Long.toString(124_439_808L - 12L * 768 * 768)));
        clickOn("#drill-check");
        WaitForAsyncUtils.waitForFxEvents();
        String verdict = lookup("#drill-verdict").queryAs(Label.class).getText();
        assertTrue(verdict.startsWith("Not quite"), verdict);
        assertTrue(verdict.contains("W_O"), verdict);
        Label marked = lookup("#drill-diverging").queryAs(Label.class);
        assertTrue(marked.getText().contains("W_O per layer"), marked.getText());
    }

    @Test
    void rightAnswerSaysSo() {
        interact(() -> lookup("#drill-answer").queryAs(TextField.class).setText("124.4M"));
        clickOn("#drill-check");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(lookup("#drill-verdict").queryAs(Label.class).getText().startsWith("Right"));
        assertTrue(lookup("#drill-diverging").tryQuery().isEmpty());
    }
}
