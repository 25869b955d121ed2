package dev.swaprace.cli;

import dev.swaprace.mm.Variant;
import dev.swaprace.report.JcstressBlob;
import dev.swaprace.report.TestOutcomes;
import dev.swaprace.scenario.Scenario;
import dev.swaprace.stress.LockBaseline;
import dev.swaprace.stress.StressSuite;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
    /**
     * Iterations of 3 s, so the rate is the compiled steady state: in 1 s iterations the JIT
     * spends much of the first compiling the model's paths, while the baseline's loop compiles
     * at once, which charged the model for its warm-up.
     */
    static final List<String> DEFAULT_FLAGS = List.of("-m", "quick", "-sc", "false", "-time", "3000", "-iters", "3",
            "-jvmArgs", "-XX:+UseG1GC");

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
                    : scenarios.stream().map(RunCommand::scenario).toList();
            v = RunCommand.variant(variant);
            limit = StressConfig.parseDuration(timeLimit);
        } catch (IllegalArgumentException e) {
            System.err.println("swaprace bench: " + e.getMessage());
            return 2;
        }
        Map<Scenario, String> baseline = new LinkedHashMap<>();
        Set<String> tests = new LinkedHashSet<>();
        List<String> flags = JcstressOptions.override(DEFAULT_FLAGS, jcstressArgs);
        if (amplificationOff) {
            tests.add(StressSuite.testName(LockBaseline.AMPLIFICATION_OFF_SCENARIO, LockBaseline.VARIANT));
            tests.add(LockBaseline.amplificationOffTwin());
            flags = JcstressOptions.override(JcstressOptions.override(DEFAULT_FLAGS, List.of("-f", "4")), jcstressArgs);
        } else {
            for (Scenario s : selected) {
                baseline.put(s, LockBaseline.testName(s));
                tests.add(StressSuite.testName(s, v));
                tests.add(baseline.get(s));
            }
        }
        String regex = StressSuite.exactly(tests);
        // -c 2: one 2-actor test at a time, so no two tests share the machine while measured
        List<String> args = new ArrayList<>(List.of("-t", regex, "-c", "2",
                "-r", out.toAbsolutePath().resolve("html").toString()));
        args.addAll(flags);
        Files.createDirectories(out);
        List<Path> before = JcstressBlob.list(out);
        if (amplificationOff) {
            System.out.printf("swaprace bench: %s beside its twin without the delay hook, one jcstress run (%s)%n",
                    StressSuite.testName(LockBaseline.AMPLIFICATION_OFF_SCENARIO, LockBaseline.VARIANT),
                    String.join(" ", flags));
        } else {
            System.out.printf("swaprace bench: %d scenarios on %s beside their lock baselines, one jcstress run (%s)%n",
                    selected.size(), v, String.join(" ", flags));
        }
        RunSlot slot = new RunSlot();
        JcstressProcess p = OnInterrupt.guard("swaprace-bench-interrupt", slot::stop, Duration.ofSeconds(30),
                () -> slot.run(JcstressProcess.command(args), out, out.resolve("jcstress.log"), l -> { }, limit));
        JcstressProcess.End end = p.end();
        if (slot.stopped()) {
            System.err.println("swaprace bench: interrupted; jcstress stopped");
            return 130;
        }
        Optional<Path> blob = JcstressBlob.list(out).stream().filter(b -> !before.contains(b)).reduce((a, b) -> b);
        if (end != JcstressProcess.End.EXITED || blob.isEmpty()) {
            System.err.println("swaprace bench: jcstress did not finish (" + end + "); see " + out.resolve("jcstress.log"));
            return 1;
        }
        JcstressBlob read = JcstressBlob.read(blob.get());
        if (amplificationOff) {
            return AmplificationOff.print(read, out.resolve("jcstress.log"));
        }
        Map<String, TestOutcomes> results = new LinkedHashMap<>();
        read.tests().forEach(t -> results.put(t.name(), t));

        System.out.printf("%-26s %13s %-26s %13s %9s%n", "SCENARIO (" + v + ")", "MODEL SPS", "LOCK BASELINE",
                "BASELINE SPS", "RATIO");
        int missing = 0;
        for (Scenario s : selected) {
            TestOutcomes m = results.get(StressSuite.testName(s, v));
            TestOutcomes b = results.get(baseline.get(s));
            if (m == null || b == null || !m.passed() || !b.passed()) {
                System.out.printf("%-26s %s%n", s.className(), "did not run or failed (see " + out.resolve("jcstress.log") + ")");
                missing++;
                continue;
            }
            System.out.printf("%-26s %,13.0f %-26s %,13.0f %8.1fx%n", s.className(), m.samplesPerSecond(),
                    RunCommand.shortName(baseline.get(s)).replace("Baseline.", ""), b.samplesPerSecond(),
                    b.samplesPerSecond() / m.samplesPerSecond());
        }
        System.out.println("SPS: samples per second of sampling time (samples / (forks x iterations x iteration"
                + " time)). RATIO: baseline SPS / model SPS, the model's cost per sample in baselines.");
        return missing == 0 ? 0 : 1;
    }
}
