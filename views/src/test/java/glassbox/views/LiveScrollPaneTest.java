package glassbox.views;

import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import static org.junit.jupiter.api.Assertions.*;

@ExtendWith(ApplicationExtension.class)
class LiveScrollPaneTest {
    private final ScrollPane plain = new ScrollPane(new Canvas(600, 600));
    private final LiveScrollPane live = new LiveScrollPane(new Canvas(600, 600));
    private final TextArea plainText = new TextArea("a prompt"), liveText = new TextArea("a prompt");

    @Start void start(Stage stage) {
        LiveScrollPane.uncacheInner(liveText);   // before its skin exists, as the window does it
        stage.setScene(new Scene(new HBox(plain, live, plainText, liveText), 800, 200));
        stage.show();
    }

    private static <T> T fx(java.util.concurrent.Callable<T> work) {
        return WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(work));
    }

    @Test void theViewportIsNotCachedAsAnImage() {
        assertTrue(fx(() -> plain.lookup(".viewport").isCache()), "JavaFX's own skin caches its viewport (what this class undoes)");
        assertNotNull(fx(live::viewport));
        assertSame(fx(() -> live.lookup(".viewport")), fx(live::viewport));
        assertFalse(fx(() -> live.viewport().isCache()), "a live view's viewport renders straight to the screen");
    }

    @Test void aTextAreasInnerViewportIsNotCachedEither() {
        assertTrue(fx(() -> plainText.lookup(".viewport").isCache()), "a TextArea's scroll pane caches its viewport by default");
        assertNotNull(fx(() -> liveText.lookup(".viewport")));
        assertFalse(fx(() -> liveText.lookup(".viewport").isCache()), "the prompt editor's text renders straight to the screen");
    }

    @Test void itStillScrollsItsContent() {
        fx(() -> { live.setVvalue(1); live.layout(); return null; });
        double y = fx(() -> live.getContent().localToScene(0, 0).getY());
        assertTrue(y < -300, "content scrolled up by most of its overflow, at " + y);
    }
}
