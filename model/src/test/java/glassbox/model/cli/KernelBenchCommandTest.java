package glassbox.model.cli;

import glassbox.model.json.Json;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** bench-kernels through the CLI: the JSON shape and the flag checks (figures themselves come from running it). */
class KernelBenchCommandTest {
    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test void jsonListsEveryRequestedTypeWithItsByteSize() {
        var r = run("bench-kernels", "--rows", "16", "--cols", "512", "--runs", "1", "--footprint-mb", "1", "--warmup-s", "0.05", "--types", "q8_0,Q4_K,F16", "--json");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().strip().split("\n");
        Map<String, Object> j = Json.parseObject(lines[lines.length - 1]);
        assertTrue(((Number) j.get("bandwidth_gb_s")).doubleValue() > 0);
        List<?> kernels = (List<?>) j.get("kernels");
        assertEquals(3, kernels.size());
        // bytes of one 16×512 matrix: F16 2 bytes each, Q8_0 34 per 32, Q4_K 144 per 256
        Map<String, Long> expected = Map.of("F16", 16L * 512 * 2, "Q8_0", 16L * 512 / 32 * 34, "Q4_K", 16L * 512 / 256 * 144);
        for (Object o : kernels) {
            var k = (Map<?, ?>) o;
            String type = (String) k.get("type");
            assertEquals(expected.get(type), ((Number) k.get("bytes")).longValue(), type);
            double gbs = ((Number) k.get("gb_s")).doubleValue(), pct = ((Number) k.get("ceiling_pct")).doubleValue();
            double bw = ((Number) j.get("bandwidth_gb_s")).doubleValue();
            assertTrue(gbs >= 0 && Double.isFinite(gbs), type);
            // the percentage is the GB/s over the ceiling (both rounded to 0.01 in the JSON)
            // rounding bw to 0.01 moves the ratio by up to 0.005/bw relative (large when a tiny test run reads little)
            assertEquals(100 * gbs / bw, pct, pct * (0.02 + 0.006 / bw) + 100 * 0.006 / bw + 0.01, type);
            // the in-cache figure is the kernel's arithmetic ceiling; "compute" means it is below the memory ceiling
            double inCache = ((Number) k.get("in_cache_gb_s")).doubleValue();
            assertTrue(inCache > 0 && Double.isFinite(inCache), type + " in-cache " + inCache);
            if (Math.abs(inCache - bw) > 0.02) assertEquals(inCache < bw ? "compute" : "memory", k.get("bound"), type);
        }
    }

    @Test void twoThreadsReadTheSameMatrices() {
        // the matrices live in one arena that the pool's second thread reads as well (a confined arena refused it)
        var r = run("bench-kernels", "--rows", "256", "--cols", "512", "--runs", "1", "--footprint-mb", "1", "--warmup-s", "0.05",
                "--types", "F32,Q8_0", "--threads", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Q8_0"), r.out());
    }

    @Test void badFlagsGiveAClearMessage() {
        var r = run("bench-kernels", "--cols", "100");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("multiple of 256"), r.err());
        r = run("bench-kernels", "--types", "Q5_K");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown type Q5_K"), r.err());
        r = run("bench-kernels", "--threads", "0");
        assertEquals(2, r.code());
    }
}
