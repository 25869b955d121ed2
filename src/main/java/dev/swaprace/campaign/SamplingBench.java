package dev.swaprace.campaign;

import dev.swaprace.mm.Variant;
import dev.swaprace.report.ReportView.TestView;
import dev.swaprace.results.Histograms;
import dev.swaprace.results.TestNaming;
import dev.swaprace.scenario.Scenario;
import dev.swaprace.suite.LockBaseline;
import dev.swaprace.suite.StressSuite;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code swaprace bench}: the sampling rate of the model's jcstress tests beside lock baselines
 * that take a plain {@code ReentrantLock} as often as the model's actors pass a lock race point
 * and do nothing else, in one jcstress invocation (the output folder is its folder); prints the
 * cost ratio per scenario. With amplification off, the real test beside its twin built with
 * {@code RaceHook.NONE} instead ({@link AmplificationOff}).
 */
public final class SamplingBench {
    /**
     * Iterations of 3 s, so the rate is the compiled steady state: in 1 s iterations the JIT
     * spends much of the first compiling the model's paths, while the baseline's loop compiles
     * at once, which charged the model for its warm-up.
     */
    public static final List<String> DEFAULT_FLAGS = List.of("-m", "quick", "-sc", "false", "-time", "3000",
            "-iters", "3", "-jvmArgs", "-XX:+UseG1GC");

    private final PrintStream terminal;

    public SamplingBench(PrintStream terminal) {
        this.terminal = terminal;
    }

    /**
     * Measure {@code scenarios} on {@code v} beside their baselines (or, with
     * {@code amplificationOff}, the disabled race hook), jcstress options {@code jcstressArgs}
     * replacing the defaults'. Exit status: 0 measured; 1 a test did not run or failed; 130 interrupted.
     */
    public int run(List<Scenario> scenarios, Variant v, boolean amplificationOff, Path out, Duration limit,
                   List<String> jcstressArgs) throws Exception {
        Map<Scenario, String> baseline = new LinkedHashMap<>();
        Set<String> tests = new LinkedHashSet<>();
        List<String> flags = JcstressOptions.override(DEFAULT_FLAGS, jcstressArgs);
        if (amplificationOff) {
            tests.add(StressSuite.testName(LockBaseline.AMPLIFICATION_OFF_SCENARIO, LockBaseline.VARIANT));
            tests.add(LockBaseline.amplificationOffTwin());
            flags = JcstressOptions.override(JcstressOptions.override(DEFAULT_FLAGS, List.of("-f", "4")), jcstressArgs);
        } else {
            for (Scenario s : scenarios) {
                baseline.put(s, LockBaseline.testName(s));
                tests.add(StressSuite.testName(s, v));
                tests.add(baseline.get(s));
            }
        }
        // -c 2: one 2-actor test at a time, so no two tests share the machine while measured
        List<String> args = new ArrayList<>(List.of("-t", StressSuite.exactly(tests), "-c", "2",
                "-r", out.toAbsolutePath().resolve(Invocation.HTML).toString()));
        args.addAll(flags);
        if (amplificationOff) {
            terminal.printf("swaprace bench: %s beside its twin without the delay hook, one jcstress run (%s)%n",
                    StressSuite.testName(LockBaseline.AMPLIFICATION_OFF_SCENARIO, LockBaseline.VARIANT),
                    String.join(" ", flags));
        } else {
            terminal.printf("swaprace bench: %d scenarios on %s beside their lock baselines, one jcstress run (%s)%n",
                    scenarios.size(), v, String.join(" ", flags));
        }
        JcstressLoop loop = new JcstressLoop();
        Invocation inv = loop.guard("swaprace-bench-interrupt", () -> { }, Duration.ofSeconds(30),
                () -> loop.invoke(out, args, l -> { }, limit));
        if (loop.stopped()) {
            System.err.println("swaprace bench: interrupted; jcstress stopped");
            return 130;
        }
        if (inv.end() != Invocation.End.EXITED || inv.results().isEmpty()) {
            System.err.println("swaprace bench: jcstress did not finish (" + inv.end()
                    + (inv.readError() != null ? ": " + inv.readError() : "") + "); see " + inv.log());
            return 1;
        }
        Histograms read = inv.results().get();
        if (amplificationOff) {
            return AmplificationOff.print(read, inv.log(), terminal);
        }
        Map<String, TestView> results = inv.tests();
        terminal.printf("%-26s %13s %-26s %13s %9s%n", "SCENARIO (" + v + ")", "MODEL SPS", "LOCK BASELINE",
                "BASELINE SPS", "RATIO");
        int missing = 0;
        for (Scenario s : scenarios) {
            String model = StressSuite.testName(s, v);
            String base = baseline.get(s);
            TestView m = results.get(model);
            TestView b = results.get(base);
            if (m == null || b == null || !m.passed() || !b.passed()) {
                terminal.printf("%-26s %s%n", s.className(), "did not run or failed (see " + inv.log() + ")");
                missing++;
                continue;
            }
            double msps = read.test(model).samplesPerSecond();
            double bsps = read.test(base).samplesPerSecond();
            terminal.printf("%-26s %,13.0f %-26s %,13.0f %8.1fx%n", s.className(), msps,
                    TestNaming.DEFAULT.shortName(base).replace("Baseline.", ""), bsps, bsps / msps);
        }
        terminal.println("SPS: samples per second of sampling time (samples / (forks x iterations x iteration"
                + " time)). RATIO: baseline SPS / model SPS, the model's cost per sample in baselines.");
        return missing == 0 ? 0 : 1;
    }
}
