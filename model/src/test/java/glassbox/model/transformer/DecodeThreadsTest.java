package glassbox.model.transformer;

import glassbox.model.format.llama2c.Llama2cCheckpoint;
import glassbox.model.io.ModelFiles;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Thread counts picked for a model: the traced pass by bytes per token, decode by the cost of those bytes. */
class DecodeThreadsTest {
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    @Test void aTinyF32ModelStaysOnOneThreadForBoth() throws Exception {
        try (var ckpt = Llama2cCheckpoint.open(SharedFiles.path("models/llama2c/stories260K.bin"))) {
            var m = new Transformer(ckpt.config(), ckpt.weights(), 0);
            assertEquals(1, m.threads());
            assertEquals(1, m.decodeThreads());
        }
    }

    @Test void theShippedF16ModelDecodesOnEveryCoreAndTracesOnOne() throws Exception {
        try (var loaded = ModelFiles.open(ModelFiles.defaultModel(), null)) {
            Transformer m = loaded.transformer();
            assertTrue(m.weights().bytesPerToken() < 4 << 20, "2.1 MB of f16 per token: " + m.weights().bytesPerToken());
            assertEquals(1, m.threads(), "the traced pass: under 4 MB per token");
            assertEquals(CORES, m.decodeThreads(), "f16 bytes cost four f32 bytes in decode: over the line");
            assertEquals(CORES, m.withTraceBudget(1 << 20).decodeThreads());
            assertEquals(1, m.withThreads(1).decodeThreads(), "a count asked for holds for decode too");
        }
    }

    @Test void aSessionOnMoreThreadsDecodesTheSameTokens() throws Exception {
        try (var loaded = ModelFiles.open(ModelFiles.defaultModel(), null)) {
            Transformer auto = loaded.transformer(), one = auto.withThreads(1);
            var a = auto.newSession();
            var b = one.newSession();
            int token = 0;
            for (int step = 0; step < 12; step++) {
                float[] la = a.step(token), lb = b.step(token);
                for (int i = 0; i < la.length; i++) assertEquals(lb[i], la[i], 1e-4f, "step " + step + " logit " + i);
                int best = 0;
                for (int i = 1; i < lb.length; i++) if (lb[i] > lb[best]) best = i;
                token = best;
            }
        }
    }
}
