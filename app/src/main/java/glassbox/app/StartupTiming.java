package glassbox.app;

import java.lang.management.ManagementFactory;

/** With -Dglassbox.timing=true, prints the JVM uptime at each start-up milestone (to see where the first seconds go). */
final class StartupTiming {
    private static final boolean ON = Boolean.getBoolean("glassbox.timing");

    private StartupTiming() {}

    static void mark(String milestone) {
        if (ON) System.err.printf("%6d ms  %s%n", ManagementFactory.getRuntimeMXBean().getUptime(), milestone);
    }
}
