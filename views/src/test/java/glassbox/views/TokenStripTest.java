package glassbox.views;

import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

@ExtendWith(ApplicationExtension.class)
class TokenStripTest {
    private final TokenStrip strip = new TokenStrip();
    private Stage stage;

    @Start void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(strip), 400, 200, Color.WHITE));
        stage.show();
    }

    private static <T> T fx(java.util.concurrent.Callable<T> work) {
        return WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(work));
    }

    private static TokenChip chip(int id, String s, TokenChip.Kind k) { return new TokenChip(id, s, s, k); }

    private static List<TokenChip> words(int n) {
        return IntStream.range(0, n).mapToObj(i -> chip(100 + i, "w" + i, TokenChip.Kind.NORMAL)).toList();
    }

    private void show(List<TokenChip> chips) {
        fx(() -> { strip.setTokens(chips); strip.layout(); return null; });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The colour drawn dx, dy pixels into chip i (from its top-left corner). */
    private Color pixel(int i, double dx, double dy) {
        return fx(() -> {
            strip.getScene().getRoot().layout();
            WritableImage img = strip.snapshot(null, null);
            Bounds b = strip.chipBounds(i);
            return img.getPixelReader().getColor((int) (b.getMinX() + dx), (int) (b.getMinY() + dy));
        });
    }

    private static void assertColor(Color expected, Color actual, String what) {
        assertTrue(Math.abs(expected.getRed() - actual.getRed()) < 0.02 && Math.abs(expected.getGreen() - actual.getGreen()) < 0.02
                && Math.abs(expected.getBlue() - actual.getBlue()) < 0.02, what + ": expected " + expected + ", got " + actual);
    }

    @Test void chipsShowTheTokensInTheirKindsColours() {
        show(List.of(chip(1, "<s>", TokenChip.Kind.SPECIAL), chip(306, "The", TokenChip.Kind.NORMAL),
                chip(13, "<0x0A>", TokenChip.Kind.BYTE)));
        assertEquals(List.of("<s>", "The", "<0x0A>"), fx(strip::shownTexts));
        double mid = fx(() -> strip.chipBounds(0).getHeight()) / 2;
        assertColor(Color.web("#d9d9d9"), pixel(0, 2.5, mid), "special tokens are grey");
        assertColor(Color.web(TokenStrip.PALETTE[1]), pixel(1, 2.5, mid), "a normal token takes its place's pastel");
        assertColor(Color.web("#fff3e0"), pixel(2, 2.5, mid), "byte-fallback tokens have their own colour");
        assertColor(Color.web("#b36b00"), pixel(2, 0.5, 0.5), "and a dashed brown edge");
        assertTrue(fx(() -> strip.tooltipText(1)).contains("id 306"));

        show(List.of(chip(1, "<s>", TokenChip.Kind.SPECIAL), chip(450, "A", TokenChip.Kind.NORMAL)));
        assertEquals(List.of("<s>", "A"), fx(strip::shownTexts));
        assertTrue(fx(() -> strip.tooltipText(1)).contains("id 450"));
        double wideA = fx(() -> strip.chipBounds(1).getWidth());
        show(List.of(chip(1, "<s>", TokenChip.Kind.SPECIAL), chip(7, "Abracadabra", TokenChip.Kind.NORMAL)));
        assertTrue(fx(() -> strip.chipBounds(1).getWidth()) > 3 * wideA, "a chip is as wide as its text");
    }

    @Test void theTextIsDrawnInTheChip() {
        show(List.of(chip(5, "WWWW", TokenChip.Kind.NORMAL)));
        Bounds b = fx(() -> strip.chipBounds(0));
        WritableImage img = fx(() -> strip.snapshot(null, null));
        int dark = 0;
        for (int x = (int) b.getMinX() + 4; x < b.getMaxX() - 4; x++) {
            for (int y = (int) b.getMinY() + 2; y < b.getMaxY() - 2; y++) if (img.getPixelReader().getColor(x, y).getBrightness() < 0.4) dark++;
        }
        assertTrue(dark > 20, "dark glyph pixels inside the chip: " + dark);
    }

    @Test void onlyTheSelectedChipIsOutlined() {
        show(List.of(chip(5, "a", TokenChip.Kind.NORMAL), chip(6, "b", TokenChip.Kind.NORMAL)));
        fx(() -> { strip.setSelected(1); return null; });
        double mid = fx(() -> strip.chipBounds(0).getHeight()) / 2;
        assertColor(Color.web("#e85d04"), pixel(1, 0.5, mid), "an orange edge");
        assertColor(Color.web("#e85d04"), pixel(1, 1.5, mid), "2 px wide");
        assertColor(Color.web(TokenStrip.PALETTE[1]), pixel(1, 2.5, mid), "around the chip's colour");
        Color plainEdge = pixel(0, 0.5, mid);
        assertTrue(plainEdge.getRed() < 0.9 && Math.abs(plainEdge.getRed() - plainEdge.getBlue()) < 0.02,
                "the others keep a grey 1 px edge: " + plainEdge);
        assertColor(Color.web(TokenStrip.PALETTE[0]), pixel(0, 1.5, mid), "1 px only");
    }

    @Test void chipsWrapIntoRowsWithoutOverlapping() {
        fx(() -> { stage.getScene().setRoot(new StackPane(strip)); stage.setWidth(220); return null; });
        show(words(40));
        List<Bounds> boxes = fx(() -> IntStream.range(0, 40).mapToObj(strip::chipBounds).toList());
        double width = fx(strip::getWidth);
        assertTrue(boxes.getLast().getMinY() > boxes.getFirst().getMinY(), "more than one row");
        for (int i = 0; i < boxes.size(); i++) {
            Bounds b = boxes.get(i);
            assertTrue(b.getMinX() >= 0 && b.getMaxX() <= width, "chip " + i + " inside the strip");
            if (i > 0) {
                Bounds p = boxes.get(i - 1);
                assertTrue(b.getMinY() > p.getMinY() || b.getMinX() > p.getMaxX(), "chip " + i + " after chip " + (i - 1));
                assertFalse(b.intersects(p), "chips " + (i - 1) + " and " + i + " overlap");
            }
        }
        assertEquals(boxes.getLast().getMaxY(), fx(() -> strip.prefHeight(width)), 0.5, "as tall as its rows");
    }

    @Test void aClickReportsTheChipUnderTheMouse(FxRobot robot) {
        show(words(12));
        List<Integer> clicked = new ArrayList<>();
        fx(() -> { strip.setOnTokenClicked(clicked::add); return null; });
        Point2D at = fx(() -> { Bounds b = strip.chipBounds(7); return strip.localToScreen(b.getCenterX(), b.getCenterY()); });
        robot.clickOn(at);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(7), clicked);
        assertEquals(-1, fx(() -> strip.chipAt(-5, 2)), "no chip left of the first");
    }

    @Test void hoveringAChipShowsItsIdAndPiece(FxRobot robot) {
        show(words(12));
        fx(() -> { strip.setOnTokenClicked(i -> {}); return null; });   // clickable: the hand cursor says so
        Point2D at = fx(() -> { Bounds b = strip.chipBounds(5); return strip.localToScreen(b.getCenterX(), b.getCenterY()); });
        robot.moveTo(at);
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.Tooltip tip = fx(() -> strip.getProperties().values().stream()
                .filter(v -> v instanceof javafx.scene.control.Tooltip).map(v -> (javafx.scene.control.Tooltip) v).findFirst().orElse(null));
        assertNotNull(tip, "a tooltip is installed over a chip");
        assertTrue(fx(tip::getText).contains("id 105"), fx(tip::getText));
        assertEquals(javafx.scene.Cursor.HAND, fx(strip::getCursor));
        Point2D gap = fx(() -> { Bounds b = strip.chipBounds(5); return strip.localToScreen(b.getMaxX() + 1.5, b.getCenterY()); });
        robot.moveTo(gap);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(fx(() -> strip.getProperties().values().stream().noneMatch(v -> v instanceof javafx.scene.control.Tooltip)),
                "none between chips");
    }

    /** 1,000 chips in a short scroll pane: the canvas covers the rows in view, which follow the scrolling. */
    @Test void onlyTheRowsInViewAreDrawn() {
        ScrollPane scroll = fx(() -> {
            ScrollPane s = new ScrollPane(strip);
            s.setFitToWidth(true);
            stage.getScene().setRoot(new StackPane(s));
            stage.setWidth(400);
            stage.setHeight(300);
            return s;
        });
        show(words(1000));
        Canvas canvas = fx(() -> (Canvas) strip.getChildrenUnmodifiable().stream().filter(n -> n instanceof Canvas).findFirst().orElseThrow());
        double full = fx(strip::getHeight);
        assertTrue(full > 2000, "1,000 chips make a tall strip: " + full);
        assertTrue(fx(canvas::getHeight) < 300 + 2 * 48 + 1, "canvas " + fx(canvas::getHeight) + " px for a 300 px view");
        fx(() -> { scroll.setVvalue(1); strip.getScene().getRoot().layout(); return null; });
        WaitForAsyncUtils.waitForFxEvents();
        Bounds last = fx(() -> strip.chipBounds(999));
        assertTrue(fx(canvas::getLayoutY) <= last.getMinY() && fx(() -> canvas.getLayoutY() + canvas.getHeight()) >= last.getMaxY(),
                "the last row is drawn after scrolling down");
        assertColor(Color.web(TokenStrip.PALETTE[999 % 8]), pixel(999, 2.5, last.getHeight() / 2), "its chip is painted");
    }
}
