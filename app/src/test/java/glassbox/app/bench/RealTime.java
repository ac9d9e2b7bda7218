package glassbox.app.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Puts the calling thread in Linux's SCHED_FIFO class at the lowest real-time priority. For the latency bench's
 * heartbeat: a measuring thread that wakes for microseconds every 2 ms, so that a late heartbeat is the JavaFX
 * thread's lateness and not the heartbeat's own wait for a CPU on a busy 2-core machine.
 */
final class RealTime {
    private static final int SCHED_FIFO = 1;

    private RealTime() {}

    /** True when the calling thread now runs SCHED_FIFO; false where the OS refuses (no privilege) or is not Linux. */
    static boolean request() {
        try (Arena arena = Arena.ofConfined()) {
            Linker linker = Linker.nativeLinker();
            var fn = linker.defaultLookup().find("sched_setscheduler");
            if (fn.isEmpty()) return false;
            MethodHandle set = linker.downcallHandle(fn.get(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
            MemorySegment param = arena.allocate(ValueLayout.JAVA_INT);   // struct sched_param { int sched_priority; }
            param.set(ValueLayout.JAVA_INT, 0, 1);
            return (int) set.invokeExact(0, SCHED_FIFO, param) == 0;   // pid 0: the calling thread
        } catch (Throwable t) {
            return false;
        }
    }
}
