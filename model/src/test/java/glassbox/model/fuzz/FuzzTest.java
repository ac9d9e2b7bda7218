package glassbox.model.fuzz;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Damages real and written model files thousands of ways and loads each the way the app would:
 * every case must end in a valid model or a one-line error naming the file — never another
 * exception, an OutOfMemoryError, a hang, or an allocation the file's size does not justify.
 * {@code -Dglassbox.fuzz.cases=N} sets the budget (default 2,000); the seed is fixed, so a failure reproduces.
 */
class FuzzTest {
    private static final long SEED = 0x6c617373626f78L;

    @Test
    void damagedFilesEndInAValidModelOrAClearError(@TempDir Path work) throws Exception {
        int budget = Integer.getInteger("glassbox.fuzz.cases", 2000);
        long cpuLimit = Long.getLong("glassbox.fuzz.cpuMs", 2000);
        Files.createDirectories(work.resolve("seeds"));
        List<Seed> seeds = Seeds.all(work.resolve("seeds"));
        int weights = seeds.stream().mapToInt(Seed::weight).sum();
        Tally tally = new Tally();
        List<String> failures = new ArrayList<>();
        long t0 = System.nanoTime();
        try (FuzzHarness harness = new FuzzHarness(work, cpuLimit)) {
            for (Seed seed : seeds) {
                // the unmutated seed must load: otherwise every case would be a trivial clear error
                Outcome clean = harness.run(seed, seed.targetBytes(), true);
                assertEquals(Outcome.Verdict.VALID, clean.verdict(), seed.name() + " does not load unmutated: " + clean.detail() + " (allocated " + clean.allocatedBytes() + " bytes, file " + seed.targetBytes().length + ")");
                Mutator mutator = new Mutator(seed.targetBytes(), seed.format());
                List<Mutation> kinds = mutator.kinds();
                int cases = Math.max(kinds.size(), budget * seed.weight() / weights);
                long seedStart = System.nanoTime();
                for (int c = 0; c < cases; c++) {
                    Mutation kind = kinds.get(c % kinds.size());
                    if (kind == Mutation.EMPTY && c >= kinds.size()) kind = Mutation.TRUNCATE_AT_BOUNDARY; // one empty file is enough
                    Random r = new Random(SEED ^ seed.name().hashCode() * 1_000_003L ^ c);
                    Mutator.Mutant m = mutator.mutate(kind, r);
                    Outcome o = harness.run(seed, m.bytes());
                    tally.add(seed.name(), m.kind(), o);
                    if (o.failed()) {
                        failures.add(seed.name() + " case " + c + " " + m.kind() + " [" + m.what() + "]: " + o.detail()
                                + (o.error() == null ? "" : " — " + o.error() + at(o.error())));
                        save(seed, c, m);
                    }
                }
                tally.time(seed.name(), System.nanoTime() - seedStart);
            }
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println(tally.report(ms));
        failures.stream().limit(40).forEach(f -> System.out.println("FAILURE " + f));
        assertTrue(failures.isEmpty(), failures.size() + " fuzz failures, first: " + (failures.isEmpty() ? "" : failures.getFirst()));
    }

    private static String at(Throwable t) {
        StackTraceElement[] st = t.getStackTrace();
        return st.length == 0 ? "" : " at " + st[0];
    }

    /** Failing inputs are kept under target/fuzz-failures to become regression tests. */
    private static void save(Seed seed, int c, Mutator.Mutant m) throws IOException {
        Path dir = Path.of("target", "fuzz-failures");
        Files.createDirectories(dir);
        Files.write(dir.resolve(seed.target() + "." + c + "." + m.kind()), m.bytes());
    }

    /** Counts per seed and per mutation kind. */
    static final class Tally {
        private final Map<String, int[]> bySeed = new TreeMap<>();
        private final Map<String, Long> nanos = new TreeMap<>();
        private final Map<String, int[]> byKind = new TreeMap<>();
        private final Map<String, Integer> failureKinds = new TreeMap<>();
        private long maxAllocated, maxCpu;
        private int total;

        void time(String seed, long ns) { nanos.put(seed, ns); }

        void add(String seed, Mutation kind, Outcome o) {
            int slot = o.verdict().ordinal();
            bySeed.computeIfAbsent(seed, k -> new int[3])[slot]++;
            byKind.computeIfAbsent(kind.name(), k -> new int[3])[slot]++;
            if (o.failed()) failureKinds.merge(o.detail(), 1, Integer::sum);
            maxAllocated = Math.max(maxAllocated, o.allocatedBytes());
            maxCpu = Math.max(maxCpu, o.cpuNanos());
            total++;
        }

        String report(long ms) {
            StringBuilder b = new StringBuilder();
            int[] sum = new int[3];
            bySeed.values().forEach(v -> { for (int k = 0; k < 3; k++) sum[k] += v[k]; });
            b.append(String.format("Fuzz: %d cases in %.1f s: %d valid, %d clear errors, %d failures; max allocated while loading %.1f MB,"
                    + " max CPU of a case %d ms%n", total, ms / 1000.0, sum[0], sum[1], sum[2], maxAllocated / 1e6, maxCpu / 1_000_000));
            b.append(String.format("%-36s %7s %7s %7s %9s%n", "seed", "valid", "clear", "fail", "ms/case"));
            bySeed.forEach((k, v) -> b.append(String.format("%-36s %7d %7d %7d %9.1f%n", k, v[0], v[1], v[2],
                    nanos.getOrDefault(k, 0L) / 1e6 / Math.max(1, v[0] + v[1] + v[2]))));
            b.append(String.format("%-36s %7s %7s %7s%n", "mutation", "valid", "clear", "fail"));
            byKind.forEach((k, v) -> b.append(String.format("%-36s %7d %7d %7d%n", k, v[0], v[1], v[2])));
            failureKinds.forEach((k, v) -> b.append("failures: ").append(v).append(" × ").append(k).append('\n'));
            return b.toString();
        }
    }
}
