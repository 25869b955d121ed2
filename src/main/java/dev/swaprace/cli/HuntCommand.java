package dev.swaprace.cli;

import dev.swaprace.campaign.Hunt;
import dev.swaprace.campaign.HuntPlan;
import dev.swaprace.campaign.HuntSettings;
import dev.swaprace.campaign.StressConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code swaprace hunt}: run jcstress round after round, cycling through a matrix of settings
 * (window amplification, spin style, affinity, compilation mode), until every target outcome has
 * been observed or the budget is spent; report per target when it was first seen and per setting
 * how often.
 */
@Command(name = "hunt", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 100,
        header = "Hunt for rare outcomes: run jcstress in rounds over a matrix of settings until the targets are seen.",
        description = {
            "",
            "Runs the selected jcstress tests in short rounds, one jcstress invocation per round, each",
            "round under one setting: window amplification (--delays: spins before race points inside",
            "the race window), jcstress spin style, CPU affinity and compilation mode. The settings are",
            "every combination of the values given, cycled in order (delays varying fastest). A target",
            "is a regex over outcome ids; once a target is seen it is done, and the hunt ends when every",
            "target is seen (with --all-settings: when the budget or --max-rounds is spent, so that every",
            "setting's hit rate is measured).",
            "",
            "It reports per target the samples and wall time to its first observation and the setting",
            "that showed it. jcstress reports counts only per round, so the first observation is",
            "round-granular: 'after A < samples <= B'. Per setting it reports samples, hits and the hit",
            "rate per million samples with 95%% bounds (exact Poisson; the rule of three, 3/samples, when",
            "there is no hit).",
            "",
            "The output folder holds hunt.json and summary.txt, rewritten after every round, and each",
            "round's jcstress blob, log and HTML in rounds/NNN/, so Ctrl-C or a kill loses at most the",
            "round in progress. Ctrl-C prints the summary of what was collected.",
            "",
            "Every CPU is used (jcstress -c). A test needs one CPU per actor; tests that need more CPUs",
            "than there are are named in one line and not run.",
            ""
        },
        footer = {
            "",
            "Default settings: --delays off plus the windows of the selected scenarios' actors (swapin: "
                    + HuntSettings.SWAPIN_WINDOW + ";",
            "readahead: " + HuntSettings.IO_WINDOW + "), --spin-style THREAD_SPIN_WAIT,HARD, --affinity LOCAL,",
            "--compile tiered,int: 8 settings for swapin scenarios. A round is about 10 s of jcstress start-up",
            "plus, per JVM configuration (2 on JDK 17: biased locking on and off; x 3^actors with",
            "--compile split), --round of sampling.",
            "",
            "Exit status:",
            "  0    every target was observed, and no FORBIDDEN outcome",
            "  1    a target was not observed within the budget, a FORBIDDEN outcome was observed",
            "       (even if targeted), or jcstress failed (a round without result, a test ERROR or TIMEOUT)",
            "  2    bad option or configuration, or no selected test can run on this machine",
            "  130  interrupted (Ctrl-C); hunt.json and summary.txt hold what was collected",
            "",
            "Examples:",
            "  swaprace hunt -t 'SwapinVsPunch\\.V58$' --target '^LEAKED_UNTIL_RECLAIM:STRAND@SWAPIN[+;]' --budget 5m",
            "  swaprace hunt --scenarios SwapinVsPunchChargeFails --variants V57 --delays off --delays S.6=5000",
            "  swaprace hunt --config nightly --budget 2h --all-settings --compile tiered,c1,c2,split",
            "  swaprace hunt -t 'ReadaheadVsPunch' --spin-style HARD,THREAD_YIELD --affinity LOCAL,NONE -- -hs 512"
        })
public final class HuntCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "CONFIG",
            description = "Take the tests from this stress configuration (its scenarios, actors, variants, cpus and"
                    + " delays); default: stress-configs/default.yaml unless -t or --scenarios select the tests.")
    String config;

    @Mixin
    TestSelection selection;

    @Option(names = {"-t", "--tests"}, paramLabel = "REGEX",
            description = "Keep only the tests whose name matches (find(), as jcstress -t), e.g. 'SwapinVsPunch\\.V58$'."
                    + " Alone, it selects from the whole suite.")
    String tests;

    @Option(names = "--target", paramLabel = "REGEX",
            description = "An outcome to hunt, a regex found in the outcome id (repeatable; default: "
                    + HuntPlan.DEFAULT_TARGET + ").")
    List<String> targets;

    @Option(names = "--budget", paramLabel = "DURATION", defaultValue = "10m",
            description = "Wall-clock budget of the whole hunt: 90s, 10m, 1h30m (default: ${DEFAULT-VALUE}).")
    String budget;

    @Option(names = "--round", paramLabel = "DURATION", defaultValue = "5s",
            description = "Sampling time per JVM configuration in a round, jcstress -time with -iters 1: 500ms, 5s"
                    + " (default: ${DEFAULT-VALUE}).")
    String round;

    @Option(names = "--max-rounds", paramLabel = "N", description = "Stop after N rounds.")
    Integer maxRounds;

    @Option(names = "--delays", paramLabel = "SPEC",
            description = "An amplification setting, repeatable: 'off', or spins before race points, e.g."
                    + " S.9=2000,P.try=500-5000 (ns; a range is random per passage). Replaces the default set.")
    List<String> delays;

    @Option(names = "--spin-style", paramLabel = "STYLE", split = ",",
            description = "jcstress -spinStyle values: THREAD_SPIN_WAIT, HARD, THREAD_YIELD, LOCKSUPPORT_PARK_NANOS"
                    + " (default: THREAD_SPIN_WAIT,HARD).")
    List<String> spinStyles;

    @Option(names = "--affinity", paramLabel = "MODE", split = ",",
            description = "jcstress -af values: LOCAL (actors bound to CPUs), GLOBAL (taskset), NONE (default: LOCAL).")
    List<String> affinities;

    @Option(names = "--compile", paramLabel = "MODE", split = ",",
            description = "Compilation modes: tiered, int, c1, c2, c2stress (unified: -sc false and HotSpot flags), split"
                    + " (jcstress -sc: each actor in its own compiler) (default: tiered,int).")
    List<String> compiles;

    @Option(names = "--all-settings",
            description = "Do not stop when every target is seen: run until the budget or --max-rounds, to measure"
                    + " every setting's hit rate.")
    boolean allSettings;

    @Option(names = "--cpus", paramLabel = "N", description = "CPUs for jcstress (-c); default: all of them.")
    Integer cpus;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "target/hunt",
            description = "Output folder (default: ${DEFAULT-VALUE}). A previous hunt there is replaced.")
    Path out;

    @Mixin
    Console console;

    @Parameters(paramLabel = "JCSTRESS_ARG", arity = "0..*",
            description = "After '--': further jcstress options for every round (e.g. -hs 512 -strideCount 80).")
    List<String> jcstressArgs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Hunt hunt;
        try {
            HuntPlan plan = HuntPlan.of(new HuntPlan.Request(config, selection.scenarios, selection.variants, tests, targets, budget, round,
                    maxRounds, delays, spinStyles, affinities, compiles, allSettings, cpus, out, jcstressArgs));
            hunt = new Hunt(plan, System.out, console.verbose);
            hunt.describe(console.dryRun);
            if (console.dryRun) {
                return 0;
            }
            if (plan.tests().isEmpty()) {
                System.err.println("swaprace hunt: no selected test can run with " + plan.cpus() + " CPUs");
                return 2;
            }
            hunt.prepareOut();
        } catch (StressConfig.ConfigException | IllegalArgumentException e) {
            System.err.println("swaprace hunt: " + e.getMessage());
            return 2;
        }
        return hunt.run();
    }
}
