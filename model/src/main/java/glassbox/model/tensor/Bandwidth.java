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

    /** GB/s (10⁹ bytes) reading a buffer much larger than the caches, best of a few passes, on this many threads. */
    public static double measure(int threads, long bytes) {
        Parallel pool = Parallel.of(threads);
        try (Arena arena = Arena.ofShared()) {
            MemorySegment seg = arena.allocate(bytes, 64);
            seg.fill((byte) 1);
            int chunks = threads * 64;
            long chunkBytes = bytes / chunks / 256 * 256;
            double best = 0;
            DoubleAdder sink = new DoubleAdder();
            for (int pass = 0; pass < 6; pass++) {
                long t0 = System.nanoTime();
                pool.forRange(chunks, 1, (a, b) -> {
                    var acc = FloatVector.zero(S);
                    var acc2 = FloatVector.zero(S);
                    int step = S.length() * 4;
                    for (int c = a; c < b; c++) {
                        long base = c * chunkBytes;
                        for (long o = 0; o < chunkBytes; o += 2L * step) {
                            acc = acc.add(FloatVector.fromMemorySegment(S, seg, base + o, ByteOrder.LITTLE_ENDIAN));
                            acc2 = acc2.add(FloatVector.fromMemorySegment(S, seg, base + o + step, ByteOrder.LITTLE_ENDIAN));
                        }
                    }
                    sink.add(acc.add(acc2).reduceLanes(VectorOperators.ADD));
                });
                double s = (System.nanoTime() - t0) / 1e9;
                best = Math.max(best, chunkBytes * chunks / s / 1e9);
            }
            if (sink.sum() == 42) System.out.print("");   // keeps the reads alive
            return best;
        }
    }
}
