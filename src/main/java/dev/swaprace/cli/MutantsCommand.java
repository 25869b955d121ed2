package dev.swaprace.cli;

import dev.swaprace.campaign.JcstressOptions;
import dev.swaprace.campaign.MutationCampaign;
import dev.swaprace.campaign.StressConfig;
import dev.swaprace.explore.ScenarioSubject;
import dev.swaprace.mm.Mutant;
import dev.swaprace.scenario.MutantCase;
import dev.swaprace.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code swaprace mutants}: the mutation campaign (kernel-model §4.3): does each seeded bug get caught? */
@Command(name = "mutants", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 100,
        header = "Run the mutation campaign: is every seeded bug caught by the explorer, and by jcstress?",
        description = {
            "",
            "For each seeded bug (mutant, dev.swaprace.mm.Mutant: one kernel-plausible mistake on top of a real",
            "variant; they never run in the default suite):",
            "",
            "  explorer  explore the mutant's scenario on the mutant. It is killed if a FORBIDDEN outcome is",
            "            reachable (a DEADLOCK, livelock or sleep in atomic context the explorer detects counts):",
            "            the shortest witness is replayed on real threads and written as a race diagram to",
            "            DIR/witnesses/<MUTANT>.txt. Every mutant must be killed: one that survives fails the run.",
            "  jcstress  run the mutant's generated test (dev.swaprace.mutants.<MUTANT>) on this machine in short",
            "            rounds, one jcstress invocation each under a time limit, until a round shows a",
            "            FORBIDDEN outcome or the budget is spent. Samples add up over the rounds. The time to",
            "            kill is round-granular: wall time from the first round's start to the end of the round",
            "            that showed it (jcstress writes its results when an invocation ends; a round costs",
            "            about 10-20 s on 2 cores, most of it jcstress start-up). A round cut by the budget",
            "            counts for nothing. FIRST FORBIDDEN is the most frequent FORBIDDEN outcome of that",
            "            round (xN: its samples). LOCK_PAGE_UNDER_SPINLOCK is explorer only: it deadlocks real",
            "            threads, and jcstress 0.16 joins its pre-run check threads without a timeout.",
            "",
            "Prints one table row per mutant, the witnesses' schedules (replay one with 'swaprace explore",
            "--replay SCHEDULE'), and the figures; writes them to DIR/summary.txt and DIR/mutants.json, and",
            "each jcstress round's blob and log to DIR/jcstress/<MUTANT>/round-<n>/. Ctrl-C stops the",
            "round in progress and prints what was collected. 'swaprace mutants --list' lists the mutants.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  swaprace mutants --explorer-only                 the explorer half (seconds; what CI runs)",
            "  swaprace mutants                                 both halves, 60 s of jcstress per mutant",
            "  swaprace mutants --mutants DEC_BEFORE_CAS,NO_CANCEL_CHARGE --budget 2m",
            "  swaprace mutants --require-jcstress-kill 75      also fail unless jcstress kills 75%% of them",
            "  swaprace mutants -- -time 2000 -jvmArgs '-XX:+UseParallelGC'",
            "",
            "Exit status: 0 every mutant killed by the explorer (and, with --require-jcstress-kill, enough by",
            "jcstress); 1 a mutant survived the explorer, or jcstress killed fewer than required, or a jcstress",
            "round failed to run; 2 bad option; 130 interrupted."
        })
public final class MutantsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--mutants", paramLabel = "NAME", split = ",",
            description = "Mutants to run, comma-separated (default: all). See --list.")
    List<String> mutants;

    @Option(names = "--explorer-only", description = "Run only the explorer half (no jcstress).")
    boolean explorerOnly;

    @Option(names = "--budget", paramLabel = "DURATION", defaultValue = "60s",
            description = "jcstress wall-clock budget per mutant, e.g. 60s, 2m (default: ${DEFAULT-VALUE}).")
    String budget;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "target/mutants",
            description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--require-jcstress-kill", paramLabel = "PCT",
            description = "Also exit 1 unless jcstress kills at least PCT percent of the selected mutants"
                    + " (an explorer-only mutant counts as not killed).")
    Integer requireJcstressKill;

    @Option(names = "--scenario", paramLabel = "NAME",
            description = "Explore the mutants on this scenario instead of each one's own (needs --explorer-only:"
                    + " the jcstress tests exist for their own scenarios).")
    String scenario;

    @Option(names = "--list", description = "List the mutants, their base variants, scenarios and bugs, and exit.")
    boolean list;

    @Parameters(paramLabel = "JCSTRESS_ARG", arity = "0..*",
            description = "After '--': jcstress options for every round, replacing the defaults' (-iters 1"
                    + " -time 1000 -sc false -jvmArgs -XX:+UseG1GC).")
    List<String> jcstressArgs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        List<MutantCase> cases = selectCases();
        Duration perMutant = parseBudget();
        Scenario override = selectScenario();
        List<String> flags = flags();
        if (requireJcstressKill != null && (requireJcstressKill < 0 || requireJcstressKill > 100)) {
            throw new ParameterException(spec.commandLine(), "--require-jcstress-kill: a percentage from 0 to 100, not "
                    + requireJcstressKill);
        }
        if (requireJcstressKill != null && explorerOnly) {
            throw new ParameterException(spec.commandLine(), "--require-jcstress-kill needs the jcstress half:"
                    + " drop --explorer-only");
        }
        if (list) {
            MutationCampaign.printList(System.out, cases);
            return 0;
        }
        return new MutationCampaign(cases, override, out, explorerOnly, requireJcstressKill)
                .run(System.out, perMutant, flags);
    }

    private List<MutantCase> selectCases() {
        if (mutants == null || mutants.isEmpty()) {
            return MutantCase.all();
        }
        Set<MutantCase> out = new LinkedHashSet<>();
        for (String name : mutants) {
            if (name.isBlank()) {
                throw new ParameterException(spec.commandLine(), "--mutants: empty name");
            }
            try {
                Mutant m = ScenarioSubject.mutant(name);
                out.add(MutantCase.of(m));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--mutants: " + e.getMessage());
            }
        }
        return new ArrayList<>(out);
    }

    private Duration parseBudget() {
        try {
            return StressConfig.parseDuration(budget);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--budget: " + e.getMessage());
        }
    }

    private Scenario selectScenario() {
        if (scenario == null) {
            return null;
        }
        if (!explorerOnly && !list) {
            throw new ParameterException(spec.commandLine(), "--scenario needs --explorer-only"
                    + " (each mutant's jcstress test runs its own scenario)");
        }
        try {
            return Scenario.byClassName(scenario.trim());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--scenario: " + e.getMessage() + " (see 'swaprace scenarios')");
        }
    }

    private List<String> flags() {
        for (String a : jcstressArgs) {
            String n = a.replaceFirst("^-+", "");
            if (n.equals("t") || n.equals("r") || n.equals("p") || n.equals("l")) {
                throw new ParameterException(spec.commandLine(), "jcstress option " + a
                        + " is set by swaprace mutants (each round selects its test and report folder)");
            }
        }
        try {
            return JcstressOptions.override(MutationCampaign.DEFAULT_FLAGS, jcstressArgs);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
