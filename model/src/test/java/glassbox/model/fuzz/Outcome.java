package glassbox.model.fuzz;

/**
 * How one damaged case ended.
 *
 * @param verdict VALID (loaded and ran), CLEAR_ERROR (a one-line message naming the file) or FAILURE
 * @param detail  for VALID what loaded; for CLEAR_ERROR the message; for FAILURE its kind (exception class,
 *                "timeout", "unclear message", "over-allocation")
 */
record Outcome(Verdict verdict, String detail, Throwable error, long allocatedBytes, long cpuNanos) {
    enum Verdict { VALID, CLEAR_ERROR, FAILURE }

    boolean failed() { return verdict == Verdict.FAILURE; }
}
