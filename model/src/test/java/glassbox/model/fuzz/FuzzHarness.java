package glassbox.model.fuzz;

import glassbox.model.io.ModelFormatException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one damaged case: writes the seed's files into a fresh folder with the target replaced, loads
 * them on a worker thread under a time limit, measures what the worker allocated, and classifies the end.
 */
final class FuzzHarness implements AutoCloseable {
    /** Scratch a forward pass over 4 tokens may churn through (≈1/4 of the 4 GB test heap): more means a forged size. */
    static final long USE_CAP = 1L << 30;

    private final Path work;
    private final long cpuLimitMillis;
    /** Wall-clock limit: only a hang gets here, whatever else runs on the machine. */
    private static final long HANG_MILLIS = 30_000;
    private ExecutorService worker = newWorker();
    private int folder;

    /** @param cpuLimitMillis the CPU time one case may use (loading + a short forward pass) */
    FuzzHarness(Path work, long cpuLimitMillis) {
        this.work = work;
        this.cpuLimitMillis = cpuLimitMillis;
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-case");
            t.setDaemon(true);
            return t;
        });
    }

    /** Bytes a case may allocate: a fixed allowance plus a multiple of what its files justify. */
    static long allocationCap(long fileBytes) { return (96L << 20) + 48 * fileBytes; }

    /** @param allocated by loading; @param used by using the loaded model afterwards */
    private record Ran(String note, Throwable error, long allocated, long used, long cpuNanos) {}

    Outcome run(Seed seed, byte[] mutated) throws IOException { return run(seed, mutated, false); }

    /** @param warmUp the first case of a seed: the JIT is still compiling, so no CPU limit */
    Outcome run(Seed seed, byte[] mutated, boolean warmUp) throws IOException {
        Path dir = work.resolve("case" + (folder++ % 8));
        clear(dir);
        Files.createDirectories(dir);
        long total = 0;
        for (Map.Entry<String, byte[]> f : seed.files().entrySet()) {
            byte[] bytes = f.getKey().equals(seed.target()) ? mutated : f.getValue();
            Files.write(dir.resolve(f.getKey()), bytes);
            total += bytes.length;
        }
        Future<Ran> future = worker.submit(() -> {
            AllocationMeter.reset();
            long cpu = AllocationMeter.cpuNanos();
            long before = AllocationMeter.now();
            String note = null;
            Throwable error = null;
            try {
                note = seed.loader().load(dir);
            } catch (Throwable t) {
                error = t;
            }
            long end = AllocationMeter.now(), loaded = AllocationMeter.loadedAt() < 0 ? end : AllocationMeter.loadedAt();
            return new Ran(note, error, loaded - before, end - loaded, AllocationMeter.cpuNanos() - cpu);
        });
        Ran ran;
        try {
            ran = future.get(HANG_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            worker.shutdownNow();
            worker = newWorker();   // the stuck thread is a daemon; a fresh one takes the next case
            return new Outcome(Outcome.Verdict.FAILURE, "timeout (hang)", null, -1, -1);
        } catch (InterruptedException | ExecutionException e) {
            return new Outcome(Outcome.Verdict.FAILURE, "harness: " + e, e, -1, -1);
        }
        Outcome o = classify(seed, ran, dir);
        if (ran.allocated > allocationCap(total)) {
            return new Outcome(Outcome.Verdict.FAILURE, "over-allocation while loading", ran.error, ran.allocated, ran.cpuNanos);
        }
        if (ran.used > USE_CAP) return new Outcome(Outcome.Verdict.FAILURE, "over-allocation while running", ran.error, ran.used, ran.cpuNanos);
        if (!warmUp && ran.cpuNanos > cpuLimitMillis * 1_000_000) {
            return new Outcome(Outcome.Verdict.FAILURE, "too slow (" + ran.cpuNanos / 1_000_000 + " ms CPU)", ran.error, ran.allocated, ran.cpuNanos);
        }
        return o;
    }

    private static Outcome classify(Seed seed, Ran ran, Path dir) {
        Throwable t = ran.error;
        if (t == null) return new Outcome(Outcome.Verdict.VALID, ran.note, null, ran.allocated, ran.cpuNanos);
        if (t instanceof ModelFormatException || t instanceof IOException) {
            String m = t.getMessage();
            boolean oneLine = m != null && !m.isBlank() && m.length() <= 500 && m.chars().noneMatch(Character::isISOControl);
            boolean namesFile = m != null && (m.contains(dir.getFileName().toString())
                    || seed.files().keySet().stream().anyMatch(m::contains));
            if (oneLine && namesFile) return new Outcome(Outcome.Verdict.CLEAR_ERROR, m, t, ran.allocated, ran.cpuNanos);
            return new Outcome(Outcome.Verdict.FAILURE, "unclear message (" + t.getClass().getSimpleName() + ")", t, ran.allocated, ran.cpuNanos);
        }
        return new Outcome(Outcome.Verdict.FAILURE, t.getClass().getSimpleName(), t, ran.allocated, ran.cpuNanos);
    }

    private static void clear(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) Files.delete(p);
        }
    }

    @Override public void close() { worker.shutdownNow(); }
}
