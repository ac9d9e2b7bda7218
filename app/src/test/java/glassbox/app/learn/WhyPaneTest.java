package glassbox.app.learn;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

class WhyPaneTest extends ApplicationTest {
    WhyPane pane;
    final List<String> opened = new ArrayList<>();

    @Override public void start(Stage stage) {
        pane = new WhyPane(() -> null, Locale.ENGLISH);
        pane.setOnOpenView(opened::add);
        stage.setScene(new Scene(pane, 1200, 760));
        stage.show();
    }

    @Test
    void everyCardComputesInTheBackgroundAndLinks() throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> pane.finishedCards() == pane.cardCount());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(10, pane.cardCount());
        assertTrue(pane.linkedViews().containsAll(List.of("attention", "mask", "positions", "kvcache", "tokenization")));
        String unigram = texts(lookup("#why-result-tokenization").query());
        assertTrue(unigram.contains("4/9"), unigram);
        String decoder = texts(lookup("#why-result-decoder").query());
        assertTrue(decoder.contains("causal rank 16"), decoder);
        interact(() -> lookup("#why-card-decoder .hyperlink").queryAs(Hyperlink.class).fire());
        assertEquals(List.of("mask"), opened);
    }

    @Test
    void noCardTextIsCutShort() throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> pane.finishedCards() == pane.cardCount());
        WaitForAsyncUtils.waitForFxEvents();
        var cut = new ArrayList<String>();
        for (Node n : lookup("#why-cards .label").queryAll()) {
            var l = (Label) n;
            // the skin draws the label's text in a Text node; a line that did not fit ends in an ellipsis there
            var shown = l.lookup(".text");
            if (shown instanceof javafx.scene.text.Text t && !t.getText().equals(l.getText())) cut.add(l.getText());
        }
        assertTrue(cut.isEmpty(), "cut with an ellipsis: " + cut);
        var a = lookup("#why-card-scaling").query().getBoundsInParent();
        var b = lookup("#why-card-tied").query().getBoundsInParent();
        assertFalse(a.intersects(b), "cards overlap: " + a + " / " + b);
    }

    private static String texts(Node n) {
        var sb = new StringBuilder();
        if (n instanceof Label l) sb.append(l.getText()).append('\n');
        if (n instanceof Pane p) for (var c : p.getChildren()) sb.append(texts(c));
        return sb.toString();
    }
}
