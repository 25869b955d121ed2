package dev.swaprace.cli;

import dev.swaprace.campaign.StressConfig;
import dev.swaprace.campaign.StressRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code swaprace run}: run a stress configuration's jcstress tests under a time limit, keep the
 * result blob and jcstress's HTML report in the output folder (also when interrupted), and end
 * with a per-test summary, the headline histograms and {@code N passed, N failed}.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        usageHelpWidth = 100,
        header = "Run a stress configuration's JCStress tests; summarize them per test and per verdict.",
        description = {
            "",
            "Run the JCStress suite as a stress configuration describes it (stress-configs/*.yaml): which",
            "scenarios and variants, the jcstress mode and flags, CPUs, time limit and output folder.",
            "",
            "jcstress runs as a child process in the output folder, which keeps its result blob",
            "(jcstress-results-*.bin.gz), its HTML report (html/index.html), its console log",
            "(jcstress.log) and this command's summary (summary.txt). Tests needing more CPUs than",
            "there are (one per actor) cannot run: each is named in one line. The run ends with one",
            "line per test (status and samples per verdict), the per-variant outcome histogram of",
            "the configuration's headline scenarios, and 'N passed, N failed'.",
            ""
        },
        footer = {
            "",
            "Configuration keys: description, scenarios, actors, variants, headline, mode, forks, cpus,",
            "flags, batch, time-limit, out (see stress-configs/default.yaml). Unknown keys are errors.",
            "",
            "Exit status:",
            "  0  every test that ran passed (no FORBIDDEN outcome, no error), and at least one ran",
            "  1  a FORBIDDEN outcome was observed, a test errored, timed out or did not run,",
            "     or the time limit was reached",
            "  2  bad configuration or option, or nothing ran (e.g. every test needs more CPUs)",
            "",
            "Examples:",
            "  swaprace run                                  the headline race on all six variants",
            "  swaprace run --config ci                      the CI smoke run",
            "  swaprace run --config nightly --mode quick --batch 10 --time-limit 15m",
            "  swaprace run --scenarios SwapinVsPunch --variants V57,V58 -- -iters 20"
        })
public final class RunCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "CONFIG", defaultValue = "default",
            description = "A stress configuration: a YAML file, or the name of one in stress-configs/ "
                    + "(default: ${DEFAULT-VALUE}).")
    String config;

    @Mixin
    TestSelection selection;

    @Option(names = {"-m", "--mode"}, paramLabel = "MODE",
            description = "jcstress mode instead of the configuration's: sanity, quick, default, tough, stress.")
    String mode;

    @Option(names = "--cpus", paramLabel = "N", description = "CPUs for jcstress (-c) instead of the configuration's.")
    Integer cpus;

    @Option(names = "--time-limit", paramLabel = "DURATION",
            description = "Wall-clock limit instead of the configuration's, e.g. 90s, 12m, 2h.")
    String timeLimit;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Output folder instead of the configuration's.")
    Path out;

    @Option(names = "--batch", paramLabel = "N",
            description = "Tests per jcstress invocation instead of the configuration's (default 1). More saves"
                    + " ~8 s of jcstress start-up per test; a stopped run loses the whole batch in progress.")
    Integer batch;

    @Option(names = "--shard", paramLabel = "I/N",
            description = "Run shard I (from 0) of N of the selected tests: sorted by name, dealt round-robin,"
                    + " so N machines split a campaign without talking (merge: scripts/fleet/merge-campaign).")
    String shard;

    @Option(names = "--delays", paramLabel = "SPEC",
            description = "Window amplification instead of the configuration's: spin before named race points,"
                    + " e.g. S.9=2000,P.try=500-5000 (ns; a range is random per passage). Recorded in the"
                    + " forks' JVM arguments, so every report shows which delays produced which outcomes.")
    String delays;

    @Mixin
    Console console;

    @Parameters(paramLabel = "JCSTRESS_ARG", arity = "0..*",
            description = "After '--': jcstress options; each replaces the configuration's flag of the same name.")
    List<String> jcstressArgs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        StressRun.Plan plan;
        try {
            plan = plan();
        } catch (StressConfig.ConfigException | IllegalArgumentException e) {
            System.err.println("swaprace run: " + e.getMessage());
            return 2;
        }
        return new StressRun(plan, System.out).execute(console.dryRun, console.verbose ? System.out::println : l -> { });
    }

    /** The configuration with this command line's overrides. */
    StressRun.Plan plan() throws StressConfig.ConfigException {
        return StressRun.plan(config, new StressRun.Overrides(selection.scenarios, selection.variants, mode, cpus, timeLimit, out, batch,
                shard, delays, jcstressArgs));
    }
}
