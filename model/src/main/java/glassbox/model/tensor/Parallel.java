package glassbox.model.tensor;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * One long-lived set of worker threads that split a range of rows. A job is cut into a few chunks per
 * thread that the caller and the workers claim from a shared counter, so a worker the OS has not scheduled
 * yet (a busy, shared machine) never holds the caller up: the caller just takes its chunks. Workers spin
 * briefly between jobs (a decode step issues dozens of small jobs; waking a parked thread costs more than
 * the work), then park. A caller that finds the pool busy (another thread's forward pass) runs its range itself.
 */
public final class Parallel {
    /** The single-threaded pool: runs everything on the caller. */
    public static final Parallel SERIAL = new Parallel(1);
    private static final ConcurrentHashMap<Integer, Parallel> POOLS = new ConcurrentHashMap<>();
    /** How long an idle worker spins before parking: by the clock, since a spin-wait hint costs 3 to 140 cycles by CPU. */
    private static final long SPIN_NANOS = 200_000;
    private static final int CHUNKS_PER_THREAD = 8;   // a late or slow thread leaves at most 1/16 of a job to the other

    /** The process-wide pool with this many threads (caller included), created once. */
    public static Parallel of(int threads) {
        if (threads <= 1) return SERIAL;
        return POOLS.computeIfAbsent(threads, Parallel::new);
    }

    /** Work on [start, end). */
    @FunctionalInterface public interface RangeBody { void run(int start, int end); }

    /** One published job, immutable apart from its counters, so a late worker never mixes two jobs. */
    private static final class Job {
        final long generation;
        final RangeBody body;
        final int n, chunks;
        final AtomicInteger next = new AtomicInteger(), done = new AtomicInteger();
        volatile Throwable failure;

        Job(long generation, RangeBody body, int n, int chunks) {
            this.generation = generation; this.body = body; this.n = n; this.chunks = chunks;
        }

        /** Claims and runs chunks until none are left. */
        void work() {
            int c;
            while ((c = next.getAndIncrement()) < chunks) {
                try {
                    body.run((int) ((long) n * c / chunks), (int) ((long) n * (c + 1) / chunks));
                } catch (Throwable t) {
                    failure = t;
                } finally {
                    done.incrementAndGet();
                }
            }
        }
    }

    private final int threads;
    private final Thread[] workers;
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile Job job = new Job(0, null, 0, 0);

    private Parallel(int threads) {
        this.threads = threads;
        this.workers = new Thread[threads - 1];
        for (int w = 0; w < workers.length; w++) {
            workers[w] = Thread.ofPlatform().daemon().name("glassbox-worker-" + (w + 1)).start(this::loop);
        }
    }

    public int threads() { return threads; }

    /** Runs body over [0, n) split into contiguous chunks of at least minChunk, on up to {@link #threads()} threads. */
    public void forRange(int n, int minChunk, RangeBody body) { forRange(n, minChunk, minChunk, body); }

    /**
     * As {@link #forRange(int, int, RangeBody)}, where minPerThread decides how many threads take part and chunks are at
     * least minPerChunk long (one per taking thread at least; Integer.MAX_VALUE: exactly one): a streaming kernel wants
     * long chunks.
     */
    public void forRange(int n, int minPerThread, int minPerChunk, RangeBody body) {
        int parts = (int) Math.min(threads, Math.max(1, (long) n / Math.max(1, minPerThread)));
        if (parts <= 1 || !busy.compareAndSet(false, true)) { body.run(0, n); return; }
        try {
            int chunks = (int) Math.min((long) parts * CHUNKS_PER_THREAD, Math.max(parts, (long) n / Math.max(1, minPerChunk)));
            Job j = new Job(job.generation + 1, body, n, chunks);
            job = j;
            for (int w = 0; w < Math.min(workers.length, parts - 1); w++) LockSupport.unpark(workers[w]);
            j.work();
            int spins = 0;
            while (j.done.get() < chunks) {           // only chunks a worker already claimed remain
                if (++spins < 1000) Thread.onSpinWait(); else Thread.yield();
            }
            Throwable f = j.failure;
            if (f != null) {
                if (f instanceof RuntimeException re) throw re;
                if (f instanceof Error e) throw e;
                throw new IllegalStateException(f);
            }
        } finally {
            job = new Job(job.generation, null, 0, 0);   // drop the body's captured arrays
            busy.set(false);
        }
    }

    private void loop() {
        long seen = 0;
        while (true) {
            int spins = 0;
            long since = System.nanoTime();
            Job j;
            while ((j = job).generation == seen || j.body == null) {
                if (j.generation != seen) seen = j.generation;
                if ((++spins & 63) != 0 || System.nanoTime() - since < SPIN_NANOS) Thread.onSpinWait();
                else { LockSupport.park(this); since = System.nanoTime(); }
            }
            seen = j.generation;
            j.work();
        }
    }
}
