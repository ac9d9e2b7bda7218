package glassbox.app;

import glassbox.app.flow.FlowModel;
import glassbox.model.transformer.Ablation;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** A closed engine model refuses every computation with a clear message instead of reading unmapped weights. */
class EngineModelTest {
    private static Path stories260K() {
        String shared = System.getProperty("glassbox.shared");
        Path p = shared == null ? null : Path.of(shared, "models", "llama2c", "stories260K.bin");
        Assumptions.assumeTrue(p != null && Files.isRegularFile(p), "skipped: ../shared/models/llama2c/stories260K.bin is not here");
        return p;
    }

    @Test void everyComputationFailsClearlyAfterClose() throws Exception {
        EngineModel m = EngineModel.open(stories260K());
        FlowModel flow = m.flowModel();
        int[] ids = flow.encodePrompt("Once upon a time");
        FlowModel.Decoder d = flow.newDecoder();
        float[] before = d.step(ids[0]);
        assertEquals(m.config().vocabSize(), before.length);
        float[] residual = m.trace(ids).layers().getFirst().output().row(0);
        m.close();
        m.close(); // twice is harmless
        for (var call : java.util.List.<org.junit.jupiter.api.function.Executable>of(
                () -> m.trace(ids), () -> flow.trace(ids, Ablation.NONE), () -> flow.logitLens(residual),
                flow::newDecoder, () -> d.step(ids[1]))) {
            var e = assertThrows(IllegalStateException.class, call);
            assertTrue(e.getMessage().contains("is closed"), e.getMessage());
        }
        assertEquals(1, d.position(), "the refused step left the session as it was");
        assertEquals("stories260K.bin", m.displayName(), "names and labels still read");
    }
}
