package glassbox.model.cli;

/** Entry point for the command line without the app module (benchmarks, scripts). */
public final class CliMain {
    private CliMain() {}

    public static void main(String[] args) { System.exit(Cli.run(args, System.out, System.err)); }
}
