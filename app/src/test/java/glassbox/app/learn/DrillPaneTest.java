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

    /** The model's shape in the question: in English as the engine describes it, in Chinese without English words. */
    @Test
    void questionDescribesTheModelInThePanesLanguage() {
        var q = pane.question();
        assertTrue(lookup("#drill-prompt").queryAs(Label.class).getText()
                .contains(glassbox.model.arithmetic.DrillQuestion.describe(q.spec())), "English: the engine's own summary");
        String zh = org.testfx.util.WaitForAsyncUtils.waitForAsyncFx(5000, () -> {
            var chinese = new DrillPane(() -> null, Locale.SIMPLIFIED_CHINESE);
            return ((Label) chinese.lookup("#drill-prompt")).getText();
        });
        assertTrue(zh.contains("12 个头，12 个 KV 头，12 层，V=50,257"), zh);
        for (String english : new String[]{"heads", "layers", "tied"}) assertFalse(zh.contains(english), english + " in " + zh);
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
