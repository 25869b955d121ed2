package dev.swaprace.cli;

import picocli.CommandLine.Option;

/** How much a command that runs jcstress shows (run, hunt): a picocli mixin. */
final class Console {

    @Option(names = {"-v", "--verbose"}, description = "Show jcstress's whole console output, not only the progress.")
    boolean verbose;

    @Option(names = "--dry-run", description = "Print the tests and the jcstress command line, and run nothing.")
    boolean dryRun;
}
