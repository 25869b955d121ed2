package dev.swaprace.cli;

import dev.swaprace.mm.Variant;
import dev.swaprace.report.JcstressBlob;
import dev.swaprace.report.TestOutcomes;
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
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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
    static final String DEFAULT_TARGET = "^(LEAKED_UNTIL_RECLAIM|FORBIDDEN):";

    @Option(names = "--config", paramLabel = "CONFIG",
            description = "Take the tests from this stress configuration (its scenarios, actors, variants, cpus and"
                    + " delays); default: stress-configs/default.yaml unless -t or --scenarios select the tests.")
    String config;

    @Option(names = "--scenarios", paramLabel = "NAME", split = ",",
            description = "Hunt in these scenarios (names as in 'swaprace scenarios'); all variants unless --variants.")
    List<String> scenarios;

    @Option(names = "--variants", paramLabel = "VARIANT", split = ",",
            description = "Hunt in these variants: V57, RFC1, V2P, V58A, V58B, V58.")
    List<String> variants;

    @Option(names = {"-t", "--tests"}, paramLabel = "REGEX",
            description = "Keep only the tests whose name matches (find(), as jcstress -t), e.g. 'SwapinVsPunch\\.V58$'."
                    + " Alone, it selects from the whole suite.")
    String tests;

    @Option(names = "--target", paramLabel = "REGEX",
            description = "An outcome to hunt, a regex found in the outcome id (repeatable; default: "
                    + DEFAULT_TARGET + ").")
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

    @Option(names = {"-v", "--verbose"}, description = "Show jcstress's console output.")
    boolean verbose;

    @Option(names = "--dry-run", description = "Print the tests, the settings and a round's jcstress command; run nothing.")
    boolean dryRun;

    @Parameters(paramLabel = "JCSTRESS_ARG", arity = "0..*",
            description = "After '--': further jcstress options for every round (e.g. -hs 512 -strideCount 80).")
    List<String> jcstressArgs = new ArrayList<>();

    /** jcstress options the hunt sets itself. */
    private static final Set<String> RESERVED = Set.of("t", "r", "c", "p", "l", "sc", "spinStyle", "af", "jvmArgs",
            "jvmArgsPrepend", "time", "iters", "f", "m");

    private final PrintStream terminal = System.out;
    private final Object printLock = new Object();
    private final RunSlot slot = new RunSlot();

    /** What the hunt runs, from the options. */
    record Plan(List<String> tests, List<String> skipped, List<Pattern> targets, List<HuntSettings.Setting> settings,
                Duration budget, Duration round, int cpus, List<String> baseOptions, Path out) {
    }

    @Override
    public Integer call() throws Exception {
        Plan plan;
        try {
            plan = plan();
        } catch (StressConfig.ConfigException | IllegalArgumentException e) {
            System.err.println("swaprace hunt: " + e.getMessage());
            return 2;
        }
        terminal.printf("swaprace hunt: %d test%s, %d target%s, %d setting%s, budget %s, rounds of %s, %d CPUs%n",
                plan.tests().size(), plural(plan.tests().size()), plan.targets().size(), plural(plan.targets().size()),
                plan.settings().size(), plural(plan.settings().size()), RunCommand.human(plan.budget()),
                millis(plan.round()), plan.cpus());
        plan.skipped().forEach(terminal::println);
        if (dryRun) {
            plan.tests().forEach(t -> terminal.println("  test    " + t));
            plan.targets().forEach(t -> terminal.println("  target  " + t.pattern()));
            for (int i = 0; i < plan.settings().size(); i++) {
                terminal.printf("  %2d      %s%n", i + 1, plan.settings().get(i).label());
            }
            terminal.println("  round 1 (in <out>/rounds/001/):");
            terminal.println("  " + shell(JcstressProcess.command(roundArgs(plan, 1, Path.of("html")))));
            return 0;
        }
        if (plan.tests().isEmpty()) {
            System.err.println("swaprace hunt: no selected test can run with " + plan.cpus() + " CPUs");
            return 2;
        }
        try {
            prepareOut();
        } catch (IllegalArgumentException e) {
            System.err.println("swaprace hunt: " + e.getMessage());
            return 2;
        }
        HuntTally tally = new HuntTally(plan.targets(), plan.settings(), plan.tests());
        return OnInterrupt.guard("swaprace-hunt-interrupt", slot::stop, Duration.ofMinutes(2), () -> hunt(plan, tally));
    }

    private int hunt(Plan plan, HuntTally tally) throws IOException, InterruptedException {
        String started = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        long t0 = System.nanoTime();
        long budgetNanos = plan.budget().toNanos();
        Progress progress = new Progress(plan, tally, t0);
        String state = "running";
        String why = null;
        boolean jcstressFailed = false;
        writeFiles(plan, tally, started, state, t0, false);
        progress.start();
        try {
            int n = 0;
            while (true) {
                if (slot.stopped()) {
                    state = "interrupted";
                    break;
                }
                if (!allSettings && tally.allHit()) {
                    state = "finished";
                    why = "every target observed";
                    break;
                }
                if (maxRounds != null && n >= maxRounds) {
                    state = "finished";
                    why = "--max-rounds " + maxRounds + " reached";
                    break;
                }
                long elapsed = System.nanoTime() - t0;
                long left = budgetNanos - elapsed;
                int setting = n % plan.settings().size() + 1;
                double estimate = estimate(tally, setting);
                if (left <= 0 || (n > 0 && estimate * 1e9 > left)) {
                    state = "finished";
                    why = left <= 0 ? "budget spent" : String.format("budget spent: %.0f s left, a round takes ~%.0f s",
                            left / 1e9, estimate);
                    break;
                }
                n++;
                progress.round(n, setting);
                Path dir = plan.out().resolve("rounds").resolve(String.format("%03d", n));
                double start = elapsed / 1e9;
                RoundResult r = runRound(plan, n, setting, dir, Duration.ofNanos(left));
                double wall = (System.nanoTime() - t0) / 1e9 - start;
                List<Integer> first = tally.add(n, setting, start, wall, r.status(), plan.out().relativize(dir).toString(),
                        r.results());
                progress.roundDone(n, setting, wall, r, first);
                writeFiles(plan, tally, started, "running", t0, false);
                if (r.stop() != null) {
                    state = slot.stopped() ? "interrupted" : "finished";
                    why = r.stop();
                    jcstressFailed = !slot.stopped() && !r.stop().startsWith("budget");
                    break;
                }
            }
        } finally {
            progress.stop();
        }
        if (slot.stopped()) {
            state = "interrupted";
            why = "interrupted";
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream sum = new PrintStream(buf, true, StandardCharsets.UTF_8);
        sum.println();
        HuntTally.Header h = header(plan, started, state, t0);
        tally.summary(sum, h);
        sum.println();
        sum.println("Stopped: " + why);
        sum.printf("Output: %s (hunt.json, summary.txt, rounds/NNN/: blob, jcstress.log, html)%n", plan.out());
        List<String> errors = tally.rounds().stream().flatMap(r -> r.tests().stream()
                        .filter(t -> !t.status().equals("OK") && !t.status().equals("FAILED"))
                        .map(t -> "round " + r.round() + ": " + RunCommand.shortName(t.test()) + " " + t.status()
                                + " (see " + r.dir() + "/jcstress.log)")).toList();
        if (!errors.isEmpty()) {
            sum.println("jcstress errors:");
            errors.forEach(e -> sum.println("  " + e));
        }
        int code = slot.stopped() ? 130
                : jcstressFailed || !errors.isEmpty() || !tally.allHit() || !tally.forbidden().isEmpty() ? 1 : 0;
        if (code == 1) {
            List<String> reasons = new ArrayList<>();
            if (jcstressFailed || !errors.isEmpty()) {
                reasons.add("jcstress failed");
            }
            if (!tally.allHit()) {
                reasons.add((plan.targets().size() - tally.hitCount()) + " target(s) not observed");
            }
            if (!tally.forbidden().isEmpty()) {
                reasons.add("FORBIDDEN outcome(s) observed");
            }
            sum.println("swaprace hunt: " + String.join(", ", reasons));
        }
        sum.flush();
        synchronized (printLock) {
            terminal.print(buf.toString(StandardCharsets.UTF_8));
            terminal.flush();
        }
        Files.write(plan.out().resolve("summary.txt"), buf.toByteArray());
        writeFiles(plan, tally, started, state, t0, true);
        return code;
    }

    /**
     * The expected wall time of a round of {@code setting}: its longest round with results so far,
     * else the longest of any setting (a round that cannot finish in the budget is not started: it
     * would be lost).
     */
    private static double estimate(HuntTally tally, int setting) {
        List<HuntTally.Round> rs = tally.rounds().stream().filter(r -> !r.tests().isEmpty()).toList();
        return rs.stream().filter(r -> r.setting() == setting).mapToDouble(HuntTally.Round::wallSeconds).max()
                .orElse(rs.stream().mapToDouble(HuntTally.Round::wallSeconds).max().orElse(0));
    }

    private HuntTally.Header header(Plan plan, String started, String state, long t0) {
        return new HuntTally.Header(started, state, plan.budget().toSeconds(), plan.round().toMillis(), plan.cpus(),
                (System.nanoTime() - t0) / 1e9, plan.skipped(), plan.baseOptions());
    }

    private void writeFiles(Plan plan, HuntTally tally, String started, String state, long t0, boolean last) {
        HuntTally.Header h = header(plan, started, state, t0);
        tally.writeJson(plan.out().resolve("hunt.json"), h);
        if (!last) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            PrintStream sum = new PrintStream(buf, true, StandardCharsets.UTF_8);
            tally.summary(sum, h);
            sum.println();
            sum.println("(the hunt is still running: this file is rewritten after every round)");
            try {
                Files.write(plan.out().resolve("summary.txt"), buf.toByteArray());
            } catch (IOException e) {
                terminal.println("swaprace hunt: cannot write summary.txt: " + e.getMessage());
            }
        }
    }

    /** A round's outcome: results per test, status, and why the hunt must stop (null: go on). */
    record RoundResult(List<TestOutcomes> results, String status, String stop) {
    }

    private RoundResult runRound(Plan plan, int n, int setting, Path dir, Duration left)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        List<String> args = roundArgs(plan, setting, dir.toAbsolutePath().resolve("html"));
        Files.writeString(dir.resolve("command.txt"), shell(JcstressProcess.command(args)) + "\n");
        SuiteRunner.FatalWatch fatal = new SuiteRunner.FatalWatch();
        JcstressProcess p = slot.run(JcstressProcess.command(args), dir, dir.resolve("jcstress.log"),
                verbose ? fatal.andThen(this::printJcstress) : fatal, left);
        JcstressProcess.End end = p.end();
        Optional<Path> blob = JcstressBlob.latest(dir);
        List<TestOutcomes> results = new ArrayList<>();
        boolean truncated = false;
        if (blob.isPresent()) {
            JcstressBlob b = JcstressBlob.read(blob.get());
            truncated = b.truncated();
            results.addAll(b.tests());
        }
        if (end == JcstressProcess.End.EXITED) {
            if (results.isEmpty()) {
                return new RoundResult(results, "no-result", "round " + n + ": jcstress "
                        + (fatal.line != null ? "said: " + fatal.line : "exited with " + p.exitValue() + " and no result")
                        + " (see " + dir.resolve("jcstress.log") + ")");
            }
            return new RoundResult(results, truncated ? "partial" : "ok", null);
        }
        String status = results.isEmpty() ? "stopped" : "partial";
        return new RoundResult(results, status, slot.stopped() || end == JcstressProcess.End.KILLED ? "interrupted"
                : "budget spent during round " + n + " (its results are lost)");
    }

    /** jcstress options of a round of {@code setting}: the tests, report folder, then the setting's. */
    static List<String> roundArgs(Plan plan, int setting, Path html) {
        List<String> a = new ArrayList<>(List.of("-t", StressSuite.exactly(plan.tests()), "-r", html.toString()));
        a.addAll(plan.baseOptions());
        a.addAll(plan.settings().get(setting - 1).jcstressOptions(setting));
        return a;
    }

    private void printJcstress(String line) {
        synchronized (printLock) {
            terminal.println("  | " + line);
        }
    }

    /** Replace a previous hunt in the output folder; refuse a folder that holds something else. */
    private void prepareOut() throws IOException {
        if (Files.isDirectory(out)) {
            boolean hunt = Files.exists(out.resolve("hunt.json"));
            boolean empty;
            try (Stream<Path> s = Files.list(out)) {
                empty = s.findAny().isEmpty();
            }
            if (!hunt && !empty) {
                throw new IllegalArgumentException("--out " + out + ": not empty and not a hunt folder (no hunt.json)");
            }
            deleteRecursively(out.resolve("rounds"));
            Files.deleteIfExists(out.resolve("hunt.json"));
            Files.deleteIfExists(out.resolve("summary.txt"));
        }
        Files.createDirectories(out.resolve("rounds"));
    }

    private static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }

    /** Build the plan from the options; bad input throws with a one-line message. */
    Plan plan() throws StressConfig.ConfigException {
        int available = Runtime.getRuntime().availableProcessors();
        StressConfig c = null;
        if (config != null || (tests == null && scenarios == null)) {
            Path file = RunCommand.configFile(config == null ? "default" : config);
            c = StressConfig.load(file, file.toString());
        }
        List<Scenario> sc = scenarios != null ? scenarios.stream().map(RunCommand::scenario).toList()
                : c != null ? c.selectedScenarios(c.scenarios()) : List.of(Scenario.values());
        List<Variant> vs = variants != null ? variants.stream().map(RunCommand::variant).toList()
                : c != null ? c.variants() : List.of(Variant.values());
        Pattern filter = tests == null ? null : regex("-t", tests);
        int n = cpus != null ? cpus : c != null && c.cpus() > 0 ? c.cpus() : available;
        if (n < 1 || n > available) {
            throw new IllegalArgumentException("--cpus " + n + ": this machine has " + available);
        }
        Map<String, Scenario> selected = new LinkedHashMap<>();
        for (Scenario s : sc) {
            for (Variant v : vs) {
                String name = StressSuite.testName(s, v);
                if (filter == null || filter.matcher(name).find()) {
                    selected.put(name, s);
                }
            }
        }
        if (selected.isEmpty()) {
            throw new IllegalArgumentException("no test selected" + (tests != null ? " by -t '" + tests + "'" : ""));
        }
        List<String> runnable = selected.entrySet().stream().filter(e -> e.getValue().actors().size() <= n)
                .map(Map.Entry::getKey).toList();
        List<Scenario> used = selected.entrySet().stream().filter(e -> runnable.contains(e.getKey()))
                .map(Map.Entry::getValue).distinct().toList();
        List<Pattern> ts = new ArrayList<>();
        for (String t : targets == null || targets.isEmpty() ? List.of(DEFAULT_TARGET) : targets) {
            ts.add(regex("--target", t));
        }
        List<String> ds = delays != null ? HuntSettings.delays(delays)
                : HuntSettings.defaultDelays(used, c == null ? null : c.delays());
        List<String> spins = HuntSettings.choices("--spin-style",
                spinStyles != null ? spinStyles : List.of("THREAD_SPIN_WAIT", "HARD"), HuntSettings.SPIN_STYLES);
        List<String> afs = HuntSettings.choices("--affinity",
                affinities != null ? affinities : List.of("LOCAL"), HuntSettings.AFFINITIES);
        List<HuntSettings.Compile> cms = HuntSettings.compiles(compiles != null ? compiles : List.of("tiered", "int"));
        Duration b = duration("--budget", budget, Duration.ofSeconds(1), ChronoUnit.FOREVER.getDuration());
        // jcstress takes -time as an int of milliseconds
        Duration r = duration("--round", round, Duration.ofMillis(10), Duration.ofMillis(Integer.MAX_VALUE));
        if (maxRounds != null && maxRounds < 1) {
            throw new IllegalArgumentException("--max-rounds must be at least 1");
        }
        for (String a : jcstressArgs) {
            if (a.startsWith("-") && RESERVED.contains(a.replaceFirst("^-+", ""))) {
                throw new IllegalArgumentException("jcstress option " + a + " after '--' is set by the hunt itself"
                        + " (use --tests, --round, --spin-style, --affinity, --compile, --delays, --cpus)");
            }
        }
        List<String> base = new ArrayList<>(List.of("-c", Integer.toString(n), "-m", "quick", "-f", "1",
                "-iters", "1", "-time", Long.toString(r.toMillis())));
        base = JcstressOptions.override(base, jcstressArgs);
        return new Plan(runnable, skipped(selected, n), ts, HuntSettings.matrix(ds, spins, afs, cms), b, r, n, base,
                out);
    }

    /** One line per CPU count that some selected tests need and this machine lacks. */
    static List<String> skipped(Map<String, Scenario> selected, int cpus) {
        Map<Integer, List<String>> byNeed = new java.util.TreeMap<>();
        selected.forEach((t, s) -> {
            if (s.actors().size() > cpus) {
                byNeed.computeIfAbsent(s.actors().size(), k -> new ArrayList<>()).add(RunCommand.shortName(t));
            }
        });
        List<String> lines = new ArrayList<>();
        byNeed.forEach((need, ts) -> lines.add(String.format("SKIPPED %d test%s need%s %d CPUs (one per actor), %d"
                + " available: %s", ts.size(), plural(ts.size()), ts.size() == 1 ? "s" : "", need, cpus, compact(ts))));
        return lines;
    }

    /** {@code A.{V57,V58}, B.V58}: tests grouped by scenario. */
    private static String compact(List<String> shortNames) {
        Map<String, List<String>> byScenario = new LinkedHashMap<>();
        for (String t : shortNames) {
            int dot = t.lastIndexOf('.');
            byScenario.computeIfAbsent(t.substring(0, dot), k -> new ArrayList<>()).add(t.substring(dot + 1));
        }
        return byScenario.entrySet().stream().map(e -> e.getKey() + "." + (e.getValue().size() == 1
                ? e.getValue().get(0) : "{" + String.join(",", e.getValue()) + "}")).collect(Collectors.joining(", "));
    }

    private static Pattern regex(String what, String s) {
        try {
            return Pattern.compile(s);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(what + " '" + s + "': bad regex: " + e.getDescription());
        }
    }

    /** Option {@code what}'s duration ({@link StressConfig#parseDuration}), from {@code min} to {@code max}. */
    static Duration duration(String what, String s, Duration min, Duration max) {
        Duration d;
        try {
            d = StressConfig.parseDuration(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage());
        }
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new IllegalArgumentException(what + " '" + s + "': must be at least " + min.toMillis() + "ms"
                    + (max.equals(ChronoUnit.FOREVER.getDuration()) ? "" : " and at most " + max.toMillis() + "ms"));
        }
        return d;
    }

    /** {@code words} as a shell command line: words with anything but plain characters single-quoted. */
    static String shell(List<String> words) {
        return words.stream().map(w -> w.matches("[A-Za-z0-9_./:=,+@%-]+") ? w : "'" + w.replace("'", "'\\''") + "'")
                .collect(Collectors.joining(" "));
    }

    private static String plural(int n) {
        return n == 1 ? "" : "s";
    }

    private static String millis(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    /**
     * The progress display: on a terminal, a live line redrawn every second (elapsed/budget,
     * round, setting, samples and hits so far) above which each finished round leaves a line; on
     * anything else, a plain line when a round starts and one when it ends.
     */
    private final class Progress {
        private final Plan plan;
        private final HuntTally tally;
        private final long t0;
        private final boolean live = System.console() != null && !"dumb".equals(System.getenv("TERM"));
        private volatile int round;
        private volatile int setting;
        private volatile boolean running = true;
        private Thread ticker;

        Progress(Plan plan, HuntTally tally, long t0) {
            this.plan = plan;
            this.tally = tally;
            this.t0 = t0;
        }

        void start() {
            if (!live) {
                return;
            }
            ticker = new Thread(() -> {
                while (running) {
                    draw();
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "swaprace-hunt-progress");
            ticker.setDaemon(true);
            ticker.start();
        }

        void stop() {
            running = false;
            if (ticker != null) {
                ticker.interrupt();
                synchronized (printLock) {
                    terminal.print("\r\033[K");
                    terminal.flush();
                }
            }
        }

        private String head() {
            return String.format("[%s/%s]", HuntTally.clock((System.nanoTime() - t0) / 1e9),
                    HuntTally.clock(plan.budget().toSeconds()));
        }

        private void draw() {
            if (round == 0) {
                return;
            }
            String line = String.format("%s round %d, setting %d/%d (%s)  %,d samples  %d/%d targets hit",
                    head(), round, setting, plan.settings().size(), plan.settings().get(setting - 1).shortLabel(),
                    tally.totalSamples(), tally.hitCount(), plan.targets().size());
            int width = columns();
            if (line.length() > width) {
                line = line.substring(0, width - 1) + "~";
            }
            synchronized (printLock) {
                terminal.print("\r\033[K" + line);
                terminal.flush();
            }
        }

        /** The terminal's width from $COLUMNS, else 100: a longer live line would wrap and not redraw. */
        private int columns() {
            try {
                return Math.max(40, Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "100").trim()) - 1);
            } catch (NumberFormatException e) {
                return 99;
            }
        }

        void round(int n, int s) {
            round = n;
            setting = s;
            if (live) {
                draw();
            } else {
                synchronized (printLock) {
                    terminal.printf("%s round %d, setting %d/%d: %s%n", head(), n, s, plan.settings().size(),
                            plan.settings().get(s - 1).label());
                }
            }
        }

        void roundDone(int n, int s, double wall, RoundResult r, List<Integer> first) {
            long samples = r.results().stream().mapToLong(TestOutcomes::samples).sum();
            List<HuntTally.Round> rs = tally.rounds();
            HuntTally.Round last = rs.get(rs.size() - 1);
            long[] hits = new long[plan.targets().size()];
            last.tests().forEach(t -> {
                for (int k = 0; k < hits.length; k++) {
                    hits[k] += t.hits()[k];
                }
            });
            StringBuilder sb = new StringBuilder(String.format("%s round %d done (%s, %.0f s): %,d samples, hits",
                    head(), n, r.status(), wall, samples));
            for (long h : hits) {
                sb.append(' ').append(String.format("%,d", h));
            }
            for (int k : first) {
                HuntTally.FirstHit f = tally.first(k);
                sb.append(String.format("%n    FIRST %s: %s in %s (after %,d < samples <= %,d)",
                        plan.targets().get(k).pattern(), f.outcome(), RunCommand.shortName(f.test()),
                        f.testSamplesBefore(), f.testSamplesThrough()));
            }
            synchronized (printLock) {
                if (live) {
                    terminal.print("\r\033[K");
                }
                terminal.println(sb);
                terminal.flush();
            }
        }
    }
}
