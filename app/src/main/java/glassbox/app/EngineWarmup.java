package glassbox.app;

import glassbox.model.tokenizer.Tokenizer;
import glassbox.model.transformer.ContextWindow;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs the first model's traced pass on the saved prompt while JavaFX starts: the Vector API kernels run
 * interpreted (~100× slower) until the JIT compiles them, which made the first result take seconds.
 */
final class EngineWarmup {
    /** Larger files warm up within their own first pass (long loops compile quickly), and a second pass would compete. */
    static final long MAX_BYTES = 64L << 20;

    private EngineWarmup() {}

    /** Starts the warm-up on a low-priority daemon thread; any failure is ignored (the real open reports it). */
    static Thread start(Path model, String prompt) {
        if (model == null || !Boolean.parseBoolean(System.getProperty("glassbox.warmup", "true"))) return null;
        Thread t = new Thread(() -> run(model, prompt, 3), "glassbox-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
        return t;
    }

    /** Opens its own copy of the model (mapped, so the pages are shared) and traces the prompt a few times. */
    static int run(Path model, String prompt, int passes) {
        int done = 0;
        try {
            if (!Files.isRegularFile(model) || Files.size(model) > MAX_BYTES) return 0;
            try (EngineModel m = EngineModel.open(model)) {
                // as the pipeline feeds it: tokenized with steps, BOS first, the end that fits the context
                int[] ids = m.tokenizer().encodeWithSteps(prompt == null || prompt.isBlank() ? "The" : prompt).ids();
                int bos = m.usesBos() ? m.tokenizer().bos() : -1;
                if (bos >= 0) ids = Tokenizer.concat(bos, ids);
                ids = ContextWindow.fit(ids, m.config().contextLength(), bos >= 0).ids();
                if (ids.length == 0) return 0;
                for (; done < passes; done++) {
                    m.trace(ids);
                    StartupTiming.mark("warm-up pass " + (done + 1) + " done");
                }
            }
        } catch (Exception | OutOfMemoryError | StackOverflowError ignored) {
            // a file that cannot be read is reported by the window's own open
        }
        return done;
    }
}
