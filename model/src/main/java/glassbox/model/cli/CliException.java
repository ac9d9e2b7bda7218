package glassbox.model.cli;

/** A user-facing error: its message is printed as one line to stderr and the exit code is 2. */
public class CliException extends RuntimeException {
    public CliException(String message) { super(message); }
    public CliException(String message, Throwable cause) { super(message, cause); }
}
