package glassbox.model.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.util.concurrent.atomic.DoubleAdder;

/** Measures the memory bandwidth a Vector-API read reaches, the ceiling for decode (which streams every weight once). */
public final class Bandwidth {
    private Bandwidth() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Sequential streams each thread reads at once: four keep more reads in flight than one (17–19 against 11–13 GB/s on one thread here). */
    static final int STREAMS = 4;

    /** GB/s (10⁹ bytes) reading a heap buffer much larger than the caches (at most 1 GB of it), best of a few passes, on this many threads. */
    public static double measure(int threads, long bytes) {
        bytes = Math.min(bytes, 1L << 30);
        Parallel pool = Parallel.of(threads);
        int chunks = threads * 16;
        int part = (int) (bytes / Float.BYTES / chunks / STREAMS) / S.length() * S.length();
        int chunkFloats = part * STREAMS;
        float[] a = new float[chunkFloats * chunks];
        java.util.Arrays.fill(a, 1f);
        double best = 0;
        DoubleAdder sink = new DoubleAdder();
        for (int pass = 0; pass < 6; pass++) {
            long t0 = System.nanoTime();
            pool.forRange(chunks, 1, (c0, c1) -> {
                var s0 = FloatVector.zero(S); var s1 = FloatVector.zero(S); var s2 = FloatVector.zero(S); var s3 = FloatVector.zero(S);
                for (int c = c0; c < c1; c++) {
                    int b = c * chunkFloats;   // the chunk's four quarters, read side by side like the matrix·vector kernel's rows
                    for (int o = 0; o < part; o += S.length()) {
                        s0 = s0.add(FloatVector.fromArray(S, a, b + o));
                        s1 = s1.add(FloatVector.fromArray(S, a, b + part + o));
                        s2 = s2.add(FloatVector.fromArray(S, a, b + 2 * part + o));
                        s3 = s3.add(FloatVector.fromArray(S, a, b + 3 * part + o));
                    }
                }
                sink.add(s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD));
            });
            double s = (System.nanoTime() - t0) / 1e9;
            best = Math.max(best, (double) a.length * Float.BYTES / s / 1e9);
        }
        if (sink.sum() == 42) System.out.print("");   // keeps the reads alive
        return best;
    }
}
