package dev.swaprace.report;

import dev.swaprace.check.Verdict;
import dev.swaprace.mm.Variant;
import dev.swaprace.results.ExplorerResults;
import dev.swaprace.results.ExplorerResults.Reachable;
import dev.swaprace.results.Grading;
import dev.swaprace.results.Histograms;
import dev.swaprace.results.Histograms.Cell;
import dev.swaprace.results.Histograms.CellKey;
import dev.swaprace.results.Histograms.TestCounts;
import dev.swaprace.results.JvmConfig;
import dev.swaprace.results.RunInfo;
import dev.swaprace.results.TestCatalog;
import dev.swaprace.results.TestNaming;
import dev.swaprace.results.TestNaming.ScenarioVariant;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.infra.Status;
import org.openjdk.jcstress.infra.TestInfo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything the renderers show, computed once from the model: per test its state, graded
 * outcome rows with frequency and rate, per-configuration counts, and the coverage join with
 * the explorer. Renderers format; they compute nothing, so every format shows the same numbers.
 */
public final class ReportView {

    /** How an outcome stands against the explorer's reachable set. */
    public enum Reach { REACHABLE, UNREACHABLE, NOT_EXPLORED }

    /** A test's result, with jcstress's labels plus the report's own. */
    public enum State {
        OK("OK"), FAILED("FAILED"), ERROR("ERROR"), TIMEOUT("TIMEOUT"), VM_ERROR("VM ERROR"),
        /** jcstress API_MISMATCH. */
        API_SKIPPED("SKIPPED"),
        /** counts shown, but no TestList describes the test's outcomes. */
        UNGRADED("UNGRADED"),
        /** expected, absent, and it needs more CPUs than the run had. */
        CPU_SKIPPED("SKIPPED"),
        /** expected, absent, though it could have run. */
        NOT_RUN("NOT RUN");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public boolean skipped() {
            return this == CPU_SKIPPED || this == API_SKIPPED;
        }
    }

    /**
     * One outcome of a test.
     *
     * @param upperPerMillion for a zero count, the rule-of-three 95% upper bound on the rate
     *                        (3/n), per million samples; null otherwise or when n = 0
     * @param grade           the outcome's verdict: a swaprace test's from its id, a foreign test's
     *                        from its jcstress expectation; null when ungraded or UNKNOWN
     * @param verdict         swaprace verdict, or jcstress expectation label, or "ungraded"
     * @param code            the swaprace end code (STRAND, OK_PAGE...), or null
     * @param witness         the explorer's witness, when reachable
     */
    public record Row(String id, long count, double frequency, double perMillion, Double upperPerMillion,
                      Expect expect, String description, boolean observed, Verdict grade, String verdict, String code,
                      Reach reach, Reachable witness) {

        /** The outcome's colour in every format: ACCEPTABLE, INTERESTING, FORBIDDEN or UNKNOWN. */
        public String kind() {
            if (grade == null) {
                return "UNKNOWN";
            }
            return grade == Verdict.LEAKED_UNTIL_RECLAIM ? "INTERESTING" : grade.name();
        }

        /** The verdict the outcome counts as: its grade, or FORBIDDEN when ungraded (jcstress fails the test). */
        public Verdict countsAs() {
            return grade == null ? Verdict.FORBIDDEN : grade;
        }
    }

    /** One (host, run, configuration) of a test. */
    public record ConfigRow(CellKey key, Status status, int forks, long samples, Map<String, Long> counts) {
    }

    /**
     * A test: present in the blobs, or expected and absent.
     *
     * @param rows                observed outcomes and declared cases, sorted by id
     * @param missing             reachable outcomes never observed, with witnesses (explored tests)
     * @param unreachableObserved observed outcomes the explorer cannot reach: a model or harness bug
     * @param problems            why the test fails (empty when it passes or is skipped)
     */
    public record TestView(String name, Optional<ScenarioVariant> scenarioVariant, String description, State state,
                           boolean interesting, int actors, long samples, int forks, List<Row> rows,
                           List<ConfigRow> configs, boolean explored, List<Row> missing,
                           List<String> unreachableObserved, List<String> problems, List<String> messages) {

        public boolean failed() {
            return !problems.isEmpty();
        }

        public boolean swaprace() {
            return scenarioVariant.isPresent();
        }

        /** jcstress's own pass criterion: status OK (no FORBIDDEN outcome, no error). */
        public boolean passed() {
            return state == State.OK;
        }

        /** The outcomes seen, most frequent first (ties by id). */
        public List<Row> observed() {
            return rows.stream().filter(r -> r.count() > 0)
                    .sorted(Comparator.comparingLong(Row::count).reversed().thenComparing(Row::id)).toList();
        }

        /** Samples that count as {@code v} ({@link Row#countsAs()}). */
        public long count(Verdict v) {
            return rows.stream().filter(r -> r.countsAs() == v)
                    .mapToLong(Row::count).sum();
        }

        /** Counts per JVM configuration, over every host and run. */
        public Map<JvmConfig, Aggregate> byConfig() {
            Map<JvmConfig, Aggregate> m = new TreeMap<>();
            configs.forEach(c -> m.computeIfAbsent(c.key().config(), k -> new Aggregate()).add(c));
            return m;
        }

        /** Counts per host and run, over every configuration. */
        public Map<String, Aggregate> byRun() {
            Map<String, Aggregate> m = new TreeMap<>();
            configs.forEach(c -> m.computeIfAbsent(c.key().host() + "/" + c.key().run(), k -> new Aggregate()).add(c));
            return m;
        }
    }

    /** Counts of several configuration rows added up. */
    public static final class Aggregate {
        private Status status = Status.NORMAL;
        private int forks;
        private long samples;
        private final Map<String, Long> counts = new TreeMap<>();

        void add(ConfigRow c) {
            status = status.combine(c.status());
            forks += c.forks();
            samples = Math.addExact(samples, c.samples());
            c.counts().forEach((k, v) -> counts.merge(k, v, Math::addExact));
        }

        public Status status() {
            return status;
        }

        public int forks() {
            return forks;
        }

        public long samples() {
            return samples;
        }

        public long count(String outcome) {
            return counts.getOrDefault(outcome, 0L);
        }
    }

    /** Options of the view: how to grade, name, join, and which tests were expected. */
    public record Options(TestCatalog catalog, TestNaming naming, ExplorerResults explorer,
                          List<String> expectedTests, int cpus) {
        public static Options defaults() {
            return new Options(TestCatalog.fromClasspath(), TestNaming.DEFAULT, ExplorerResults.none(), List.of(), 0);
        }
    }

    private final List<TestView> tests;
    private final List<RunInfo> runs;
    private final long samples;
    private final int cpus;

    private ReportView(List<TestView> tests, List<RunInfo> runs, long samples, int cpus) {
        this.tests = tests;
        this.runs = runs;
        this.samples = samples;
        this.cpus = cpus;
    }

    public List<TestView> tests() {
        return tests;
    }

    public List<RunInfo> runs() {
        return runs;
    }

    public long samples() {
        return samples;
    }

    /** The CPUs the skip decision used: given, or the most any run pinned actors to. */
    public int cpus() {
        return cpus;
    }

    /** True when no test failed (skipped tests do not fail). */
    public boolean passed() {
        return tests.stream().noneMatch(TestView::failed);
    }

    public long count(State s) {
        return tests.stream().filter(t -> t.state() == s).count();
    }

    /** Swaprace tests by scenario, then variant in kernel order (unknown variants last, by name). */
    public Map<String, Map<String, TestView>> matrix() {
        Map<String, Map<String, TestView>> m = new TreeMap<>();
        for (TestView t : tests) {
            t.scenarioVariant().ifPresent(sv -> m.computeIfAbsent(sv.scenario(), k -> new TreeMap<>(VARIANT_ORDER))
                    .put(sv.variant(), t));
        }
        return m;
    }

    /** Every variant seen in the matrix, in kernel order. */
    public List<String> variants() {
        Set<String> v = new TreeSet<>(VARIANT_ORDER);
        matrix().values().forEach(x -> v.addAll(x.keySet()));
        return List.copyOf(v);
    }

    static final Comparator<String> VARIANT_ORDER = Comparator.comparingInt(ReportView::variantRank)
            .thenComparing(Comparator.naturalOrder());

    private static int variantRank(String v) {
        for (Variant x : Variant.values()) {
            if (x.name().equals(v)) {
                return x.ordinal();
            }
        }
        return Integer.MAX_VALUE;
    }

    public static ReportView of(Histograms h, Options o) {
        int cpus = o.cpus() > 0 ? o.cpus() : h.runs().stream().mapToInt(r -> r.cpus().size()).max().orElse(0);
        if (cpus == 0) {
            cpus = Runtime.getRuntime().availableProcessors();
        }
        List<TestView> views = new ArrayList<>();
        for (TestCounts t : h.tests().values()) {
            views.add(present(t, o));
        }
        Set<String> have = h.tests().keySet();
        for (String name : new TreeSet<>(o.expectedTests())) {
            if (!have.contains(name)) {
                views.add(absent(name, o, cpus));
            }
        }
        views.sort(Comparator.comparing(TestView::name));
        return new ReportView(List.copyOf(views), h.runs(), h.total(), cpus);
    }

    private static TestView present(TestCounts t, Options o) {
        Optional<ScenarioVariant> sv = o.naming().parse(t.name());
        Optional<TestInfo> info = o.catalog().info(t.name());
        Map<String, Long> totals = t.outcomeTotals();
        Grading.Result g = Grading.grade(info, totals, sv.isPresent());
        long n = t.total();
        Optional<Map<String, Reachable>> reach = sv.flatMap(o.explorer()::reachable);

        List<Row> rows = new ArrayList<>();
        List<String> unreachable = new ArrayList<>();
        for (Grading.Graded gr : g.rows()) {
            Reach r = !gr.observed() || reach.isEmpty() ? Reach.NOT_EXPLORED
                    : reach.get().containsKey(gr.id()) ? Reach.REACHABLE : Reach.UNREACHABLE;
            Reachable w = reach.map(m -> m.get(gr.id())).orElse(null);
            rows.add(row(gr.id(), gr.count(), n, gr.expect(), gr.description(), gr.observed(), sv.isPresent(), r, w));
            if (r == Reach.UNREACHABLE && gr.count() > 0) {
                unreachable.add(gr.id());
            }
        }
        List<Row> missing = new ArrayList<>();
        reach.ifPresent(m -> m.values().forEach(w -> {
            if (totals.getOrDefault(w.outcome(), 0L) == 0) {
                Expect ex = Grading.byVerdict(w.outcome());
                missing.add(row(w.outcome(), 0, n, ex, "reachable, never observed", false, true, Reach.REACHABLE, w));
            }
        }));
        missing.sort(Comparator.comparing(Row::id));

        List<ConfigRow> configs = new ArrayList<>();
        for (Map.Entry<CellKey, Cell> e : t.cells().entrySet()) {
            Cell c = e.getValue();
            configs.add(new ConfigRow(e.getKey(), c.status(), c.forks(), c.total(), c.counts()));
        }

        Status status = t.status();
        State state = switch (status) {
            case TIMEOUT_ERROR -> State.TIMEOUT;
            case CHECK_TEST_ERROR, TEST_ERROR -> State.ERROR;
            case VM_ERROR -> State.VM_ERROR;
            case API_MISMATCH -> State.API_SKIPPED;
            case NORMAL -> !g.graded() ? State.UNGRADED : g.passed() ? State.OK : State.FAILED;
        };
        List<String> problems = new ArrayList<>();
        switch (state) {
            case TIMEOUT, ERROR, VM_ERROR -> problems.add(state.label() + ": jcstress status " + status
                    + (t.messages().isEmpty() ? "" : " (" + t.messages().get(0) + ")"));
            case UNGRADED -> problems.add("UNGRADED: no TestList describes this test's outcomes (give its suite with --suite)");
            default -> { }
        }
        for (Row r : rows) {
            if (r.expect() == Expect.FORBIDDEN && r.count() > 0) {
                problems.add("FORBIDDEN outcome observed " + r.count() + " times: " + r.id());
            } else if (r.expect() == Expect.UNKNOWN) {
                problems.add("UNKNOWN expectation declared: " + r.id());
            }
        }
        for (String u : unreachable) {
            problems.add("observed outcome the explorer cannot reach (model or harness bug): " + u);
        }
        int actors = Math.max(t.actors(), info.map(TestInfo::threads).orElse(0));
        return new TestView(t.name(), sv, info.map(TestInfo::description).orElse(null), state, g.interesting(),
                actors, n, t.forks(), List.copyOf(rows), List.copyOf(configs), reach.isPresent(), List.copyOf(missing),
                List.copyOf(unreachable), List.copyOf(problems), t.messages());
    }

    private static TestView absent(String name, Options o, int cpus) {
        Optional<TestInfo> info = o.catalog().info(name);
        int actors = info.map(TestInfo::threads).orElse(0);
        boolean cpuSkip = actors > cpus;
        State state = cpuSkip ? State.CPU_SKIPPED : State.NOT_RUN;
        List<String> problems = cpuSkip ? List.of() : List.of("NOT RUN: expected, but absent from every blob"
                + (actors == 0 ? " (and unknown to every TestList)" : ""));
        List<String> why = cpuSkip ? List.of("needs " + actors + " CPUs for its actors, the run had " + cpus
                + ": jcstress 0.16 does not schedule it") : List.of();
        return new TestView(name, o.naming().parse(name), info.map(TestInfo::description).orElse(null), state, false,
                actors, 0, 0, List.of(), List.of(), false, List.of(), List.of(), problems, why);
    }

    static Row row(String id, long count, long n, Expect expect, String desc, boolean observed, boolean swaprace,
                   Reach reach, Reachable witness) {
        double freq = n == 0 ? 0 : (double) count / n;
        Double upper = count == 0 && n > 0 ? 3e6 / n : null;
        Optional<Verdict> v = swaprace ? Grading.verdict(id) : Optional.empty();
        Verdict grade;
        String verdict;
        if (v.isPresent()) {
            grade = v.get();
            verdict = v.get().name();
        } else if (expect == null) {
            grade = null;
            verdict = "ungraded";
        } else {
            grade = Verdict.of(expect).orElse(null);
            verdict = expect.toString();
        }
        // a swaprace outcome that jcstress graded FORBIDDEN (e.g. unparseable, default case) stays red
        if (expect == Expect.FORBIDDEN) {
            grade = Verdict.FORBIDDEN;
        }
        String code = swaprace ? Grading.endCode(id).orElse(null) : null;
        return new Row(id, count, freq, freq * 1e6, upper, expect, desc, observed, grade, verdict, code, reach, witness);
    }

    /** Test name to view, for lookups. */
    public Map<String, TestView> byName() {
        Map<String, TestView> m = new LinkedHashMap<>();
        tests.forEach(t -> m.put(t.name(), t));
        return m;
    }
}
