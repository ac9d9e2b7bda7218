package glassbox.model.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.DoubleAdder;

/** Measures the memory bandwidth a Vector-API read reaches, the ceiling for decode (which streams every weight once). */
public final class Bandwidth {
    private Bandwidth() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Sequential streams each thread reads at once: four keep more reads in flight than one (17–19 against 11–13 GB/s on one thread here). */
    static final int STREAMS = 4;

    /**
     * GB/s (10⁹ bytes) reading a buffer much larger than the caches (at most 1 GB of it), best of a few passes, on this
     * many threads: a heap array (what decode's weights are, ~8% faster) when it takes at most a quarter of the heap.
     */
    public static double measure(int threads, long bytes) {
        bytes = Math.min(bytes, 1L << 30);
        Parallel pool = Parallel.of(threads);
        int chunks = threads * 16;
        int part = (int) (bytes / Float.BYTES / chunks / STREAMS) / S.length() * S.length(), chunkFloats = part * STREAMS;
        long total = (long) chunkFloats * chunks;
        boolean onHeap = total * Float.BYTES <= Runtime.getRuntime().maxMemory() / 4;
        try (Arena arena = Arena.ofShared()) {
            float[] a = onHeap ? new float[(int) total] : null;
            MemorySegment seg = onHeap ? null : arena.allocate(total * Float.BYTES, 64);
            if (onHeap) java.util.Arrays.fill(a, 1f); else seg.fill((byte) 1);
            double best = 0;
            DoubleAdder sink = new DoubleAdder();
            for (int pass = 0; pass < 6; pass++) {
                long t0 = System.nanoTime();
                pool.forRange(chunks, 1, (c0, c1) -> {
                    float s = 0;   // each chunk's four quarters, read side by side like the matrix·vector kernel's rows
                    for (int c = c0; c < c1; c++) s += onHeap ? read(a, c * chunkFloats, part) : read(seg, (long) c * chunkFloats * Float.BYTES, (long) part * Float.BYTES);
                    sink.add(s);
                });
                double s = (System.nanoTime() - t0) / 1e9;
                best = Math.max(best, total * Float.BYTES / s / 1e9);
            }
            if (sink.sum() == 42) System.out.print("");   // keeps the reads alive
            return best;
        }
    }

    private static float read(float[] a, int b, int part) {
        var s0 = FloatVector.zero(S); var s1 = FloatVector.zero(S); var s2 = FloatVector.zero(S); var s3 = FloatVector.zero(S);
        for (int o = 0; o < part; o += S.length()) {
            s0 = s0.add(FloatVector.fromArray(S, a, b + o));
            s1 = s1.add(FloatVector.fromArray(S, a, b + part + o));
            s2 = s2.add(FloatVector.fromArray(S, a, b + 2 * part + o));
            s3 = s3.add(FloatVector.fromArray(S, a, b + 3 * part + o));
        }
        return s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
    }

    /** The first bytes of m (rounded down to whole vectors per quarter) read as four side-by-side quarters; their sum keeps the reads alive. */
    public static float read(MemorySegment m, long bytes) { return read(m, 0, bytes / STREAMS / S.vectorByteSize() * S.vectorByteSize()); }

    private static float read(MemorySegment m, long b, long part) {
        var s0 = FloatVector.zero(S); var s1 = FloatVector.zero(S); var s2 = FloatVector.zero(S); var s3 = FloatVector.zero(S);
        ByteOrder le = ByteOrder.LITTLE_ENDIAN;
        for (long o = 0; o < part; o += S.vectorByteSize()) {
            s0 = s0.add(FloatVector.fromMemorySegment(S, m, b + o, le));
            s1 = s1.add(FloatVector.fromMemorySegment(S, m, b + part + o, le));
            s2 = s2.add(FloatVector.fromMemorySegment(S, m, b + 2 * part + o, le));
            s3 = s3.add(FloatVector.fromMemorySegment(S, m, b + 3 * part + o, le));
        }
        return s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
    }
}
