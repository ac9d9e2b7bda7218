package glassbox.model.fuzz;

import java.lang.management.ManagementFactory;

/**
 * Bytes the current thread has allocated, and a mark between loading a file and using it: loading must
 * stay within what the file size justifies, while a forward pass's scratch churn (higher while the JIT
 * warms the vector kernels up) only has to stay far from the heap's size.
 */
final class AllocationMeter {
    private AllocationMeter() {}

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final ThreadLocal<long[]> LOADED = ThreadLocal.withInitial(() -> new long[]{-1});

    static long now() { return THREADS.getCurrentThreadAllocatedBytes(); }

    /** CPU time of the current thread: unlike wall time, not inflated when the machine is busy. */
    static long cpuNanos() { return THREADS.getCurrentThreadCpuTime(); }

    /** Called by a loader when the files are read and the model is about to be used. */
    static void loaded() { LOADED.get()[0] = now(); }

    static void reset() { LOADED.get()[0] = -1; }

    /** The allocation counter at the last {@link #loaded()} on this thread, or -1. */
    static long loadedAt() { return LOADED.get()[0]; }
}
