package glassbox.app;

import glassbox.model.io.ModelFiles;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The start-up warm-up traces the first model, and quietly does nothing with a file it cannot use. */
class EngineWarmupTest {
    @TempDir Path dir;

    @Test void tracesTheShippedModelAndSkipsWhatItCannotRead() throws Exception {
        Path model = ModelFiles.defaultModel();
        Assumptions.assumeTrue(Files.isRegularFile(model), "skipped: no shipped model at " + model);
        assertEquals(2, EngineWarmup.run(model, GlassboxApplication.DEFAULT_PROMPT, 2));
        assertEquals(1, EngineWarmup.run(model, "x".repeat(5000), 1), "a prompt longer than the context is cut as the pipeline cuts it");
        assertEquals(1, EngineWarmup.run(model, "", 1));
        Path bad = dir.resolve("bad.gguf");
        Files.write(bad, new byte[]{'G', 'G', 'U', 'F', 3, 0, 0, 0, 1});
        assertEquals(0, EngineWarmup.run(bad, "hello", 2), "a truncated file: no pass, no exception");
        assertEquals(0, EngineWarmup.run(dir.resolve("missing.gguf"), "hello", 2));
        assertEquals(0, EngineWarmup.run(dir, "hello", 2), "a folder");
    }
}
