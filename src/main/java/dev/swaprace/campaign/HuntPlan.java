package dev.swaprace.campaign;

import dev.swaprace.mm.Variant;
import dev.swaprace.results.TestNaming;
import dev.swaprace.scenario.Scenario;
import dev.swaprace.suite.StressSuite;

import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * What a hunt runs ({@link Hunt}): the tests, the targets, the settings matrix, the budget and
 * round length, built from the command line ({@link Request}); bad input is an
 * {@link IllegalArgumentException} (or {@link StressConfig.ConfigException}) with a one-line message.
 *
 * @param tests       the tests every round runs (those this machine has CPUs for)
 * @param skipped     one line per CPU count some selected tests need and this machine lacks
 * @param baseOptions jcstress options of every round, before the setting's
 * @param maxRounds   stop after this many rounds (null: no limit)
 * @param allSettings go on after every target was seen, to measure every setting's rate
 */
public record HuntPlan(List<String> tests, List<String> skipped, List<Pattern> targets,
                       List<HuntSettings.Setting> settings, Duration budget, Duration round, int cpus,
                       List<String> baseOptions, Path out, Integer maxRounds, boolean allSettings) {

    public static final String DEFAULT_TARGET = "^(LEAKED_UNTIL_RECLAIM|FORBIDDEN):";

    /** jcstress options the hunt sets itself. */
    private static final Set<String> RESERVED = Set.of("t", "r", "c", "p", "l", "sc", "spinStyle", "af", "jvmArgs",
            "jvmArgsPrepend", "time", "iters", "f", "m");

    /** The command line, as given (null: not given). */
    public record Request(String config, List<String> scenarios, List<String> variants, String tests,
                          List<String> targets, String budget, String round, Integer maxRounds, List<String> delays,
                          List<String> spinStyles, List<String> affinities, List<String> compiles,
                          boolean allSettings, Integer cpus, Path out, List<String> jcstressArgs) {
    }

    /** jcstress options of a round of {@code setting} (from 1): the tests, report folder, then the setting's. */
    public List<String> roundArgs(int setting, Path html) {
        List<String> a = new ArrayList<>(List.of("-t", StressSuite.exactly(tests), "-r", html.toString()));
        a.addAll(baseOptions);
        a.addAll(settings.get(setting - 1).jcstressOptions(setting));
        return a;
    }

    /** Build the plan from the options; bad input throws with a one-line message. */
    public static HuntPlan of(Request q) throws StressConfig.ConfigException {
        int available = Runtime.getRuntime().availableProcessors();
        StressConfig c = null;
        if (q.config() != null || (q.tests() == null && q.scenarios() == null)) {
            Path file = StressConfig.file(q.config() == null ? "default" : q.config());
            c = StressConfig.load(file, file.toString());
        }
        List<Scenario> sc = q.scenarios() != null ? q.scenarios().stream().map(StressConfig::scenarioNamed).toList()
                : c != null ? c.selectedScenarios(c.scenarios()) : List.of(Scenario.values());
        List<Variant> vs = q.variants() != null ? q.variants().stream().map(StressConfig::variantNamed).toList()
                : c != null ? c.variants() : List.of(Variant.values());
        Pattern filter = q.tests() == null ? null : regex("-t", q.tests());
        int n = q.cpus() != null ? q.cpus() : c != null && c.cpus() > 0 ? c.cpus() : available;
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
            throw new IllegalArgumentException("no test selected" + (q.tests() != null ? " by -t '" + q.tests() + "'" : ""));
        }
        List<String> runnable = selected.entrySet().stream().filter(e -> e.getValue().actors().size() <= n)
                .map(Map.Entry::getKey).toList();
        List<Scenario> used = selected.entrySet().stream().filter(e -> runnable.contains(e.getKey()))
                .map(Map.Entry::getValue).distinct().toList();
        List<Pattern> ts = new ArrayList<>();
        for (String t : q.targets() == null || q.targets().isEmpty() ? List.of(DEFAULT_TARGET) : q.targets()) {
            ts.add(regex("--target", t));
        }
        List<String> ds = q.delays() != null ? HuntSettings.delays(q.delays())
                : HuntSettings.defaultDelays(used, c == null ? null : c.delays());
        List<String> spins = HuntSettings.choices("--spin-style",
                q.spinStyles() != null ? q.spinStyles() : List.of("THREAD_SPIN_WAIT", "HARD"), HuntSettings.SPIN_STYLES);
        List<String> afs = HuntSettings.choices("--affinity",
                q.affinities() != null ? q.affinities() : List.of("LOCAL"), HuntSettings.AFFINITIES);
        List<HuntSettings.Compile> cms = HuntSettings.compiles(q.compiles() != null ? q.compiles() : List.of("tiered", "int"));
        Duration b = duration("--budget", q.budget(), Duration.ofSeconds(1), ChronoUnit.FOREVER.getDuration());
        // jcstress takes -time as an int of milliseconds
        Duration r = duration("--round", q.round(), Duration.ofMillis(10), Duration.ofMillis(Integer.MAX_VALUE));
        if (q.maxRounds() != null && q.maxRounds() < 1) {
            throw new IllegalArgumentException("--max-rounds must be at least 1");
        }
        for (String a : q.jcstressArgs()) {
            if (a.startsWith("-") && RESERVED.contains(a.replaceFirst("^-+", ""))) {
                throw new IllegalArgumentException("jcstress option " + a + " after '--' is set by the hunt itself"
                        + " (use --tests, --round, --spin-style, --affinity, --compile, --delays, --cpus)");
            }
        }
        List<String> base = new ArrayList<>(List.of("-c", Integer.toString(n), "-m", "quick", "-f", "1",
                "-iters", "1", "-time", Long.toString(r.toMillis())));
        base = JcstressOptions.override(base, q.jcstressArgs());
        return new HuntPlan(runnable, skipped(selected, n), ts, HuntSettings.matrix(ds, spins, afs, cms), b, r, n, base,
                q.out(), q.maxRounds(), q.allSettings());
    }

    /** One line per CPU count that some selected tests need and this machine lacks. */
    static List<String> skipped(Map<String, Scenario> selected, int cpus) {
        Map<Integer, List<String>> byNeed = new TreeMap<>();
        selected.forEach((t, s) -> {
            if (s.actors().size() > cpus) {
                byNeed.computeIfAbsent(s.actors().size(), k -> new ArrayList<>()).add(TestNaming.DEFAULT.shortName(t));
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
    public static Duration duration(String what, String s, Duration min, Duration max) {
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

    static String plural(int n) {
        return n == 1 ? "" : "s";
    }

    /** {@code 5s} or {@code 500ms}. */
    public static String millis(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
