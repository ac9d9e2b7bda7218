package glassbox.app.load;

import java.util.function.Predicate;

/** A thread's stack as the stall reports print it: "Class.method < Caller.method < …", innermost first. */
public final class StackText {
    private StackText() {}

    /** Up to max frames whose class keepClass accepts, by simple class name, joined with " < ". */
    public static String frames(StackTraceElement[] stack, Predicate<String> keepClass, int max) {
        StringBuilder b = new StringBuilder();
        int shown = 0;
        for (StackTraceElement e : stack) {
            if (shown == max) break;
            String c = e.getClassName();
            if (!keepClass.test(c)) continue;
            b.append(shown++ == 0 ? "" : " < ").append(c.substring(c.lastIndexOf('.') + 1)).append('.').append(e.getMethodName());
        }
        return b.toString();
    }
}
