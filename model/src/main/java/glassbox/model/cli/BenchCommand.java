package glassbox.model.cli;

import glassbox.model.config.ModelConfig;
import glassbox.model.json.JsonWriter;
import glassbox.model.tensor.Bandwidth;
import glassbox.model.transformer.Sampler;
import glassbox.model.transformer.Transformer;

import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code glassbox bench}: decode and prefill speed against the machine's own memory bandwidth. */
public final class BenchCommand implements Command {
    private static final long BANDWIDTH_BYTES = 512L << 20;   // well above the L3, so it measures DRAM

    @Override public String name() { return "bench"; }

    @Override public String summary() { return "decode/prefill speed and the share of memory bandwidth reached"; }

    @Override public String usage() {
        return """
                usage: glassbox bench (--model FILE | --shape 15M|42M|110M|gpt2-124M) [--threads N] [--seconds S] [--json]
                  --model FILE   a model file (llama2.c .bin, GGUF)
                  --shape NAME   a deterministic random-weight model of that shape (llama2.c layout, 32000 vocab; gpt2-124M:
                                 GPT-2 layout), generated in a temp folder and deleted afterwards
                  --threads N    only this thread count (default: 1 and every core)
                  --seconds S    time spent per measurement (default 2)
                  --json         last line: {"bandwidth_gb_s": …, "cases": [{"name","threads","decode_tok_s","prefill_tok_s",
                                 "prefill_trace_tok_s","trace_cost","gb_s","ceiling_pct"}, …]}
                Decode feeds BOS then greedy tokens; prefill runs a 64-token prompt with and without the full trace, in
                turns (trace_cost: the median of traced ÷ plain time over those pairs).""";
    }

    record Case(String name, int threads, double decode, double decodePerCpu, double prefill, double prefillTrace, double prefillPerCpu, double prefillTracePerCpu, double traceCost, double gbs, double pct) {}

    @Override public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        String modelFlag = args.string("model", null);
        String shape = args.string("shape", null);
        int onlyThreads = args.integer("threads", 0);
        double seconds = args.number("seconds", 2);
        boolean json = args.flag("json");
        args.finish();
        if ((modelFlag == null) == (shape == null)) throw new CliException("give exactly one of --model FILE or --shape 15M|42M|110M|gpt2-124M");
        if (onlyThreads < 0 || onlyThreads > 256) throw new CliException("--threads must be between 1 and 256");
        if (!(seconds > 0 && seconds <= 600)) throw new CliException("--seconds must be in (0, 600]");
        int cores = Runtime.getRuntime().availableProcessors();
        List<Integer> threadCounts = onlyThreads > 0 ? List.of(onlyThreads) : cores > 1 ? List.of(1, cores) : List.of(1);

        Map<Integer, Double> bandwidth = new LinkedHashMap<>();
        for (int t : threadCounts) bandwidth.put(t, Bandwidth.measure(t, BANDWIDTH_BYTES));
        if (!json) bandwidth.forEach((t, bw) -> out.printf(Locale.ROOT, "memory bandwidth (Vector API read, %d thread%s): %.1f GB/s%n", t, t == 1 ? "" : "s", bw));

        List<Case> cases = new ArrayList<>();
        Path tempDir = null;
        AutoCloseable resource = null;
        try {
            Transformer base;
            String name;
            if (shape != null && shape.equalsIgnoreCase("gpt2-124M")) {
                ModelConfig c = ModelConfig.gpt2("gpt2-124M (random)", 768, 3072, 12, 12, 50257, 1024);
                Arena arena = Arena.ofShared();
                resource = arena;
                base = new Transformer(c, RandomModels.gpt2(c, arena), 1);
                name = c.name();
            } else if (shape != null) {
                int[] s = RandomModels.llamaShape(shape);
                if (s == null) throw new CliException("unknown --shape " + shape + " (15M, 42M, 110M, gpt2-124M)");
                tempDir = Files.createTempDirectory("glassbox-bench");
                Path file = tempDir.resolve("stories" + shape.toUpperCase(Locale.ROOT) + "-random.bin");
                RandomModels.writeLlama2c(file, s);
                var ckpt = RandomModels.open(file);
                resource = ckpt;
                base = new Transformer(ckpt.config(), ckpt.weights(), 1);
                name = shape.toUpperCase(Locale.ROOT) + " (random, llama2.c)";
            } else {
                var loaded = ModelOptions.open(new Args(new String[]{"--model", modelFlag}, Cli.SWITCHES));
                resource = loaded;
                base = loaded.transformer();
                name = loaded.source().getFileName().toString();
            }
            long bytesPerToken = base.weights().bytesPerToken();
            if (!json) out.printf(Locale.ROOT, "%s: %,d parameters, %.1f MB of weights read per token%n", name,
                    base.weights().parameterCount(), bytesPerToken / 1e6);
            for (int t : threadCounts) {
                Transformer m = base.withThreads(t);
                double[] dec = decode(m, seconds);
                double decode = dec[0];
                double[] prefill = prefill(m, seconds / 2);   // plain and traced in turns, over `seconds` together
                double gbs = decode * bytesPerToken / 1e9;
                var c = new Case(name, t, decode, dec[1], prefill[0], prefill[1], prefill[2], prefill[3], prefill[4], gbs, 100 * gbs / bandwidth.get(t));
                cases.add(c);
                if (!json) {
                    out.printf(Locale.ROOT, "  %d thread%s: decode %.1f tok/s (%.2f GB/s, %.0f%% of the %.1f GB/s ceiling%s); "
                                    + "prefill 64 tokens %.1f tok/s (%.1f ms), with the full trace %.1f tok/s (%.1f ms; %.2f× the plain pass, median of pairs)%n",
                            t, t == 1 ? " " : "s", decode, gbs, c.pct(), bandwidth.get(t),
                            t == 1 ? String.format(Locale.ROOT, "; %.1f tok per CPU-second", dec[1]) : "",
                            prefill[0], 64_000 / prefill[0], prefill[1], 64_000 / prefill[1], prefill[4]);
                    if (t == 1) out.printf(Locale.ROOT, "             per CPU-second (what an idle core would do): decode %.1f tok/s, prefill %.1f tok/s, with the full trace %.1f tok/s%n",
                            dec[1], prefill[2], prefill[3]);
                }
            }
        } finally {
            if (resource != null) resource.close();
            if (tempDir != null) {
                try (var files = Files.list(tempDir)) { for (Path p : files.toList()) Files.deleteIfExists(p); }
                Files.deleteIfExists(tempDir);
            }
        }
        var w = new JsonWriter().beginObject().field("bandwidth_gb_s", round(bandwidth.get(threadCounts.getLast())));
        w.name("bandwidth_by_threads").beginObject();
        bandwidth.forEach((t, bw) -> w.field(String.valueOf(t), round(bw)));
        w.endObject().name("cases").beginArray();
        for (Case c : cases) {
            w.beginObject().field("name", c.name()).field("threads", c.threads()).field("decode_tok_s", round(c.decode()))
                    .field("decode_tok_per_cpu_s", round(c.decodePerCpu()))
                    .field("prefill_tok_s", round(c.prefill())).field("prefill_trace_tok_s", round(c.prefillTrace()))
                    .field("prefill_tok_per_cpu_s", round(c.prefillPerCpu())).field("prefill_trace_tok_per_cpu_s", round(c.prefillTracePerCpu()))
                    .field("trace_cost", round(c.traceCost()))
                    .field("gb_s", round(c.gbs())).field("ceiling_pct", round(c.pct())).endObject();
        }
        w.endArray().endObject();
        if (json) out.println(w);
        return 0;
    }

    /** Tokens per second decoding BOS then greedy tokens, sessions of up to 128 positions, after a warm-up. */
    static double[] decode(Transformer m, double seconds) {
        int perSession = Math.min(128, m.config().contextLength());
        long w0 = System.nanoTime();
        do { runDecode(m, Math.min(perSession, 32)); } while (System.nanoTime() - w0 < seconds * 5e8);   // warm-up (JIT)
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long tokens = 0, t0 = System.nanoTime(), c0 = mx.getCurrentThreadCpuTime();
        do { tokens += runDecode(m, perSession); } while (System.nanoTime() - t0 < seconds * 1e9);
        double wall = (System.nanoTime() - t0) / 1e9, cpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
        return new double[]{tokens / wall, tokens / cpu};
    }

    private static int runDecode(Transformer m, int n) {
        var s = m.newSession();
        int token = 1;
        for (int i = 0; i < n; i++) token = Sampler.argmax(s.step(token));
        return n;
    }

    /**
     * {prefill tok/s, with-trace tok/s, prefill per CPU-second, with-trace per CPU-second, the trace's cost (median
     * traced ÷ plain time over pairs)} for a 64-token prompt. Plain and traced passes alternate, so both see the same
     * machine: run one after the other, their ratio moved by ±40% on a shared VM.
     */
    static double[] prefill(Transformer m, double seconds) {
        int n = Math.min(64, m.config().contextLength());
        int[] prompt = new int[n];
        prompt[0] = 1;
        for (int i = 1; i < n; i++) prompt[i] = (int) ((i * 2654435761L) % m.config().vocabSize());
        long w0 = System.nanoTime();
        do { m.logits(prompt); m.trace(prompt); } while (System.nanoTime() - w0 < seconds * 5e8);   // warm-up (JIT)
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        List<Double> ratios = new ArrayList<>();
        long plainNs = 0, tracedNs = 0, plainCpu = 0, tracedCpu = 0, t0 = System.nanoTime();
        do {
            long a = System.nanoTime(), ca = mx.getCurrentThreadCpuTime();
            m.logits(prompt);
            long b = System.nanoTime(), cb = mx.getCurrentThreadCpuTime();
            m.trace(prompt);
            long c = System.nanoTime(), cc = mx.getCurrentThreadCpuTime();
            plainNs += b - a; tracedNs += c - b; plainCpu += cb - ca; tracedCpu += cc - cb;
            ratios.add((double) (c - b) / Math.max(1, b - a));
        } while (System.nanoTime() - t0 < 2 * seconds * 1e9);
        int runs = ratios.size();
        Collections.sort(ratios);
        double median = runs % 2 == 1 ? ratios.get(runs / 2) : (ratios.get(runs / 2 - 1) + ratios.get(runs / 2)) / 2;
        return new double[]{runs * n / (plainNs / 1e9), runs * n / (tracedNs / 1e9), runs * n / (plainCpu / 1e9), runs * n / (tracedCpu / 1e9), median};
    }

    private static double round(double v) { return Math.round(v * 100) / 100.0; }
}
