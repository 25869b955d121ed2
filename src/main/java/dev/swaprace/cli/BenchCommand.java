package dev.swaprace.cli;

import dev.swaprace.campaign.SamplingBench;
import dev.swaprace.campaign.StressConfig;
import dev.swaprace.mm.Variant;
import dev.swaprace.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code swaprace bench}: the sampling rate of the model's jcstress tests beside lock baselines
 * that take a plain {@code ReentrantLock} as often as the model's actors pass a lock race point
 * and do nothing else, in one jcstress run; prints the cost ratio per scenario.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 100,
        header = "Measure the model's jcstress sampling rate against a lock-only baseline.",
        description = {
            "",
            "Measure what the model costs per jcstress sample: run each scenario's test beside its lock",
            "baseline (dev.swaprace.stress.Baseline.Locks_<n>_<m>: actor i takes a ReentrantLock as often as",
            "the model's actor i passes a lock race point, and does nothing else) in one jcstress run, and",
            "print per scenario the samples per second of sampling time of both and their ratio.",
            "scripts/bench-sampling-rate runs this. With --amplification-off it measures instead what the race",
            "hook costs when no delays are set: SwapinVsPunch.V58 beside its twin built with RaceHook.NONE",
            "(dev.swaprace.stress.Baseline.NoAmplification), 4 forks each; scripts/bench-amplification-off.",
            ""
        },
        footer = {"", "Exit status: 0 measured; 1 a test did not run or failed; 2 bad option; 130 interrupted."})
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--scenarios", paramLabel = "NAME", split = ",",
            description = "Scenarios to measure (default: every scenario of at most 2 actors).")
    List<String> scenarios;

    @Option(names = "--variant", paramLabel = "VARIANT", defaultValue = "V58",
            description = "The variant of the model's tests (default: ${DEFAULT-VALUE}).")
    String variant;

    @Option(names = "--amplification-off",
            description = "Measure the disabled race hook instead: the real SwapinVsPunch.V58 beside its twin built with"
                    + " RaceHook.NONE, interleaved forks; prints the rate ratio and its per-fork spread.")
    boolean amplificationOff;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "target/bench",
            description = "Output folder: blob, HTML, log (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--time-limit", paramLabel = "DURATION", defaultValue = "30m",
            description = "Wall-clock limit (default: ${DEFAULT-VALUE}).")
    String timeLimit;

    @Parameters(paramLabel = "JCSTRESS_ARG", arity = "0..*",
            description = "After '--': jcstress options replacing the defaults' (-m quick -sc false -time 3000"
                    + " -iters 3 -jvmArgs -XX:+UseG1GC).")
    List<String> jcstressArgs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        List<Scenario> selected;
        Variant v;
        Duration limit;
        try {
            selected = scenarios == null
                    ? List.of(Scenario.values()).stream().filter(s -> s.actors().size() <= 2).toList()
                    : scenarios.stream().map(StressConfig::scenarioNamed).toList();
            v = StressConfig.variantNamed(variant);
            limit = StressConfig.parseDuration(timeLimit);
        } catch (IllegalArgumentException e) {
            System.err.println("swaprace bench: " + e.getMessage());
            return 2;
        }
        return new SamplingBench(System.out).run(selected, v, amplificationOff, out, limit, jcstressArgs);
    }
}
