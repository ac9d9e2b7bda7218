package glassbox.model.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The headless command line: {@code glassbox SUBCOMMAND [flags]}. */
public final class Cli {
    private Cli() {}

    /** Flags that never take a value, for every command. */
    static final Set<String> SWITCHES = Set.of("json", "bos", "stdin-jsonl", "help", "no-trace", "quiet", "resume", "bias", "qkv-bias", "untied");

    /** Every subcommand; each lives in its own class. */
    static List<Command> commands() {
        return List.of(
                // (one line per command, kept in this order: generate, tokenize, trace, eval, train, convert, arithmetic, bench)
                new GenerateCommand(),
                new TokenizeCommand(),
                new TraceCommand(),
                new EvalCommand(),
                new TrainCommand(),
                new ConvertCommand(),
                new ArithmeticCommand(),
                new BenchCommand(),
                new KernelBenchCommand()
        );
    }

    /** Headless entry point without the app (training runs, scripts). */
    /** Whether this word names a subcommand (a folder called "bench" in the working directory is still the command). */
    public static boolean isCommand(String word) {
        return word.equals("help") || commands().stream().anyMatch(c -> c.name().equals(word));
    }

    public static void main(String[] argv) { System.exit(run(argv, System.out, System.err)); }

    public static int run(String[] argv, PrintStream out, PrintStream err) {
        Map<String, Command> byName = new LinkedHashMap<>();
        for (Command c : commands()) byName.put(c.name(), c);
        if (argv.length == 0 || argv[0].equals("--help") || argv[0].equals("-h") || argv[0].equals("help")) {
            out.println("usage: glassbox [COMMAND] [flags]   (no command opens the app)");
            out.println("commands:");
            byName.values().forEach(c -> out.printf("  %-11s %s%n", c.name(), c.summary()));
            out.println("  test        run every test (mvn verify)");
            out.println("glassbox COMMAND --help shows a command's flags.");
            return 0;
        }
        Command c = byName.get(argv[0]);
        if (c == null) {
            err.println("glassbox: unknown command '" + argv[0] + "' (glassbox --help lists them)");
            return 2;
        }
        try {
            Args args = new Args(Arrays.copyOfRange(argv, 1, argv.length), SWITCHES);
            if (args.flag("help")) { out.println(c.usage()); return 0; }
            return c.run(args, out, err);
        } catch (CliException e) {
            err.println("glassbox " + c.name() + ": " + e.getMessage());
            return 2;
        } catch (OutOfMemoryError e) {
            err.println("glassbox " + c.name() + ": out of memory (" + e.getMessage() + ")");
            return 1;
        } catch (Exception e) {
            err.println("glassbox " + c.name() + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        }
    }
}
