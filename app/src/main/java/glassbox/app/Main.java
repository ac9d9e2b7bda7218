package glassbox.app;

import glassbox.model.cli.Cli;

import java.util.Arrays;

/**
 * Entry point: no arguments (or a model file/folder) opens the window; anything else is the
 * headless command line.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        if (args.length > 0 && !args[0].startsWith("-") && !Cli.isCommand(args[0]) && java.nio.file.Files.exists(java.nio.file.Path.of(args[0]))) {
            GlassboxApplication.start(args); // ./glassbox MODEL opens the window on that model
            return;
        }
        if (args.length == 0 || args[0].equals("app")) {
            // JavaFX classes are touched only here, so subcommands run with no display
            GlassboxApplication.start(args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        System.exit(Cli.run(args, System.out, System.err));
    }
}
