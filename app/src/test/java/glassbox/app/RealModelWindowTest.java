package glassbox.app;

import glassbox.app.panes.AttentionGridPane;
import glassbox.app.panes.AttentionHeadPane;
import glassbox.app.panes.CausalMaskPane;
import glassbox.app.panes.TokenizationPane;
import glassbox.model.io.ModelFiles;
import glassbox.model.tokenizer.Tokenizer;
import glassbox.model.trace.ForwardTrace;
import javafx.stage.Stage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;

import static glassbox.app.WindowHarness.fx;
import static glassbox.app.WindowHarness.fxRun;
import static org.junit.jupiter.api.Assertions.*;

/** The window on the real engine: stories260K from ../shared, and the shipped default model when present. */
@ExtendWith(ApplicationExtension.class)
class RealModelWindowTest {
    private WindowHarness h;

    @Start void start(Stage stage) throws Exception { h = new WindowHarness(stage, EngineModel::open); }

    static Path stories260K() {
        String shared = System.getProperty("glassbox.shared");
        Path p = shared == null ? null : Path.of(shared, "models", "llama2c", "stories260K.bin");
        Assumptions.assumeTrue(p != null && Files.isRegularFile(p), "skipped: ../shared/models/llama2c/stories260K.bin is not here");
        return p;
    }

    @Test void stories260KFollowsTypingInEveryView(FxRobot robot) throws Exception { typeAndCheck(robot, stories260K()); }

    @Test void theDefaultModelFollowsTypingInEveryView(FxRobot robot) throws Exception {
        Path def = ModelFiles.defaultModel();
        Assumptions.assumeTrue(Files.isRegularFile(def), "skipped: the default model " + def + " is not built yet");
        typeAndCheck(robot, def);
    }

    private void typeAndCheck(FxRobot robot, Path model) throws Exception {
        fxRun(() -> h.state.openModel(model));
        WindowHarness.waitUntil(() -> h.state.model() != null, "the model to load");
        String prompt = "Once upon a time";
        robot.clickOn("#prompt").write(prompt);
        Snapshot s = h.waitForPrompt(prompt);
        assertTrue(s.ok(), s.error());
        Tokenizer tok = h.state.model().tokenizer();
        int[] fed = Tokenizer.concat(tok.bos(), tok.encode(prompt));
        assertArrayEquals(fed, s.tokens(), "the window feeds BOS + the tokenizer's ids");
        ForwardTrace reference;
        try (EngineModel independent = EngineModel.open(model)) { reference = independent.trace(fed); } // a separate load, same numbers
        fxRun(() -> h.window.open("tokenization"));
        var strip = ((TokenizationPane) h.window.pane("tokenization")).strip();
        assertEquals(fed.length, fx(() -> strip.tokens().size()));
        for (int i = 0; i < fed.length; i++) assertEquals(fed[i], strip.tokens().get(i).id());
        int layers = reference.config().layers(), heads = reference.config().heads();
        fxRun(() -> h.window.open("attention"));
        var grid = ((AttentionGridPane) h.window.pane("attention")).grid();
        assertEquals(layers, grid.layers());
        assertEquals(heads, grid.heads());
        assertClose(reference.layers().get(layers - 1).heads().get(heads - 1).weights(), grid.heatmap(layers - 1, heads - 1).matrix());
        fxRun(() -> { h.state.selection().select(layers - 1, 1); h.window.open("head"); });
        assertClose(reference.layers().get(layers - 1).heads().get(1).weights(),
                fx(() -> ((AttentionHeadPane) h.window.pane("head")).heatmap().matrix()));
        fxRun(() -> h.window.open("mask"));
        var mask = (CausalMaskPane) h.window.pane("mask");
        fxRun(() -> mask.setWhatIf(true));
        var rowSums = fx(() -> mask.rowSums().matrix());
        for (int r = 0; r < rowSums.rows(); r++) assertEquals(1.0, rowSums.get(r, 0), 1e-4, "row " + r + " of softmax(S+M)");
        var open = fx(() -> mask.bidirectionalMap().matrix());
        assertEquals(fed.length, open.rows());
        assertTrue(open.get(0, fed.length - 1) > 0, "without the mask the first token sees the last one");
        assertEquals(0f, reference.layers().get(layers - 1).heads().get(1).weights().get(0, fed.length - 1), "with it, it cannot");
    }

    /** The grid names the prompt's previous-token heads as links (scores as the trace gives them) that open the head;
     *  the next keystroke reuses the link controls instead of making new ones. */
    @Test void previousTokenHeadsAreLinksThatOpenTheirHead(FxRobot robot) throws Exception {
        Path model = stories260K();
        fxRun(() -> h.state.openModel(model));
        WindowHarness.waitUntil(() -> h.state.model() != null, "the model to load");
        String prompt = "Once upon a time there was a little girl named Lily. Lily liked to play in the park with her dog.";
        fxRun(() -> { h.window.open("attention"); h.window.prompt().setText(prompt); });
        Snapshot s = h.waitForPrompt(prompt);
        var expected = glassbox.model.trace.HeadPatterns.previousTokenHeads(s.trace());
        Assumptions.assumeFalse(expected.isEmpty(), "skipped: stories260K has no previous-token head on this prompt");
        var pane = (AttentionGridPane) h.window.pane("attention");
        var links = fx(pane::previousTokenLinks);
        assertEquals(expected.size(), links.size());
        for (int i = 0; i < links.size(); i++) {
            var e = expected.get(i);
            assertEquals(String.format("L%d H%d (%.2f)", e.layer(), e.head(), e.score()), fx(links.get(i)::getText));
        }
        fxRun(() -> h.window.prompt().setText(prompt + " "));
        h.waitForPrompt(prompt + " ");
        var again = fx(pane::previousTokenLinks);
        for (int i = 0; i < Math.min(links.size(), again.size()); i++) assertSame(links.get(i), again.get(i), "link " + i + " reused");
        var first = expected.getFirst();
        fxRun(() -> links.getFirst().fire());
        assertEquals(first.layer(), (int) fx(() -> h.state.selection().layer().get()));
        assertEquals(first.head(), (int) fx(() -> h.state.selection().head().get()));
        assertEquals("head", fx(() -> h.window.currentPane().id()));
    }

    /** Same shape and the same numbers up to float rounding: a vector reduction's lane order may differ between
     *  interpreted and compiled code, so two separate loads agree to ~1e-6, not bit for bit. */
    private static void assertClose(glassbox.model.trace.Matrix expected, glassbox.model.trace.Matrix actual) {
        assertEquals(expected.rows(), actual.rows());
        assertEquals(expected.cols(), actual.cols());
        for (int r = 0; r < expected.rows(); r++)
            for (int c = 0; c < expected.cols(); c++) assertEquals(expected.get(r, c), actual.get(r, c), 1e-5, "[" + r + ", " + c + "]");
    }
}
