package glassbox.views;

import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

@ExtendWith(ApplicationExtension.class)
class TokenStripTest {
    private final TokenStrip strip = new TokenStrip();

    @Start void start(Stage stage) {
        stage.setScene(new Scene(new StackPane(strip), 400, 200));
        stage.show();
    }

    private static <T> T fx(java.util.concurrent.Callable<T> work) {
        return WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(work));
    }

    private static TokenChip chip(int id, String s, TokenChip.Kind k) { return new TokenChip(id, s, s, k); }

    private Label label(int i) { return (Label) strip.getChildren().get(i); }

    /** The chip's own colour: its innermost fill (the outer fill, when there is one, draws the edge). */
    private static Color background(Label l) {
        l.applyCss();
        return (Color) l.getBackground().getFills().getLast().getFill();
    }

    /** The edge: the outer fill and how far the chip's colour is inset from it. */
    private static Object[] edge(Label l) {
        l.applyCss();
        var fills = l.getBackground().getFills();
        return new Object[]{fills.getFirst().getFill(), fills.getLast().getInsets().getTop()};
    }

    @Test void chipsShowTheTokensAndAreReusedForTheNextPrompt() {
        fx(() -> { strip.setTokens(List.of(chip(1, "<s>", TokenChip.Kind.SPECIAL), chip(306, "The", TokenChip.Kind.NORMAL),
                chip(13, "<0x0A>", TokenChip.Kind.BYTE))); return null; });
        Label first = label(1);
        assertEquals(List.of("<s>", "The", "<0x0A>"), fx(() -> strip.getChildren().stream().map(n -> ((Label) n).getText()).toList()));
        assertEquals(Color.web("#d9d9d9"), fx(() -> background(label(0))), "special tokens are grey");
        assertEquals(Color.web("#fff3e0"), fx(() -> background(label(2))), "byte-fallback tokens have their own colour");
        assertEquals(Color.web(TokenStrip.PALETTE[1]), fx(() -> background(label(1))));
        assertTrue(fx(() -> label(1).getTooltip().getText()).contains("id 306"));

        fx(() -> { strip.setTokens(List.of(chip(1, "<s>", TokenChip.Kind.SPECIAL), chip(450, "A", TokenChip.Kind.NORMAL))); return null; });
        assertEquals(2, fx(() -> strip.getChildren().size()));
        assertSame(first, label(1), "a keystroke updates the chip instead of building a new node");
        assertEquals("A", fx(() -> label(1).getText()));
        assertTrue(fx(() -> label(1).getTooltip().getText()).contains("id 450"));
    }

    @Test void onlyTheSelectedChipIsOutlined() {
        fx(() -> { strip.setTokens(List.of(chip(5, "a", TokenChip.Kind.NORMAL), chip(6, "b", TokenChip.Kind.NORMAL))); strip.setSelected(1); return null; });
        PseudoClass selected = PseudoClass.getPseudoClass("selected");
        List<Node> kids = strip.getChildren();
        assertFalse(kids.get(0).getPseudoClassStates().contains(selected));
        assertTrue(kids.get(1).getPseudoClassStates().contains(selected));
        assertArrayEquals(new Object[]{Color.web("#e85d04"), 2.0}, fx(() -> edge(label(1))), "an orange edge 2 px wide");
        Object[] plain = fx(() -> edge(label(0)));
        assertNotEquals(Color.web("#e85d04"), plain[0]);
        assertEquals(1.0, plain[1], "the others keep a 1 px edge");
    }

    /** Typing one more token adds one chip and takes none out (a chip taken out and put back has its CSS matched again). */
    @Test void aLongerPromptOnlyAddsChipsAtTheEnd() {
        fx(() -> { strip.setTokens(List.of(chip(5, "a", TokenChip.Kind.NORMAL), chip(6, "b", TokenChip.Kind.NORMAL))); return null; });
        int[] added = {0}, removed = {0};
        fx(() -> {
            strip.getChildren().addListener((javafx.collections.ListChangeListener<Node>) c -> {
                while (c.next()) { added[0] += c.getAddedSize(); removed[0] += c.getRemovedSize(); }
            });
            strip.setTokens(List.of(chip(5, "a", TokenChip.Kind.NORMAL), chip(6, "b", TokenChip.Kind.NORMAL), chip(7, "c", TokenChip.Kind.NORMAL)));
            return null;
        });
        assertEquals(1, added[0]);
        assertEquals(0, removed[0]);
        fx(() -> { strip.setTokens(List.of(chip(5, "a", TokenChip.Kind.NORMAL))); return null; });
        assertEquals(2, removed[0], "a shorter prompt removes the last chips only");
        assertEquals(1, added[0]);
        assertEquals(List.of("a"), fx(() -> strip.getChildren().stream().map(n -> ((Label) n).getText()).toList()));
    }
}
