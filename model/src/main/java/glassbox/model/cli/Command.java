package glassbox.model.cli;

import java.io.PrintStream;

/** One subcommand of the command line. */
public interface Command {
    /** The word after {@code glassbox}. */
    String name();

    /** One line for the command list. */
    String summary();

    /** The full usage text printed by {@code glassbox NAME --help}. */
    String usage();

    /** Runs the command; returns the process exit code. Throw {@link CliException} for a clear one-line error. */
    int run(Args args, PrintStream out, PrintStream err) throws Exception;
}
