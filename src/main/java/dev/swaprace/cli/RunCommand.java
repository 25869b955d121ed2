package dev.swaprace.cli;

import dev.swaprace.mm.Variant;
import dev.swaprace.race.DelayHook;
import dev.swaprace.report.BlobInput;
import dev.swaprace.report.Report;
import dev.swaprace.report.TestOutcomes;
import dev.swaprace.report.TextReport;
import dev.swaprace.scenario.Scenario;
import dev.swaprace.stress.StressSuite;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

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

    @Option(names = "--scenarios", paramLabel = "NAME", split = ",",
            description = "Run these scenarios instead of the configuration's (names as in 'swaprace scenarios').")
    List<String> scenarios;

    @Option(names = "--variants", paramLabel = "VARIANT", split = ",",
            description = "Run these variants instead of the configuration's: V57, RFC1, V2P, V58A, V58B, V58.")
    List<String> variants;

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

    @Option(names = {"-v", "--verbose"}, description = "Show jcstress's whole console output, not only its progress.")
    boolean verbose;

    @Option(names = "--dry-run", description = "Print the tests and the jcstress command line, and run nothing.")
    boolean dryRun;

    @Parameters(paramLabel = "JCSTRESS_ARG", arity = "0..*",
            description = "After '--': jcstress options; each replaces the configuration's flag of the same name.")
    List<String> jcstressArgs = new ArrayList<>();

    private final PrintStream terminal = System.out;

    /** Everything the run needs, from the configuration and the options. */
    record Plan(String configName, String description, List<Scenario> scenarios, List<Variant> variants,
                List<Scenario> headline, List<String> jcstressOptions, int cpus, int batch, Duration timeLimit,
                Path out, Shard shard) {
    }

    @Override
    public Integer call() throws Exception {
        Plan plan;
        try {
            plan = plan();
        } catch (StressConfig.ConfigException | IllegalArgumentException e) {
            System.err.println("swaprace run: " + e.getMessage());
            return 2;
        }
        Map<String, Scenario> all = new LinkedHashMap<>();
        for (Scenario s : plan.scenarios()) {
            for (Variant v : plan.variants()) {
                all.put(StressSuite.testName(s, v), s);
            }
        }
        Map<String, Scenario> byTest = new LinkedHashMap<>();
        plan.shard().select(List.copyOf(all.keySet())).forEach(t -> byTest.put(t, all.get(t)));
        List<Scenario> schedulable = plan.scenarios().stream().filter(s -> s.actors().size() <= plan.cpus()).toList();
        List<String> runnable = byTest.keySet().stream().filter(t -> schedulable.contains(byTest.get(t))).toList();
        List<String> args = jcstressArgs(plan);

        terminal.printf("swaprace run: %s (%s)%n", plan.configName(), plan.description());
        terminal.printf("  %d tests (%d scenarios x %d variants%s), %d CPUs, time limit %s, output %s%n",
                byTest.size(), plan.scenarios().size(), plan.variants().size(),
                plan.shard().equals(Shard.ALL) ? "" : ", shard " + plan.shard(), plan.cpus(),
                human(plan.timeLimit()), plan.out());
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
            return summarize(plan, byTest, new SuiteRunner.Result(Map.of(), Map.of(), Optional.empty(),
                    null, false, false));
        }

        Files.createDirectories(plan.out());
        // the tests this run owes: a fleet merge checks every shard's are there
        Files.write(plan.out().resolve("tests.txt"), byTest.keySet());
        terminal.printf("  jcstress %s, %s%n", String.join(" ", args),
                plan.batch() == 1 ? "one invocation per test" : plan.batch() + " tests per invocation");
        terminal.printf("  output: %s (one folder per test in tests/, jcstress.log there)%n%n", plan.out());
        SuiteRunner runner = new SuiteRunner(plan.out(), args, terminal, verbose ? terminal::println : l -> { });
        return OnInterrupt.guard("swaprace-run-interrupt", () -> {
            terminal.println();
            terminal.println("swaprace run: interrupted: stopping jcstress, keeping the results of finished tests");
            runner.interrupt();
        }, Duration.ofMinutes(5), () -> summarize(plan, byTest, runner.run(runnable, plan.batch(), plan.timeLimit())));
    }

    /** The per-test summary, headline histograms and closing line, on the terminal and in summary.txt. */
    private int summarize(Plan plan, Map<String, Scenario> byTest, SuiteRunner.Result run) throws IOException {
        Map<String, TestOutcomes> results = run.results();
        boolean stopped = run.stopped() != null;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        out.println();
        printHeadlines(out, plan, results);
        out.println("Per test (samples per verdict):");
        TextReport.summaryHeader(out);
        int passed = 0;
        int failed = 0;
        int skipped = 0;
        for (Map.Entry<String, Scenario> e : byTest.entrySet()) {
            String shortName = shortName(e.getKey());
            TestOutcomes t = results.get(e.getKey());
            int actors = e.getValue().actors().size();
            if (t != null) {
                TextReport.summaryLine(out, shortName, t);
                if (t.passed()) {
                    passed++;
                } else {
                    failed++;
                    t.messages().stream().limit(3).forEach(m -> out.println("        " + m));
                }
            } else if (actors > plan.cpus()) {
                TextReport.missingLine(out, "SKIPPED", shortName,
                        "needs " + actors + " CPUs (one per actor), " + plan.cpus() + " available");
                skipped++;
            } else if (run.notRun().containsKey(e.getKey())) {
                String why = run.notRun().get(e.getKey());
                TextReport.missingLine(out, why.equals(SuiteRunner.TIMED_OUT) ? "TIMEOUT" : "NOT RUN", shortName, why);
                if (!(run.interrupted() && why.equals(SuiteRunner.STOPPED))) {
                    failed++;   // an error, or the time limit: the test timed out
                }
            } else {
                TextReport.missingLine(out, "NOT RUN", shortName, "the run stopped before it");
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
            writeReport(out, plan, byTest, run.blob().get(), run.truncated());
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
    private static void writeReport(PrintStream out, Plan plan, Map<String, Scenario> byTest, Path blob,
                                    boolean truncated) {
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

    private void printHeadlines(PrintStream out, Plan plan, Map<String, TestOutcomes> results) {
        for (Scenario s : plan.headline()) {
            if (!plan.scenarios().contains(s)
                    || plan.variants().stream().noneMatch(v -> results.containsKey(StressSuite.testName(s, v)))) {
                continue;
            }
            out.printf("%s: %s (kernel-model 4.1 rows %s), outcomes per variant%n", s.className(), s.title(), s.rows());
            for (Variant v : plan.variants()) {
                TestOutcomes t = results.get(StressSuite.testName(s, v));
                if (t != null) {
                    TextReport.histogram(out, String.format("%-5s %-58s", v.name(), fitWhere(v)), t);
                }
            }
            out.println();
        }
    }

    private static String fitWhere(Variant v) {
        String w = v.where();
        return w.length() <= 58 ? w : w.substring(0, 57) + "~";
    }

    /** The jcstress options of every test: CPUs, then mode, forks and flags. */
    private static List<String> jcstressArgs(Plan plan) {
        List<String> a = new ArrayList<>();
        a.add("-c");
        a.add(Integer.toString(plan.cpus()));
        a.addAll(plan.jcstressOptions());
        return a;
    }

    /** Read the configuration and apply the options. */
    Plan plan() throws StressConfig.ConfigException {
        Path file = configFile(config);
        StressConfig c = StressConfig.load(file, display(file));
        List<Scenario> sc = scenarios == null ? c.scenarios() : scenarios.stream().map(RunCommand::scenario).toList();
        List<Variant> vs = variants == null ? c.variants() : variants.stream().map(RunCommand::variant).toList();
        int available = Runtime.getRuntime().availableProcessors();
        int n = cpus != null ? cpus : c.cpus();
        if (batch != null && batch < 1) {
            throw new IllegalArgumentException("--batch must be at least 1");
        }
        if (n < 0 || n > available) {
            throw new IllegalArgumentException("cpus " + n + ": this machine has " + available);
        }
        List<String> opts = new ArrayList<>();
        String m = mode != null ? mode : c.mode();
        if (m != null) {
            opts.add("-m");
            opts.add(m);
        }
        if (c.forks() != null) {
            opts.add("-f");
            opts.add(c.forks().toString());
        }
        opts.addAll(c.flags());
        opts = JcstressOptions.override(opts, jcstressArgs);
        String d = delays != null ? delays : c.delays();
        if (d != null && !d.isBlank()) {
            opts = withDelays(opts, DelayHook.parse(d).spec());
        }
        Duration limit = timeLimit != null ? StressConfig.parseDuration(timeLimit) : c.timeLimit();
        Path o = out != null ? out : Path.of(c.out());
        List<Scenario> selected = c.selectedScenarios(sc);
        // scenarios picked on the command line are what the user wants to see
        List<Scenario> headline = scenarios == null ? c.headline() : selected;
        return new Plan(display(file), c.description() == null ? "no description" : c.description(),
                selected, vs, headline, opts, n == 0 ? available : n, batch != null ? batch : c.batch(), limit, o,
                shard == null ? Shard.ALL : Shard.parse(shard));
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

    static Scenario scenario(String name) {
        try {
            return Scenario.byClassName(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown scenario '" + name + "' (see 'swaprace scenarios')");
        }
    }

    static Variant variant(String name) {
        try {
            return StressConfig.variant(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown variant '" + name + "' (V57, RFC1, V2P, V58A, V58B, V58)");
        }
    }

    /**
     * A configuration given by path, or by name: {@code ci} is {@code stress-configs/ci.yaml} in the
     * working directory or, failing that, in {@code $SWAPRACE_HOME} (set by scripts/swaprace).
     */
    static Path configFile(String nameOrPath) {
        Path p = Path.of(nameOrPath);
        if (Files.exists(p) || nameOrPath.contains("/") || nameOrPath.endsWith(".yaml")) {
            return p;
        }
        Path local = Path.of("stress-configs", nameOrPath + ".yaml");
        String home = System.getenv("SWAPRACE_HOME");
        if (!Files.exists(local) && home != null) {
            Path inHome = Path.of(home, "stress-configs", nameOrPath + ".yaml");
            if (Files.exists(inHome)) {
                return inHome;
            }
        }
        return local;
    }

    private static String display(Path p) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : p.toString();
    }

    static String shortName(String test) {
        return test.startsWith(StressSuite.PACKAGE + ".") ? test.substring(StressSuite.PACKAGE.length() + 1) : test;
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s >= 3600) {
            return s / 3600 + "h" + (s % 3600) / 60 + "m";
        }
        return s % 60 == 0 ? s / 60 + "m" : s >= 60 ? s / 60 + "m" + s % 60 + "s" : s + "s";
    }
}
