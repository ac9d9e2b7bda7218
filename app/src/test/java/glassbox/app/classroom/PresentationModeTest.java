package glassbox.app.classroom;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class PresentationModeTest extends ApplicationTest {
    Stage owner;
    StackPane content;
    Label tokensView, attentionView;
    final List<String> asked = new ArrayList<>();
    PresentationMode mode;

    @Override public void start(Stage stage) {
        owner = stage;
        tokensView = new Label("tokens view");
        attentionView = new Label("attention view");
        content = new StackPane(tokensView);   // the window's content slot holds the tokens view
        stage.setScene(new Scene(content, 800, 600));
        stage.show();
    }

    PresentationMode open(Locale locale) {
        Map<String, Node> views = Map.of("tokens", tokensView, "attention", attentionView);
        var m = new PresentationMode(owner, id -> { asked.add(id); return views.get(id); }, locale);
        m.setFullScreen(false);
        interact(() -> m.start());
        return m;
    }

    @AfterEach void close() { if (mode != null) interact(() -> mode.stop()); }

    @Test void arrowKeysWalkTheStagesAndEscLeaves() {
        mode = open(Locale.ENGLISH);
        assertEquals("1 / 12", mode.counterText());
        assertTrue(mode.titleText().contains("tokens"), mode.titleText());
        assertSame(mode.window().getScene().getRoot(), tokensView.getScene().getRoot(), "the tokens view is lent to the presentation");
        press(KeyCode.RIGHT).release(KeyCode.RIGHT);
        assertEquals(2, mode.step());
        assertEquals("2 / 12", mode.counterText());
        assertSame(content, tokensView.getParent(), "the tokens view went back to the window when the slide changed");
        press(KeyCode.RIGHT).release(KeyCode.RIGHT);
        assertEquals("3 / 12", mode.counterText());
        assertEquals(ForwardStage.QKV, mode.stage());
        press(KeyCode.LEFT).release(KeyCode.LEFT);
        assertEquals("2 / 12", mode.counterText());
        assertEquals(List.of("tokens", "embeddings", "qkv", "embeddings"), asked);
        // "embeddings" is unknown to this window: the explanation alone, no empty frame
        assertTrue(lookup(".presentation-view").query().getStyleClass().contains("text-only"));
        assertSame(lookup(".presentation-view").query(), lookup("#presentation-text").query().getParent());
        assertTrue(lookup("#presentation-text").queryAs(Label.class).getText().contains("embedding matrix"));
        press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(mode.isRunning());
        assertEquals(0, mode.step());
        assertSame(content, tokensView.getParent());
    }

    @Test void pageKeysSpaceAndBoundsAndTheLentViewComesBackOnStop() {
        mode = open(Locale.ENGLISH);
        press(KeyCode.PAGE_UP).release(KeyCode.PAGE_UP);
        assertEquals(1, mode.step(), "no step before the first");
        press(KeyCode.SPACE).release(KeyCode.SPACE);
        press(KeyCode.PAGE_DOWN).release(KeyCode.PAGE_DOWN);
        press(KeyCode.PAGE_DOWN).release(KeyCode.PAGE_DOWN);
        assertEquals(ForwardStage.SCORES, mode.stage());
        assertSame(attentionView.getScene(), mode.window().getScene(), "step 4 shows the attention view");
        press(KeyCode.END).release(KeyCode.END);
        assertEquals("12 / 12", mode.counterText());
        interact(() -> mode.next());
        assertEquals(12, mode.step(), "no step after the last");
        interact(() -> mode.start(4));
        assertSame(attentionView.getScene(), mode.window().getScene());
        interact(() -> mode.stop());
        assertNull(attentionView.getParent(), "a view that had no parent is simply released");
        assertSame(content, tokensView.getParent());
    }

    @Test void chineseTextsAndStopCallback() {
        mode = open(Locale.SIMPLIFIED_CHINESE);
        boolean[] stopped = {false};
        mode.setOnStop(() -> stopped[0] = true);
        assertTrue(mode.titleText().contains("词元"), mode.titleText());
        clickOn("#presentation-next");
        assertEquals(2, mode.step());
        clickOn("#presentation-leave");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(stopped[0]);
    }
}
