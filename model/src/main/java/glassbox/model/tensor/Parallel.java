package glassbox.model.tensor;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One long-lived set of worker threads that split a range of rows. Workers spin briefly between jobs
 * (a decode step issues dozens of small jobs; waking a parked thread costs more than the work), then park.
 * A caller that finds the pool busy (another thread's forward pass) simply runs its range itself.
 */
public final class Parallel {
    /** The single-threaded pool: runs everything on the caller. */
    public static final Parallel SERIAL = new Parallel(1);
    private static final ConcurrentHashMap<Integer, Parallel> POOLS = new ConcurrentHashMap<>();
    private static final int SPINS = 20_000;

    /** The process-wide pool with this many threads (caller included), created once. */
    public static Parallel of(int threads) {
        if (threads <= 1) return SERIAL;
        return POOLS.computeIfAbsent(threads, Parallel::new);
    }

    /** Work on [start, end). */
    @FunctionalInterface public interface RangeBody { void run(int start, int end); }

    private final int threads;
    private final Thread[] workers;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicInteger pending = new AtomicInteger();
    private volatile Job job = new Job(0, null, 0, 1);
    private volatile Throwable failure;

    /** One published job, immutable, so a late worker never mixes two jobs' fields. */
    private record Job(long generation, RangeBody body, int n, int parts) {}

    private Parallel(int threads) {
        this.threads = threads;
        this.workers = new Thread[threads - 1];
        for (int w = 0; w < workers.length; w++) {
            int part = w + 1;
            workers[w] = Thread.ofPlatform().daemon().name("glassbox-worker-" + part).start(() -> loop(part));
        }
    }

    public int threads() { return threads; }

    /** Runs body over [0, n) split into at most {@link #threads()} contiguous parts of at least minChunk. */
    public void forRange(int n, int minChunk, RangeBody body) {
        int parts = (int) Math.min(threads, Math.max(1, (long) n / Math.max(1, minChunk)));
        if (parts <= 1 || !busy.compareAndSet(false, true)) { body.run(0, n); return; }
        try {
            this.failure = null;
            pending.set(parts - 1);
            job = new Job(job.generation() + 1, body, n, parts);
            for (int w = 0; w < parts - 1; w++) LockSupport.unpark(workers[w]);
            body.run(0, (int) ((long) n / parts));
            while (pending.get() != 0) Thread.onSpinWait();
            Throwable f = failure;
            if (f != null) {
                if (f instanceof RuntimeException re) throw re;
                if (f instanceof Error e) throw e;
                throw new IllegalStateException(f);
            }
        } finally {
            job = new Job(job.generation(), null, 0, 1); // drop the body's captured arrays
            busy.set(false);
        }
    }

    private void loop(int part) {
        long seen = 0;
        while (true) {
            int spins = 0;
            Job j;
            while ((j = job).generation() == seen) {
                if (++spins < SPINS) Thread.onSpinWait();
                else LockSupport.park(this);
            }
            seen = j.generation();
            if (part >= j.parts()) continue;
            try {
                j.body().run((int) ((long) j.n() * part / j.parts()), (int) ((long) j.n() * (part + 1) / j.parts()));
            } catch (Throwable t) {
                failure = t;
            } finally {
                pending.decrementAndGet();
            }
        }
    }
}
