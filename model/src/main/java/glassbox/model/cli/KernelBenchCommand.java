package glassbox.model.cli;

import glassbox.model.json.JsonWriter;
import glassbox.model.tensor.BF16Tensor;
import glassbox.model.tensor.Bandwidth;
import glassbox.model.tensor.F16Tensor;
import glassbox.model.tensor.F32Tensor;
import glassbox.model.tensor.FloatTensor;
import glassbox.model.tensor.Parallel;
import glassbox.model.tensor.Q4KTensor;
import glassbox.model.tensor.Q4_0Tensor;
import glassbox.model.tensor.Q6KTensor;
import glassbox.model.tensor.Q8_0Tensor;


import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;

/**
 * {@code glassbox bench-kernels}: matrix·vector speed per storage type, in GB/s of weight bytes, against the
 * machine's read bandwidth measured in the same run. Decode streams every weight once per token, so each
 * type's ceiling is that bandwidth; the matrices are repeated until they are far larger than the caches.
 */
public final class KernelBenchCommand implements Command {
    /** One storage type: its ggml name, elements and bytes per block, and how to wrap a segment of them. */
    public record Kind(String name, int block, int blockBytes, int[] halfOffsets, Function<MemorySegment, FloatTensor> wrap) {
        /** Bytes of a rows×cols matrix of this type. */
        public long bytes(long elements) { return elements / block * blockBytes; }
    }

    /** The kind named as GGML spells it (the JMH benchmarks pick types by this name). */
    public static Kind kind(String name) {
        return KINDS.stream().filter(k -> k.name().equals(name)).findFirst().orElseThrow(() -> new IllegalArgumentException("no type " + name));
    }

    public static final List<Kind> KINDS = List.of(
            new Kind("F32", 1, 4, new int[0], F32Tensor::new),
            new Kind("F16", 1, 2, new int[0], F16Tensor::new),
            new Kind("BF16", 1, 2, new int[0], BF16Tensor::new),
            new Kind("Q8_0", 32, 34, new int[]{0}, s -> new Q8_0Tensor(s, s.byteSize() / 34 * 32)),
            new Kind("Q4_0", 32, 18, new int[]{0}, s -> new Q4_0Tensor(s, s.byteSize() / 18 * 32)),
            new Kind("Q4_K", 256, 144, new int[]{0, 2}, s -> new Q4KTensor(s, s.byteSize() / 144 * 256)),
            new Kind("Q6_K", 256, 210, new int[]{208}, s -> new Q6KTensor(s, s.byteSize() / 210 * 256)));

    /**
     * One type's figures. inCacheGbs: the kernel on a matrix that stays in L2, per CPU-second of one thread — its
     * arithmetic ceiling; when that times the threads is below the memory ceiling, the kernel cannot reach it.
     */
    record Result(String type, long bytes, double gbs, double gbsPerCpu, double pct, double pctPerCpu, double inCacheGbs) {
        String bound(double ceiling, int threads) { return inCacheGbs * threads < ceiling ? "compute" : "memory"; }
    }

    /** Bytes of the matrix the in-cache figure runs on: well inside a 512 KB–1 MB L2 beside the vector. */
    static final long IN_CACHE_BYTES = 192 << 10;

    @Override public String name() { return "bench-kernels"; }

    @Override public String summary() { return "matrix·vector GB/s per storage type against the memory bandwidth"; }

    @Override public String usage() {
        return """
                usage: glassbox bench-kernels [--rows N] [--cols N] [--threads N] [--types T,T…] [--runs N] [--footprint-mb N] [--warmup-s S] [--json]
                  --rows N, --cols N  matrix shape (default 2048×4096; cols must be a multiple of 256)
                  --threads N         threads for the matvec and the bandwidth read (default 1)
                  --types T,T…        only these (F32,F16,BF16,Q8_0,Q4_0,Q4_K,Q6_K; default all)
                  --runs N            timed passes, the median is reported (default 7)
                  --footprint-mb N    copies of each matrix are cycled so at least this many MB stream per pass (default 256)
                  --warmup-s S        untimed matvecs per type first, so C2 has compiled the kernels (default 1.5)
                  --json              last line: {"bandwidth_gb_s": …, "threads", "rows", "cols",
                                      "kernels": [{"type","bytes","gb_s","ceiling_pct",
                                      "gb_s_per_cpu","ceiling_pct_per_cpu","in_cache_gb_s","bound"}, …]}
                                      (per-CPU figures with one thread only)
                Random weights (sane scales, random quant bits); GB/s counts the bytes of weights read.""";
    }

    @Override public int run(Args args, PrintStream out, PrintStream err) {
        int rows = args.integer("rows", 2048), cols = args.integer("cols", 4096), threads = args.integer("threads", 1);
        int runs = args.integer("runs", 7);
        long footprint = args.longValue("footprint-mb", 256);
        double warmup = args.number("warmup-s", 1.5);
        String typesFlag = args.string("types", null);
        boolean json = args.flag("json");
        args.finish();
        if (rows < 1 || rows > 1 << 16) throw new CliException("--rows must be between 1 and 65536");
        if (cols < 256 || cols > 1 << 16 || cols % 256 != 0) throw new CliException("--cols must be a multiple of 256 between 256 and 65536");
        if (threads < 1 || threads > 256) throw new CliException("--threads must be between 1 and 256");
        if (runs < 1 || runs > 1000) throw new CliException("--runs must be between 1 and 1000");
        if (!(warmup >= 0 && warmup <= 60)) throw new CliException("--warmup-s must be between 0 and 60");
        if (footprint < 1 || footprint > 8192) throw new CliException("--footprint-mb must be between 1 and 8192");
        List<Kind> kinds = KINDS;
        if (typesFlag != null) {
            List<String> wanted = Arrays.stream(typesFlag.split(",")).map(s -> s.strip().toUpperCase(Locale.ROOT)).toList();
            kinds = KINDS.stream().filter(k -> wanted.contains(k.name())).toList();
            for (String w : wanted) if (KINDS.stream().noneMatch(k -> k.name().equals(w))) throw new CliException("unknown type " + w + " in --types");
        }

        Parallel pool = Parallel.of(threads);
        // ceiling: wall-clock from the shared probe; per CPU-second from a single-thread read (meaningful on a busy machine)
        double ceiling = Bandwidth.measure(threads, footprint << 21);
        double ceilingPerCpu = threads == 1 ? readPerCpu(footprint << 21, runs) : Double.NaN;
        if (!json) {
            out.printf(Locale.ROOT, "memory bandwidth (Vector API read, %d thread%s): %.1f GB/s; matvec %d×%d, median of %d passes over ≥ %d MB%n",
                    threads, threads == 1 ? "" : "s", ceiling, rows, cols, runs, footprint);
            if (threads == 1) out.printf(Locale.ROOT, "read bandwidth per CPU-second of the calling thread (what an idle core sees): %.1f GB/s%n", ceilingPerCpu);
            out.printf(Locale.ROOT, "  %-5s %10s %9s %8s %9s %8s %11s %8s%n", "type", "MB/matrix", "GB/s", "ceiling", "GB/s/CPU", "ceiling",
                    "in-L2 GB/s", "bound");
        }
        List<Result> results = new ArrayList<>();
        if (!json) out.println("  (in-L2: one thread, per CPU-second, on a " + (IN_CACHE_BYTES >> 10) + " KB matrix that stays in cache: what the kernel's "
                + "arithmetic allows; \"compute\" when that times the threads is below the memory ceiling)");
        for (Kind k : kinds) {
            Result r = measure(k, rows, cols, pool, runs, footprint << 20, warmup, ceiling, ceilingPerCpu);
            results.add(r);
            if (!json) out.printf(Locale.ROOT, "  %-5s %10.1f %9.2f %7.0f%% %9s %8s %11.2f %8s%n", r.type(), r.bytes() / 1e6, r.gbs(), r.pct(),
                    threads == 1 ? String.format(Locale.ROOT, "%.2f", r.gbsPerCpu()) : "-",
                    threads == 1 ? String.format(Locale.ROOT, "%.0f%%", r.pctPerCpu()) : "-", r.inCacheGbs(), r.bound(ceiling, threads));
        }
        var w = new JsonWriter().beginObject().field("bandwidth_gb_s", round(ceiling));
        if (threads == 1) w.field("bandwidth_gb_s_per_cpu", round(ceilingPerCpu));
        w.field("threads", threads)
                .field("rows", rows).field("cols", cols).name("kernels").beginArray();
        for (Result r : results) {
            w.beginObject().field("type", r.type()).field("bytes", r.bytes()).field("gb_s", round(r.gbs()))
                    .field("ceiling_pct", round(r.pct()))
                    .field("in_cache_gb_s", round(r.inCacheGbs())).field("bound", r.bound(ceiling, threads));
            if (threads == 1) w.field("gb_s_per_cpu", round(r.gbsPerCpu())).field("ceiling_pct_per_cpu", round(r.pctPerCpu()));
            w.endObject();
        }
        w.endArray().endObject();
        if (json) out.println(w);
        return 0;
    }

    /** Median GB/s of passes that each run matvec once over every copy (copies defeat the caches). */
    static Result measure(Kind k, int rows, int cols, Parallel pool, int runs, long footprint, double warmup, double ceiling, double ceilingPerCpu) {
        long elements = (long) rows * cols;
        long bytes = elements / k.block() * k.blockBytes();
        int copies = (int) Math.max(1, Math.min(4096, (footprint + bytes - 1) / bytes));
        var mx = ManagementFactory.getThreadMXBean();
        // shared: with --threads N the pool's workers read the matrices too
        try (Arena arena = Arena.ofShared()) {
            MemorySegment first = arena.allocate(bytes, 64);
            fill(k, first, new Random(rows * 31L + cols));
            FloatTensor[] mats = new FloatTensor[copies];
            for (int c = 0; c < copies; c++) {
                MemorySegment s = c == 0 ? first : arena.allocate(bytes, 64).copyFrom(first);
                mats[c] = k.wrap().apply(s);
            }
            float[] x = new float[cols], y = new float[rows];
            Random rnd = new Random(7);
            for (int i = 0; i < cols; i++) x[i] = (float) rnd.nextGaussian();
            long w0 = System.nanoTime();   // warm-up: long enough for C2 to compile the dot loops
            int warm = 0;
            while (warm < 3 || System.nanoTime() - w0 < warmup * 1e9) { for (FloatTensor m : mats) m.matvec(x, 0, y, 0, rows, cols, pool); warm++; }
            double[] wall = new double[runs], cpu = new double[runs];
            for (int r = 0; r < runs; r++) {
                long t0 = System.nanoTime(), c0 = mx.getCurrentThreadCpuTime();
                for (FloatTensor m : mats) m.matvec(x, 0, y, 0, rows, cols, pool);
                wall[r] = (System.nanoTime() - t0) / 1e9;
                cpu[r] = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
            }
            if (Float.isNaN(y[0]) && y.length == -1) System.out.print("");   // keeps y live
            double gbs = (double) bytes * copies / median(wall) / 1e9, perCpu = (double) bytes * copies / median(cpu) / 1e9;
            return new Result(k.name(), bytes, gbs, perCpu, 100 * gbs / ceiling, 100 * perCpu / ceilingPerCpu, inCache(k, cols, runs));
        }
    }

    /** GB/s per CPU-second of one thread running the kernel over a small matrix again and again (it stays in L2). */
    static double inCache(Kind k, int cols, int runs) {
        long rowBytes = k.bytes(cols);
        int rows = (int) Math.max(1, IN_CACHE_BYTES / rowBytes);
        long bytes = rows * rowBytes;
        int reps = (int) Math.max(1, (32L << 20) / bytes);   // ~32 MB of weight reads per timed pass
        var mx = ManagementFactory.getThreadMXBean();
        try (Arena arena = Arena.ofShared()) {
            MemorySegment s = arena.allocate(bytes, 64);
            fill(k, s, new Random(cols));
            FloatTensor m = k.wrap().apply(s);
            float[] x = new float[cols], y = new float[rows];
            Random rnd = new Random(11);
            for (int i = 0; i < cols; i++) x[i] = (float) rnd.nextGaussian();
            // by the clock: a row count the streaming shape never had (an odd last row) can send the kernel back to C2
            long w0 = System.nanoTime();
            do { for (int w = 0; w < reps; w++) m.matvec(x, 0, y, 0, rows, cols, Parallel.SERIAL); } while (System.nanoTime() - w0 < 500_000_000L);
            double[] cpu = new double[Math.max(3, runs)];
            for (int r = 0; r < cpu.length; r++) {
                long c0 = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < reps; i++) m.matvec(x, 0, y, 0, rows, cols, Parallel.SERIAL);
                cpu[r] = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
            }
            if (Float.isNaN(y[0]) && y.length == -1) System.out.print("");   // keeps y live
            return (double) bytes * reps / median(cpu) / 1e9;
        }
    }

    /** GB/s per CPU-second of this thread summing a large buffer with the Vector API, median of a few passes. */
    static double readPerCpu(long bytes, int runs) {
        var mx = ManagementFactory.getThreadMXBean();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(bytes, 64);
            seg.fill((byte) 1);
            float sink = 0;
            for (int w = 0; w < 200; w++) sink += Bandwidth.read(seg, Math.min(bytes, 64 << 10));   // C2 compiles the read first
            double[] cpu = new double[Math.max(3, runs)];
            for (int r = 0; r < cpu.length; r++) {
                long c0 = mx.getCurrentThreadCpuTime();
                sink += Bandwidth.read(seg, bytes);
                cpu[r] = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
            }
            if (sink == 42) System.out.print("");   // keeps the reads alive
            return bytes / median(cpu) / 1e9;
        }
    }

    /** Random contents: gaussian values for float types; random bits with small gaussian f16 scales for blocks. */
    public static void fill(Kind k, MemorySegment s, Random rnd) {
        byte[] buf = new byte[(int) Math.min(s.byteSize(), 1 << 20) / k.blockBytes() * k.blockBytes()];
        for (long at = 0; at < s.byteSize(); at += buf.length) {
            int n = (int) Math.min(buf.length, s.byteSize() - at);
            switch (k.name()) {
                case "F32" -> { for (int i = 0; i < n; i += 4) putInt(buf, i, Float.floatToRawIntBits((float) rnd.nextGaussian())); }
                case "F16" -> { for (int i = 0; i < n; i += 2) putShort(buf, i, Float.floatToFloat16((float) rnd.nextGaussian())); }
                case "BF16" -> { for (int i = 0; i < n; i += 2) putShort(buf, i, (short) (Float.floatToRawIntBits((float) rnd.nextGaussian()) >>> 16)); }
                default -> {
                    rnd.nextBytes(buf);
                    for (int b = 0; b < n; b += k.blockBytes()) {
                        for (int h : k.halfOffsets()) putShort(buf, b + h, Float.floatToFloat16((float) (rnd.nextGaussian() * 0.01)));
                    }
                }
            }
            MemorySegment.copy(MemorySegment.ofArray(buf), 0, s, at, n);
        }
    }

    private static void putShort(byte[] b, int at, short v) { b[at] = (byte) v; b[at + 1] = (byte) (v >> 8); }

    private static void putInt(byte[] b, int at, int v) { putShort(b, at, (short) v); putShort(b, at + 2, (short) (v >>> 16)); }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double round(double v) { return Math.round(v * 100) / 100.0; }
}
