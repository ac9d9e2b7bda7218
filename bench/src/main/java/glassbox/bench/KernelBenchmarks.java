package glassbox.bench;

import glassbox.model.cli.KernelBenchCommand;
import glassbox.model.tensor.FloatTensor;
import glassbox.model.tensor.Parallel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The engine's weight kernels per storage type: one row's dot, the decode matvec (weights streamed from DRAM: copies
 * are cycled so the working set is far above the L3) and the prefill GEMM (64 tokens through a cache-blocked matmul).
 * Bytes and flops per call are in the method comments, to turn a time into GB/s or GFLOPS.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "-XX:InlineSmallCode=8000", "-XX:+UseParallelGC"})
public class KernelBenchmarks {
    @Param({"F32", "F16", "BF16", "Q8_0", "Q4_0", "Q4_K", "Q6_K"}) public String type;
    /** Matrix shape rows×cols (cols a multiple of 256, for the k-quants). */
    @Param({"768"}) public int rows;
    @Param({"768"}) public int cols;
    @Param({"1"}) public int threads;

    private static final long FOOTPRINT = 256L << 20;   // well above the 32 MB L3
    private static final int TOKENS = 64;

    private Arena arena;
    private FloatTensor[] copies;
    private int next;
    private float[] x, y, xs, ys;
    private Parallel pool;

    @Setup(Level.Trial)
    public void setup() {
        var kind = KernelBenchCommand.kind(type);
        long bytes = kind.bytes((long) rows * cols);
        int n = (int) Math.max(1, Math.min(4096, FOOTPRINT / bytes));
        arena = Arena.ofShared();
        MemorySegment first = arena.allocate(bytes, 64);
        KernelBenchCommand.fill(kind, first, new Random(rows * 31L + cols));
        copies = new FloatTensor[n];
        for (int c = 0; c < n; c++) copies[c] = kind.wrap().apply(c == 0 ? first : arena.allocate(bytes, 64).copyFrom(first));
        Random rnd = new Random(7);
        x = new float[cols];
        for (int i = 0; i < cols; i++) x[i] = (float) rnd.nextGaussian();
        xs = new float[TOKENS * cols];
        for (int i = 0; i < xs.length; i++) xs[i] = (float) rnd.nextGaussian();
        y = new float[rows];
        ys = new float[TOKENS * rows];
        pool = Parallel.of(threads);
    }

    @TearDown(Level.Trial)
    public void tearDown() { arena.close(); }

    /** One row (cols weights) · x, from a matrix that sits in L1/L2: the kernel's compute speed. */
    @Benchmark
    public float dot() { return copies[0].dot(0, x, 0, cols); }

    /** rows×cols matrix · x from DRAM (a different copy each call): bytes = rows·cols·bytes-per-weight. */
    @Benchmark
    public float[] matvec() {
        FloatTensor m = copies[next];
        next = next + 1 == copies.length ? 0 : next + 1;
        m.matvec(x, 0, y, 0, rows, cols, pool);
        return y;
    }

    /** 64 tokens through the blocked matmul: 2·64·rows·cols flops. */
    @Benchmark
    public float[] gemm64() {
        copies[0].matmul(xs, TOKENS, ys, rows, cols, pool);
        return ys;
    }
}
