package dev.swaprace.campaign;

import dev.swaprace.mm.Variant;
import dev.swaprace.race.DelayHook;
import dev.swaprace.report.Report;
import dev.swaprace.report.ReportView.TestView;
import dev.swaprace.report.SummaryText;
import dev.swaprace.results.BlobInput;
import dev.swaprace.results.TestNaming;
import dev.swaprace.scenario.Scenario;
import dev.swaprace.suite.StressSuite;
import org.openjdk.jcstress.infra.grading.ReportUtils;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code swaprace run}: a stress configuration's tests through the {@link SuiteRunner}, then the
 * per-test summary, the headline histograms and {@code N passed, N failed}, on the terminal and in
 * {@code summary.txt}, and the swaprace report of the merged blob (report.html, report.json,
 * junit.xml) in the output folder.
 */
public final class StressRun {

    /** What the command line changes in the configuration; null fields keep the configuration's. */
    public record Overrides(List<String> scenarios, List<String> variants, String mode, Integer cpus, String timeLimit,
                            Path out, Integer batch, String shard, String delays, List<String> jcstressArgs) {
    }

    /** Everything the run needs, from the configuration and the overrides. */
    public record Plan(String configName, String description, List<Scenario> scenarios, List<Variant> variants,
                       List<Scenario> headline, List<String> jcstressOptions, int cpus, int batch, Duration timeLimit,
                       Path out, Shard shard) {

        /** Every selected test of this shard, with its scenario, in configuration order. */
        public Map<String, Scenario> tests() {
            Map<String, Scenario> all = new LinkedHashMap<>();
            for (Scenario s : scenarios) {
                for (Variant v : variants) {
                    all.put(StressSuite.testName(s, v), s);
                }
            }
            Map<String, Scenario> byTest = new LinkedHashMap<>();
            shard.select(List.copyOf(all.keySet())).forEach(t -> byTest.put(t, all.get(t)));
            return byTest;
        }

        /** The jcstress options of every test: CPUs, then mode, forks and flags. */
        public List<String> jcstressArgs() {
            List<String> a = new ArrayList<>();
            a.add("-c");
            a.add(Integer.toString(cpus));
            a.addAll(jcstressOptions);
            return a;
        }
    }

    private final Plan plan;
    private final PrintStream terminal;

    public StressRun(Plan plan, PrintStream terminal) {
        this.plan = plan;
        this.terminal = terminal;
    }

    /** Read the configuration ({@link StressConfig#file}) and apply the overrides. */
    public static Plan plan(String config, Overrides o) throws StressConfig.ConfigException {
        Path file = StressConfig.file(config);
        StressConfig c = StressConfig.load(file, display(file));
        List<Scenario> sc = o.scenarios() == null ? c.scenarios()
                : o.scenarios().stream().map(StressConfig::scenarioNamed).toList();
        List<Variant> vs = o.variants() == null ? c.variants()
                : o.variants().stream().map(StressConfig::variantNamed).toList();
        int available = Runtime.getRuntime().availableProcessors();
        int n = o.cpus() != null ? o.cpus() : c.cpus();
        if (o.batch() != null && o.batch() < 1) {
            throw new IllegalArgumentException("--batch must be at least 1");
        }
        if (n < 0 || n > available) {
            throw new IllegalArgumentException("cpus " + n + ": this machine has " + available);
        }
        List<String> opts = new ArrayList<>();
        String m = o.mode() != null ? o.mode() : c.mode();
        if (m != null) {
            opts.add("-m");
            opts.add(m);
        }
        if (c.forks() != null) {
            opts.add("-f");
            opts.add(c.forks().toString());
        }
        opts.addAll(c.flags());
        opts = JcstressOptions.override(opts, o.jcstressArgs());
        String d = o.delays() != null ? o.delays() : c.delays();
        if (d != null && !d.isBlank()) {
            opts = withDelays(opts, DelayHook.parse(d).spec());
        }
        Duration limit = o.timeLimit() != null ? StressConfig.parseDuration(o.timeLimit()) : c.timeLimit();
        Path out = o.out() != null ? o.out() : Path.of(c.out());
        List<Scenario> selected = c.selectedScenarios(sc);
        // scenarios picked on the command line are what the user wants to see
        List<Scenario> headline = o.scenarios() == null ? c.headline() : selected;
        return new Plan(display(file), c.description() == null ? "no description" : c.description(),
                selected, vs, headline, opts, n == 0 ? available : n, o.batch() != null ? o.batch() : c.batch(),
                limit, out, o.shard() == null ? Shard.ALL : Shard.parse(o.shard()));
    }

    /**
     * Run the plan (or, with {@code dryRun}, print it), print and write the summary, and return
     * the exit status: 0 every test that ran passed and one did; 1 a failure, a missing result or
     * the time limit; 2 nothing selected or nothing ran.
     */
    public int execute(boolean dryRun, Consumer<String> jcstressOutput) throws Exception {
        Map<String, Scenario> byTest = plan.tests();
        List<String> runnable = byTest.keySet().stream()
                .filter(t -> byTest.get(t).actors().size() <= plan.cpus()).toList();
        List<String> args = plan.jcstressArgs();

        terminal.printf("swaprace run: %s (%s)%n", plan.configName(), plan.description());
        terminal.printf("  %d tests (%d scenarios x %d variants%s), %d CPUs, time limit %s, output %s%n",
                byTest.size(), plan.scenarios().size(), plan.variants().size(),
                plan.shard().equals(Shard.ALL) ? "" : ", shard " + plan.shard(), plan.cpus(),
                StressConfig.human(plan.timeLimit()), plan.out());
        if (dryRun) {
            byTest.keySet().forEach(t -> terminal.println("  " + t
                    + (runnable.contains(t) ? "" : "   (needs " + byTest.get(t).actors().size() + " CPUs)")));
            terminal.println("  per test, in <out>/tests/<test>/:");
            terminal.println("  " + String.join(" ", JcstressProcess.command(args)) + " -t ^<test>$ -r html");
            return 0;
        }
        if (byTest.isEmpty()) {
            System.err.println("swaprace run: the configuration selects no test");
            return 2;
        }
        if (runnable.isEmpty()) {
            return summarize(byTest, new SuiteRunner.Result(Map.of(), Map.of(), Optional.empty(), null, false, false));
        }

        Files.createDirectories(plan.out());
        // the tests this run owes: a fleet merge checks every shard's are there
        Files.write(plan.out().resolve("tests.txt"), byTest.keySet());
        terminal.printf("  jcstress %s, %s%n", String.join(" ", args),
                plan.batch() == 1 ? "one invocation per test" : plan.batch() + " tests per invocation");
        terminal.printf("  output: %s (one folder per test in tests/, jcstress.log there)%n%n", plan.out());
        SuiteRunner runner = new SuiteRunner(plan.out(), args, terminal, jcstressOutput);
        return runner.loop().guard("swaprace-run-interrupt", () -> {
            terminal.println();
            terminal.println("swaprace run: interrupted: stopping jcstress, keeping the results of finished tests");
        }, Duration.ofMinutes(5), () -> summarize(byTest, runner.run(runnable, plan.batch(), plan.timeLimit())));
    }

    /** The per-test summary, headline histograms and closing line, on the terminal and in summary.txt. */
    private int summarize(Map<String, Scenario> byTest, SuiteRunner.Result run) throws IOException {
        Map<String, TestView> results = run.results();
        boolean stopped = run.stopped() != null;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        out.println();
        printHeadlines(out, results);
        out.println("Per test (samples per verdict):");
        SummaryText.summaryHeader(out);
        int passed = 0;
        int failed = 0;
        int skipped = 0;
        for (Map.Entry<String, Scenario> e : byTest.entrySet()) {
            String shortName = TestNaming.DEFAULT.shortName(e.getKey());
            TestView t = results.get(e.getKey());
            int actors = e.getValue().actors().size();
            if (t != null) {
                SummaryText.summaryLine(out, shortName, t);
                if (t.passed()) {
                    passed++;
                } else {
                    failed++;
                    // jcstress's own filter drops known VM noise (deprecation warnings of -XX flags)
                    t.messages().stream().filter(m -> !ReportUtils.skipMessage(m)).limit(3)
                            .forEach(m -> out.println("        " + m));
                }
            } else if (actors > plan.cpus()) {
                SummaryText.missingLine(out, "SKIPPED", shortName,
                        "needs " + actors + " CPUs (one per actor), " + plan.cpus() + " available");
                skipped++;
            } else if (run.notRun().containsKey(e.getKey())) {
                String why = run.notRun().get(e.getKey());
                SummaryText.missingLine(out, why.equals(SuiteRunner.TIMED_OUT) ? "TIMEOUT" : "NOT RUN", shortName, why);
                if (!(run.interrupted() && why.equals(SuiteRunner.STOPPED))) {
                    failed++;   // an error, or the time limit: the test timed out
                }
            } else {
                SummaryText.missingLine(out, "NOT RUN", shortName, "the run stopped before it");
            }
        }
        out.println();
        if (run.blob().isPresent()) {
            out.printf("Result blob: %s%s%n", run.blob().get(), run.truncated()
                    ? " (the test in progress was cut short)" : "");
            Path html = plan.out().resolve("html").resolve("index.html");
            if (Files.exists(html)) {
                out.printf("jcstress HTML: %s%n", html);
            }
            writeReport(out, byTest, run.blob().get(), run.truncated());
        }
        if (stopped) {
            out.println("swaprace run: " + run.stopped() + ": results are partial");
        } else if (passed + failed == 0) {
            out.println("swaprace run: nothing ran" + (skipped > 0 ? ": every selected test needs more CPUs" : ""));
        }
        out.println(passed + " passed, " + failed + " failed" + (skipped > 0 ? ", " + skipped + " skipped" : ""));
        out.flush();
        terminal.print(buf.toString(StandardCharsets.UTF_8));
        terminal.flush();
        if (Files.isDirectory(plan.out())) {
            Files.write(plan.out().resolve("summary.txt"), buf.toByteArray());
        }
        if (stopped || failed > 0) {
            return 1;
        }
        return passed == 0 ? 2 : 0;
    }

    /**
     * The swaprace report of the run (histograms with verdicts, scenario x variant matrix,
     * environment): report.html, report.json and junit.xml in the output folder. A report that
     * cannot be written is a line, not a lost run: the blob is kept either way.
     */
    private void writeReport(PrintStream out, Map<String, Scenario> byTest, Path blob, boolean truncated) {
        try {
            Report r = Report.builder().blob(BlobInput.of(blob)).expectTests(List.copyOf(byTest.keySet()))
                    .cpus(plan.cpus()).acceptTruncated(truncated).build();
            Path html = plan.out().resolve("report.html");
            r.writeAll(html, plan.out().resolve("report.json"), null, plan.out().resolve("junit.xml"));
            out.printf("Report: %s (also report.json, junit.xml)%n", html);
        } catch (RuntimeException e) {
            out.println("swaprace run: report not written: " + e.getMessage());
        }
    }

    private void printHeadlines(PrintStream out, Map<String, TestView> results) {
        for (Scenario s : plan.headline()) {
            if (!plan.scenarios().contains(s)
                    || plan.variants().stream().noneMatch(v -> results.containsKey(StressSuite.testName(s, v)))) {
                continue;
            }
            out.printf("%s: %s (kernel-model 4.1 rows %s), outcomes per variant%n", s.className(), s.title(), s.rows());
            for (Variant v : plan.variants()) {
                TestView t = results.get(StressSuite.testName(s, v));
                if (t != null) {
                    SummaryText.histogram(out, String.format("%-5s %-58s", v.name(), SummaryText.fit(v.where(), 58)), t);
                }
            }
            out.println();
        }
    }

    /**
     * Carry the delays to the forks as {@code -Dswaprace.delays=SPEC} in their JVM arguments: into
     * {@code -jvmArgs} when the flags set it (jcstress then uses only those), else with
     * {@code -jvmArgsPrepend}. Either way jcstress records them per JVM configuration.
     */
    static List<String> withDelays(List<String> opts, String spec) {
        String prop = "-D" + DelayHook.PROPERTY + "=" + spec;
        List<String> out = new ArrayList<>(opts);
        for (String name : List.of("-jvmArgs", "-jvmArgsPrepend")) {
            int i = out.indexOf(name);
            if (i >= 0 && i + 1 < out.size()) {
                out.set(i + 1, prop + " " + out.get(i + 1));
                return out;
            }
        }
        out.add("-jvmArgsPrepend");
        out.add(prop);
        return out;
    }

    private static String display(Path p) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : p.toString();
    }
}
