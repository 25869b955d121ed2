package dev.swaprace.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code swaprace} command. Each subcommand is its own class in this package, registered in
 * {@link #SUBCOMMANDS}.
 */
@Command(name = "swaprace",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        usageHelpWidth = 100,
        description = {
            "Stress-test harness for the Linux shmem swapin / hole punch / reclaim / memcg race (5.7 -> 5.8).",
            "Runs the kernel model under JCStress on real threads, explores every interleaving, and grades",
            "outcomes as ACCEPTABLE, LEAKED_UNTIL_RECLAIM or FORBIDDEN.",
            ""
        },
        footer = {
            "",
            "The suite is also a plain jcstress jar: java -jar target/jcstress.jar -t SwapinVsPunch -m quick",
            "Run 'swaprace COMMAND --help' for a command's options."
        },
        subcommandsRepeatable = false)
public final class Main {
    /** Subcommand classes; each adds itself here. */
    static final Class<?>[] SUBCOMMANDS = {
        ScenariosCommand.class,
        ExploreCommand.class,
        MutantsCommand.class,
        RunCommand.class,
        HuntCommand.class,
        BenchCommand.class,
        ReportCommand.class,
        DiffCommand.class,
    };

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Main());
        for (Class<?> c : SUBCOMMANDS) {
            cl.addSubcommand(c);
        }
        cl.addSubcommand(new CommandLine.HelpCommand());
        cl.setExecutionExceptionHandler((ex, line, parse) -> {
            // a clear one-line error, never a stack trace
            line.getErr().println("swaprace: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            return 2;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("swaprace: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try 'swaprace " + ex.getCommandLine().getCommandName()
                    .replace("swaprace", "").trim() + " --help'.".replace("  ", " "));
            return 2;
        });
        return cl.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"swaprace " + (v == null ? "dev" : v) + " (jcstress 0.16, Java " + Runtime.version() + ")"};
        }
    }
}
