package glassbox.model.cli;

import java.io.PrintStream;

/** The headless command line: {@code glassbox SUBCOMMAND [flags]}. */
public final class Cli {
    private Cli() {}

    public static int run(String[] args, PrintStream out, PrintStream err) {
        err.println("glassbox: unknown command '" + (args.length == 0 ? "" : args[0]) + "' (try --help)");
        return 2;
    }
}
