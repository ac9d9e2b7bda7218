package glassbox.app.load;

import glassbox.app.ModelHandle;
import glassbox.app.flow.GenerationPane;
import glassbox.app.panes.FlowPaneAdapter;
import glassbox.model.tokenizer.Tokenizer;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static glassbox.app.load.LoadHarness.fx;
import static glassbox.app.load.LoadHarness.fxRun;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Opening a model while the old one is busy (a slow forward pass, a running generation) switches
 * cleanly: the old model's late result is never shown, the new model's snapshot arrives and nothing
 * older follows it, the old model is closed and never used afterwards, no exception anywhere.
 */
@ExtendWith(ApplicationExtension.class)
class OpenWhileComputingTest {
    private LoadHarness h;
    private final List<WatchedModel> opened = new CopyOnWriteArrayList<>();

    @Start void start(Stage stage) throws Exception {
        h = new LoadHarness(stage, file -> { WatchedModel m = new WatchedModel(file, 0); opened.add(m); return m; });
    }

    @Test void openingDuringASlowRecomputeDropsItsResult() throws Exception {
        Path file = LoadHarness.stories260K();
        WatchedModel slow = new WatchedModel(file, 2000); // a pass that takes 2 s, like a big model on a slow laptop
        fxRun(() -> h.state.useModel(slow));
        LoadHarness.waitUntil(() -> slow.passesFinished.get() == 1, "the first (empty prompt) pass");
        h.settle("");
        String prompt = "Once upon a time";
        fxRun(() -> h.window.prompt().setText(prompt));
        LoadHarness.waitUntil(() -> slow.passesStarted.get() == 2, "the slow pass of the prompt to start");
        fxRun(() -> h.state.openModel(file)); // while that pass runs

        var last = h.settle(prompt);
        assertEquals(1, opened.size());
        WatchedModel fresh = opened.getFirst();
        assertSame(fresh, last.model(), "the new model's snapshot arrives");
        assertEquals(2, slow.passesFinished.get(), "the running pass was let finish (not torn down mid-way)");
        LoadHarness.waitUntil(() -> slow.closed, "the old model to be closed");
        Thread.sleep(500); // anything late would arrive now
        checkClean(slow, fresh, prompt);
        assertTrue(h.published.stream().noneMatch(p -> p.model() == slow && p.prompt().equals(prompt)),
                "the slow pass finished after the switch: its result must be dropped, not shown");
    }

    @Test void openingDuringAGenerationStopsItAndResetsTheSession() throws Exception { generationSwitch(false); }

    /**
     * Issue 9: the old model was closed on the pipeline's thread at once, while the Generation pane's worker
     * was still inside a decoding step of it (and a hidden pane kept generating until shown again). A step
     * is held inside the old model while the new one is opened, with the pane hidden: the old model must
     * stay open until that step returns, the hidden session must stop, and nothing may call the old model
     * after its close.
     */
    @Test void theOldModelIsNeverUsedAfterItIsClosed() throws Exception { generationSwitch(true); }

    private void generationSwitch(boolean hidden) throws Exception {
        Path file = LoadHarness.stories260K();
        fxRun(() -> h.state.openModel(file));
        LoadHarness.waitUntil(() -> opened.size() == 1 && h.state.model() == opened.getFirst(), "the first model");
        WatchedModel first = opened.getFirst();
        first.stepDelayMillis = 25; // 400 steps take over 10 s: the switch surely lands mid-generation
        String prompt = "Once upon a time";
        fxRun(() -> h.window.prompt().setText(prompt));
        h.settle(prompt);
        fxRun(() -> h.window.open("flow.generation"));
        var gen = (GenerationPane) ((FlowPaneAdapter) h.window.pane("flow.generation")).pane();
        fxRun(() -> gen.generate(400)); // longer than the switch below takes
        LoadHarness.waitUntil(() -> gen.generatedCount() >= 3, "generation to be under way");
        assertTrue(fx(gen::busy), "still generating when the new model is opened");
        CountDownLatch release = new CountDownLatch(1);
        first.holdSteps = release; // the next step stays inside the old model until released
        assertTrue(first.stepHeld.await(10, TimeUnit.SECONDS), "a decoding step is in flight");
        if (hidden) fxRun(() -> h.window.open("head"));
        fxRun(() -> h.state.openModel(file)); // the same file again: same tokens, a different model

        LoadHarness.waitUntil(() -> opened.size() == 2 && h.state.lastSnapshot() != null && h.state.lastSnapshot().model() == opened.get(1),
                "the new model's snapshot");
        WatchedModel second = opened.get(1);
        assertFalse(first.closed, "the old model stays open while a step of it is in flight");
        assertEquals(0, fx(gen::generatedCount), "the session was reset at the switch" + (hidden ? ", though its pane is hidden" : ""));
        release.countDown();
        LoadHarness.waitUntil(() -> !gen.busy(), "the old generation to stop");
        LoadHarness.waitUntil(() -> first.closed, "the old model to be closed once its last step returned");
        int stepsAtStop = first.decodeSteps.get();
        assertTrue(stepsAtStop < 400, "the old generation did not run to the end: " + stepsAtStop + " steps");
        Thread.sleep(500);
        assertEquals(stepsAtStop, first.decodeSteps.get(), "the old model decodes nothing after the switch");
        checkClean(first, second, prompt);
        assertEquals(0, fx(gen::generatedCount), "nothing the old session computed late is shown");
        if (hidden) fxRun(() -> h.window.open("flow.generation"));
        // the pane now generates with the new model, from a fresh session
        fxRun(() -> gen.generate(2));
        LoadHarness.waitUntil(() -> !gen.busy() && gen.generatedCount() == 2, "two tokens from the new model");
        assertTrue(second.decodeSteps.get() >= 2, "the new model decodes");
    }

    private void checkClean(WatchedModel old, ModelHandle fresh, String prompt) {
        if (old != null) assertTrue(old.usedAfterClose.isEmpty(), "old model used after close: " + old.usedAfterClose);
        assertTrue(h.fxErrors.isEmpty(), "exceptions on the FX thread: " + h.fxErrors);
        int firstNew = -1;
        for (int i = 0; i < h.published.size(); i++) {
            var p = h.published.get(i);
            assertTrue(p.ok(), "a recompute failed: " + p.error());
            if (p.model() == fresh && firstNew < 0) firstNew = i;
            if (firstNew >= 0) assertSame(fresh, p.model(), "a stale snapshot of the old model after the new one: #" + i);
        }
        assertTrue(firstNew >= 0, "the new model published");
        var last = h.published.getLast();
        assertEquals(prompt, last.prompt());
        Tokenizer tok = fresh.tokenizer();
        assertArrayEquals(Tokenizer.concat(tok.bos(), tok.encode(prompt)), last.tokens());
    }
}
