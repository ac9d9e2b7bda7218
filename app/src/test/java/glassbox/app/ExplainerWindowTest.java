package glassbox.app;

import glassbox.app.panes.AttentionGridPane;
import glassbox.app.panes.AttentionHeadPane;
import glassbox.app.panes.CausalMaskPane;
import glassbox.app.panes.TokenizationPane;
import glassbox.model.trace.ForwardTrace;
import glassbox.model.trace.Matrix;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static glassbox.app.WindowHarness.fx;
import static glassbox.app.WindowHarness.fxRun;
import static org.junit.jupiter.api.Assertions.*;

/** The window on a tiny deterministic stand-in model: typing, selecting, bad files, fast typing. */
@ExtendWith(ApplicationExtension.class)
class ExplainerWindowTest {
    private WindowHarness h;
    private final FakeModel fake = new FakeModel(0);

    @Start void start(Stage stage) throws Exception {
        h = new WindowHarness(stage, file -> file.toString().endsWith(".fake") ? new FakeModel(0, "second") : EngineModel.open(file));
        h.state.useModel(fake);
    }

    /** The chip texts a prompt must produce: BOS, then each character with spaces shown as ␣. */
    private static List<String> chips(String prompt) {
        var out = new java.util.ArrayList<>(List.of("<s>"));
        prompt.codePoints().forEach(cp -> out.add(cp == ' ' ? "␣" : Character.toString(cp)));
        return out;
    }

    @Test void typingUpdatesTheTokenChipsAndEveryHeatmap(FxRobot robot) {
        robot.clickOn("#prompt").write("the cat");
        Snapshot s = h.waitForPrompt("the cat");
        ForwardTrace expected = FakeModel.build(FakeModel.fed("the cat"));
        var tokens = (TokenizationPane) h.window.pane("tokenization");
        fxRun(() -> h.window.open("tokenization"));
        assertEquals(chips("the cat"), fx(() -> tokens.strip().shownTexts()));

        fxRun(() -> h.window.open("attention"));
        var grid = ((AttentionGridPane) h.window.pane("attention")).grid();
        for (int l = 0; l < 2; l++) for (int k = 0; k < 4; k++)
            assertEquals(expected.layers().get(l).heads().get(k).weights(), grid.heatmap(l, k).matrix(), "grid L" + l + " H" + k);

        fxRun(() -> h.window.open("head"));
        var head = (AttentionHeadPane) h.window.pane("head");
        assertEquals(expected.layers().get(0).heads().get(0).weights(), head.heatmap().matrix());
        assertEquals(expected.length(), head.heatmap().rowLabels().size());
        assertEquals(expected.layers().get(0).heads().get(0).weights(), head.lines().weights());

        fxRun(() -> h.window.open("mask"));
        var mask = (CausalMaskPane) h.window.pane("mask");
        assertEquals(8, mask.maskMap().rows());
        assertEquals(expected.layers().get(0).heads().get(0).weights(), mask.weightsMap().matrix());

        // now change the prompt: every view follows, including those drawn while hidden
        robot.clickOn("#prompt").type(KeyCode.END).write("s!");
        h.waitForPrompt("the cats!");
        ForwardTrace next = FakeModel.build(FakeModel.fed("the cats!"));
        assertEquals(10, fx(() -> mask.maskMap().rows()));
        assertEquals(next.layers().get(0).heads().get(0).weights(), fx(() -> mask.weightsMap().matrix()));
        fxRun(() -> h.window.open("tokenization"));
        assertEquals(chips("the cats!"), fx(() -> tokens.strip().shownTexts()));
        fxRun(() -> h.window.open("attention"));
        assertEquals(next.layers().get(1).heads().get(3).weights(), fx(() -> grid.heatmap(1, 3).matrix()));
        fxRun(() -> h.window.open("head"));
        assertEquals(next.layers().get(0).heads().get(0).weights(), fx(() -> head.heatmap().matrix()));
        assertTrue(fx(() -> h.window.statusText()).contains("10"), "status shows the token count: " + h.window.statusText());
    }

    @Test void selectingAHeadUpdatesTheLargeViewAndTheLines(FxRobot robot) {
        robot.clickOn("#prompt").write("abcdef");
        h.waitForPrompt("abcdef");
        fxRun(() -> h.window.open("attention"));
        var grid = ((AttentionGridPane) h.window.pane("attention")).grid();
        // the grid lays its thumbnails out on the FX thread: click once the frame is in the scene
        WindowHarness.waitUntil(() -> fx(() -> grid.frame(1, 2).getScene() != null), "the grid's thumbnails");
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(fx(() -> grid.frame(1, 2)));
        assertEquals(1, h.state.selection().layer().get());
        assertEquals(2, h.state.selection().head().get());
        assertEquals("head", fx(() -> h.window.currentPane().id()), "a click in the grid opens the head view");
        ForwardTrace expected = FakeModel.build(FakeModel.fed("abcdef"));
        Matrix w12 = expected.layers().get(1).heads().get(2).weights();
        var head = (AttentionHeadPane) h.window.pane("head");
        assertEquals(w12, fx(() -> head.heatmap().matrix()));
        assertEquals(w12, fx(() -> head.lines().weights()));
        assertNotEquals(expected.layers().get(0).heads().get(0).weights(), w12, "the test must tell heads apart");

        // clicking a cell selects its row as the query; the lines follow
        double[] p = fx(() -> head.heatmap().cellCenter(3, 1));
        var canvas = head.heatmap().canvas();
        robot.clickOn(fx(() -> canvas.localToScreen(p[0], p[1])));
        assertEquals(3, h.state.selection().queryToken().get());
        assertEquals(3, fx(() -> head.lines().query()));
    }

    @Test void aCorruptFileShowsAnErrorAndKeepsThePreviousModel(FxRobot robot) throws Exception {
        robot.clickOn("#prompt").write("hi");
        h.waitForPrompt("hi");
        Path bad = Files.createTempFile("corrupt", ".bin");
        Files.write(bad, new byte[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29});
        fxRun(() -> h.state.openModel(bad));
        WindowHarness.waitUntil(() -> !h.window.bannerText().isEmpty(), "the error banner");
        assertTrue(h.window.bannerText().contains(bad.getFileName().toString()), h.window.bannerText());
        assertSame(fake, h.state.model());
        assertFalse(fake.closed);
        assertEquals("fake-model", fx(() -> h.window.modelNameText()));
        robot.clickOn("#prompt");
        // a second click on the same spot can count as a double click (selecting "hi"): type at the end
        fxRun(() -> h.window.prompt().end());
        robot.write("!");
        Snapshot s = h.waitForPrompt("hi!");
        assertTrue(s.ok(), "the previous model still computes");
        assertSame(fake, s.model());

        // a good file after the bad one replaces the model and clears the error
        Path good = Files.createTempFile("model", ".fake");
        fxRun(() -> h.state.openModel(good));
        WindowHarness.waitUntil(() -> "second".equals(h.window.modelNameText()), "the second model");
        assertEquals("", fx(() -> h.window.bannerText()));
        WindowHarness.waitUntil(() -> fake.closed, "the replaced model to be closed");
    }

    @Test void typingTwentyCharactersQuicklyEndsInExactlyTheFinalPrompt(FxRobot robot) {
        FakeModel slow = new FakeModel(25, "slow");
        fxRun(() -> h.state.useModel(slow));
        String typed = "quick brown fox jump";
        assertEquals(20, typed.length());
        robot.clickOn("#prompt").write(typed);
        Snapshot last = h.waitForPrompt(typed);
        assertArrayEquals(FakeModel.fed(typed), last.tokens());
        assertEquals(FakeModel.build(FakeModel.fed(typed)).layers().get(1).heads().get(1).weights(),
                last.trace().layers().get(1).heads().get(1).weights());
        fxRun(() -> h.window.open("tokenization"));
        assertEquals(chips(typed), fx(() -> ((TokenizationPane) h.window.pane("tokenization")).strip().shownTexts()));
        // what was shown on the way came in order, each snapshot internally consistent
        long prev = -1;
        for (Snapshot s : h.published) {
            assertTrue(s.sequence() > prev, "snapshots in order");
            prev = s.sequence();
            if (s.ok()) assertArrayEquals(FakeModel.fed(s.prompt()), s.tokens(), "one prompt per snapshot");
        }
        assertEquals(typed, h.published.getLast().prompt(), "nothing older is shown after the final prompt");
    }

    /** A language or theme switch builds a new window; the old one must stop following the shared selection. */
    @Test void aReplacedWindowNoLongerFollowsTheSelection(FxRobot robot) {
        robot.clickOn("#prompt").write("abc");
        h.waitForPrompt("abc");
        fxRun(() -> h.state.selection().queryToken().set(1));
        var oldStrip = ((TokenizationPane) h.window.pane("tokenization")).strip();
        assertEquals(1, fx(oldStrip::selected));
        MainWindow replacement = fx(() -> {
            h.window.dispose();
            var w = new MainWindow(h.state, () -> {});
            h.state.setListener(w);
            return w;
        });
        var newStrip = ((TokenizationPane) replacement.pane("tokenization")).strip();
        fxRun(() -> h.state.selection().queryToken().set(3));
        assertEquals(3, fx(newStrip::selected), "the new window follows the selection");
        assertEquals(1, fx(oldStrip::selected), "the replaced window no longer does");
    }
}
