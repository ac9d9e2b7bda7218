package glassbox.app.learn;

import static org.junit.jupiter.api.Assertions.*;

import glassbox.model.config.ModelConfig;
import java.util.Locale;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

class ArithmeticPaneTest extends ApplicationTest {
    ArithmeticPane pane;

    @Override public void start(Stage stage) {
        pane = new ArithmeticPane(() -> ModelConfig.llama("stories15M", 288, 768, 6, 6, 6, 32000, 256, true), Locale.SIMPLIFIED_CHINESE);
        stage.setScene(new Scene(pane, 1000, 700));
        stage.show();
    }

    private String allText() {
        var sb = new StringBuilder();
        for (var n : lookup("#arith-derivations").queryAs(VBox.class).getChildren()) {
            var tp = (TitledPane) n;
            sb.append(tp.getText()).append('\n');
            for (var l : ((VBox) tp.getContent()).getChildren()) sb.append(((Label) l).getText()).append('\n');
        }
        return sb.toString();
    }

    @Test
    void presetShowsPublishedCountInChinese() {
        assertTrue(allText().contains("124,439,808"), allText());
        assertTrue(allText().contains("总参数量"));
    }

    /** The formulas' words and the FLOPs convention are in Chinese too; the symbols stay as they are. */
    @Test
    void formulaWordsAndConventionInChinese() {
        String all = allText();
        assertTrue(all.contains("注意力 + FFN + 归一化"), "one block = attention + FFN + norms, in Chinese: " + all);
        assertTrue(all.contains("词嵌入 + 位置 + 所有块 + 最终归一化 + 输出头"), all);
        assertTrue(all.contains("d_head = d / h"), "symbols untouched (d_head is not the word head)");
        for (String english : new String[]{"attention + FFN", "final norm", "biases", "per token", "multiply + add"}) {
            assertFalse(all.contains(english), "English formula words left: " + english + " in " + all);
        }
        String convention = lookup("#arith-convention").queryAs(Label.class).getText();
        assertTrue(convention.contains("2mnk") && convention.contains("不计入"), convention);
        assertFalse(convention.contains("A matmul"), convention);
    }

    @SuppressWarnings("unchecked")
    @Test
    void loadedModelAndBadInput() {
        interact(() -> lookup("#arith-source").queryAs(ComboBox.class).getSelectionModel().select(0));
        WaitForAsyncUtils.waitForFxEvents();
        // stories15M: 288·32000 embedding (tied) + 6 layers of (4·288² + 3·288·768 + 2·288) + 288
        long expected = 288L * 32000 + 6L * (4L * 288 * 288 + 3L * 288 * 768 + 2 * 288) + 288;
        assertTrue(allText().contains(String.format(Locale.ROOT, "%,d", expected)), allText());
        interact(() -> lookup("#arith-heads").queryAs(TextField.class).setText("7"));
        clickOn("#arith-compute");
        assertFalse(lookup("#arith-error").queryAs(Label.class).getText().isBlank());
    }
}
