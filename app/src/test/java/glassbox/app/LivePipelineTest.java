package glassbox.app;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** The pipeline without a window: newest edit wins, one prompt per snapshot, long prompts cut visibly. */
class LivePipelineTest {
    private static final LivePipeline.Messages MSG = new LivePipeline.Messages() {
        @Override public String cut(int kept, int total, int context) { return "cut " + kept + "/" + total + "/" + context; }
        @Override public String empty() { return "empty"; }
        @Override public String failed(String detail) { return "failed: " + detail; }
    };

    private final List<Snapshot> published = new CopyOnWriteArrayList<>();
    private final UiThread ui = new UiThread();

    /** A single "UI thread" so publication order is what a real UI would see. */
    private static final class UiThread implements java.util.concurrent.Executor {
        final java.util.concurrent.ExecutorService ex = Executors.newSingleThreadExecutor();
        @Override public void execute(Runnable r) { ex.execute(r); }
    }

    private Snapshot awaitLast(LivePipeline p) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            if (!published.isEmpty() && published.getLast().sequence() == p.latestSequence()) return published.getLast();
            Thread.sleep(5);
        }
        throw new AssertionError("no snapshot for the newest edit");
    }

    @Test void aBurstOfEditsEndsInTheLastOneAndSkipsStaleWork() throws Exception {
        FakeModel slow = new FakeModel(20);
        try (LivePipeline p = new LivePipeline(ui, published::add, 3, MSG)) {
            p.setModel(slow);
            String text = "";
            for (char c : "twenty characters!!!".toCharArray()) { text += c; p.submit(text); Thread.sleep(2); }
            Snapshot last = awaitLast(p);
            assertEquals("twenty characters!!!", last.prompt());
            assertArrayEquals(FakeModel.fed(last.prompt()), last.tokens());
            assertTrue(slow.traces.get() < 20, "edits typed faster than a pass are skipped: " + slow.traces.get() + " passes");
            long prev = -1;
            for (Snapshot s : published) {
                assertTrue(s.sequence() > prev);
                prev = s.sequence();
                assertArrayEquals(FakeModel.fed(s.prompt()), s.tokens(), "a snapshot never mixes two prompts");
            }
        } finally {
            ui.ex.shutdownNow();
        }
    }

    @Test void aPromptLongerThanTheContextIsCutFromTheLeftWithANotice() throws Exception {
        try (LivePipeline p = new LivePipeline(ui, published::add, 0, MSG)) {
            p.setModel(new FakeModel(0));
            String text = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ"; // 46 characters, context 40 with BOS
            p.submit(text);
            Snapshot s = awaitLast(p);
            assertEquals("cut 39/46/40", s.notice());
            int[] fed = s.tokens();
            assertEquals(40, fed.length);
            assertEquals(1, fed[0], "BOS stays first");
            assertArrayEquals(FakeModel.fed(text.substring(7)), fed, "the last 39 characters are kept");
        } finally {
            ui.ex.shutdownNow();
        }
    }

    @Test void anEmptyPromptWithBosStillRunsAndAFailingPassBecomesAnErrorSnapshot() throws Exception {
        try (LivePipeline p = new LivePipeline(ui, published::add, 0, MSG)) {
            p.setModel(new FakeModel(0));
            p.submit("");
            Snapshot s = awaitLast(p);
            assertTrue(s.ok());
            assertArrayEquals(new int[]{1}, s.tokens());
            FakeModel broken = new FakeModel(0);
            broken.close(); // its trace now throws
            p.setModel(broken);
            Snapshot e = awaitLast(p);
            assertFalse(e.ok());
            assertEquals("failed: used after close", e.error());
        } finally {
            ui.ex.shutdownNow();
            ui.ex.awaitTermination(1, TimeUnit.SECONDS);
        }
    }
}
