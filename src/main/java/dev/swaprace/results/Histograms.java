package dev.swaprace.results;

import org.openjdk.jcstress.infra.Status;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The report model: sample counts keyed by (host, run, test, JVM configuration, outcome), with
 * each cell's jcstress status. One blob reads into one {@code Histograms}; many are combined
 * with {@link #merge}, which never drops or double-counts a sample: it checks the grand total
 * and every test's total after each merge, refuses the same blob twice (by digest), and
 * counts with overflow checks. A mismatch is a {@link ReportException}, not a warning.
 */
public final class Histograms {

    /** Where a cell's samples were taken: host and run labels and the JVM configuration. */
    public record CellKey(String host, String run, JvmConfig config) implements Comparable<CellKey> {
        private static final Comparator<CellKey> ORDER = Comparator.comparing(CellKey::host)
                .thenComparing(CellKey::run).thenComparing(CellKey::config);

        @Override
        public int compareTo(CellKey o) {
            return ORDER.compare(this, o);
        }
    }

    /** Counts of one test in one (host, run, configuration): forks merged. */
    public static final class Cell {
        private static final int MAX_MESSAGES = 40;
        private Status status = Status.NORMAL;
        private int forks;
        private long total;
        private final Map<String, Long> counts = new HashMap<>();
        private final Set<String> messages = new LinkedHashSet<>();
        /** Σ iterations × iteration time over the forks: how long the test was sampled. */
        private long sampledMillis;
        /** Per fork, in blob order: samples per second of sampling time. */
        private final List<Double> forkRates = new ArrayList<>();

        void addFork(Status s, Map<String, Long> forkCounts, long forkMillis, Collection<String> msgs) {
            status = status.combine(s);
            forks++;
            long forkSamples = forkCounts.values().stream().mapToLong(Long::longValue).sum();
            forkRates.add(forkMillis == 0 ? 0 : forkSamples * 1000.0 / forkMillis);
            sampledMillis = Math.addExact(sampledMillis, forkMillis);
            forkCounts.forEach(this::add);
            for (String m : msgs) {
                if (messages.size() >= MAX_MESSAGES) {
                    break;
                }
                messages.add(m);
            }
        }

        private void add(String outcome, long count) {
            if (count < 0) {
                throw new ReportException("negative count " + count + " for outcome " + outcome);
            }
            counts.merge(outcome, count, Math::addExact);
            total = Math.addExact(total, count);
        }

        void merge(Cell o) {
            status = status.combine(o.status);
            forks += o.forks;
            sampledMillis = Math.addExact(sampledMillis, o.sampledMillis);
            forkRates.addAll(o.forkRates);
            o.counts.forEach(this::add);
            for (String m : o.messages) {
                if (messages.size() >= MAX_MESSAGES) {
                    break;
                }
                messages.add(m);
            }
        }

        public Status status() {
            return status;
        }

        public int forks() {
            return forks;
        }

        public long total() {
            return total;
        }

        public long sampledMillis() {
            return sampledMillis;
        }

        /** Per fork, in the order read: samples per second of sampling time. */
        public List<Double> forkRates() {
            return List.copyOf(forkRates);
        }

        /** Outcome id to count, sorted by id. */
        public Map<String, Long> counts() {
            return Collections.unmodifiableMap(new TreeMap<>(counts));
        }

        public long count(String outcome) {
            return counts.getOrDefault(outcome, 0L);
        }

        /** The distinct diagnostic lines jcstress kept (messages and VM error output), capped. */
        public List<String> messages() {
            return List.copyOf(messages);
        }

        long sum() {
            long s = 0;
            for (long c : counts.values()) {
                s = Math.addExact(s, c);
            }
            return s;
        }
    }

    /** Every cell of one test. */
    public static final class TestCounts {
        private final String name;
        private int actors;
        private final Map<CellKey, Cell> cells = new HashMap<>();
        private long total;

        TestCounts(String name) {
            this.name = name;
        }

        public String name() {
            return name;
        }

        /** The number of actor threads the test needs (from the blob). */
        public int actors() {
            return actors;
        }

        public long total() {
            return total;
        }

        /** Cells sorted by host, run, configuration. */
        public Map<CellKey, Cell> cells() {
            return Collections.unmodifiableMap(new TreeMap<>(cells));
        }

        /** Counts of every outcome over all cells, sorted by id. */
        public Map<String, Long> outcomeTotals() {
            Map<String, Long> m = new TreeMap<>();
            for (Cell c : cells.values()) {
                c.counts.forEach((k, v) -> m.merge(k, v, Math::addExact));
            }
            return m;
        }

        /** The worst status of any cell. */
        public Status status() {
            Status s = Status.NORMAL;
            for (Cell c : cells.values()) {
                s = s.combine(c.status);
            }
            return s;
        }

        public int forks() {
            return cells.values().stream().mapToInt(Cell::forks).sum();
        }

        /** Samples per second of sampling time, over every cell (0 when nothing was timed). */
        public double samplesPerSecond() {
            long ms = cells.values().stream().mapToLong(Cell::sampledMillis).sum();
            return ms == 0 ? 0 : total * 1000.0 / ms;
        }

        /** Per fork, cell by cell: samples per second of sampling time. */
        public List<Double> forkRates() {
            List<Double> r = new ArrayList<>();
            new TreeMap<>(cells).values().forEach(c -> r.addAll(c.forkRates));
            return r;
        }

        /** Distinct diagnostics over all cells, capped. */
        public List<String> messages() {
            Set<String> all = new LinkedHashSet<>();
            new TreeMap<>(cells).values().forEach(c -> all.addAll(c.messages));
            return all.stream().limit(Cell.MAX_MESSAGES).toList();
        }

        void meta(int actorCount) {
            this.actors = Math.max(this.actors, actorCount);
        }

        Cell cell(CellKey key) {
            return cells.computeIfAbsent(key, k -> new Cell());
        }

        void addFork(CellKey key, Status s, Map<String, Long> counts, long millis, Collection<String> msgs) {
            Cell c = cell(key);
            long before = c.total;
            c.addFork(s, counts, millis, msgs);
            total = Math.addExact(total, c.total - before);
        }

        /** Adds o's cells; checks every cell and the test total add up. */
        void merge(TestCounts o) {
            meta(o.actors);
            long before = total;
            for (Map.Entry<CellKey, Cell> e : o.cells.entrySet()) {
                Cell theirs = e.getValue();
                if (theirs.sum() != theirs.total) {
                    throw new ReportException("merge: a cell of " + name + " counts " + theirs.sum()
                            + " samples by outcome but " + theirs.total + " in all");
                }
                Cell mine = cell(e.getKey());
                long cellBefore = mine.total;
                mine.merge(theirs);
                if (mine.total != cellBefore + theirs.total) {
                    throw new ReportException("merge lost samples of " + name + " in " + e.getKey());
                }
                total = Math.addExact(total, mine.total - cellBefore);
            }
            if (total != Math.addExact(before, o.total)) {
                throw new ReportException("merge lost samples of " + name + ": expected " + (before + o.total)
                        + ", counted " + total);
            }
        }

        long sum() {
            long s = 0;
            for (Cell c : cells.values()) {
                s = Math.addExact(s, c.sum());
            }
            return s;
        }
    }

    private final Map<String, TestCounts> tests = new HashMap<>();
    private final List<RunInfo> runs = new ArrayList<>();
    private final Map<String, Path> digests = new HashMap<>();
    private long total;

    public Histograms() {
    }

    /** Test name to counts, sorted by name. */
    public Map<String, TestCounts> tests() {
        return Collections.unmodifiableMap(new TreeMap<>(tests));
    }

    public TestCounts test(String name) {
        return tests.get(name);
    }

    /** The blobs merged in, in the order given. */
    public List<RunInfo> runs() {
        return List.copyOf(runs);
    }

    /** Samples over every test, host, run and configuration. */
    public long total() {
        return total;
    }

    void addFork(String test, int actors, CellKey key, Status status,
                 Map<String, Long> counts, long sampledMillis, Collection<String> messages) {
        TestCounts t = tests.computeIfAbsent(test, TestCounts::new);
        t.meta(actors);
        long before = t.total;
        t.addFork(key, status, counts, sampledMillis, messages);
        total = Math.addExact(total, t.total - before);
    }

    void addRun(RunInfo run) {
        Path seen = digests.putIfAbsent(run.sha256(), run.input().path());
        if (seen != null) {
            throw new ReportException(run.input().path() + ": the same blob as " + seen
                    + " (sha256 " + run.sha256().substring(0, 12) + "...): merging it twice would double-count its samples");
        }
        runs.add(run);
    }

    /**
     * Adds every sample of {@code other} to this model. Checks, in time proportional to
     * {@code other}, that each merged cell and each test gained exactly {@code other}'s samples
     * and that the grand total is the sum of the two sides.
     */
    public Histograms merge(Histograms other) {
        if (other == this) {
            throw new ReportException("cannot merge a report model into itself: it would double-count every sample");
        }
        for (RunInfo r : other.runs) {
            addRun(r);
        }
        long expectTotal = Math.addExact(total, other.total);
        long gained = 0;
        for (TestCounts o : other.tests.values()) {
            TestCounts mine = tests.computeIfAbsent(o.name, TestCounts::new);
            long before = mine.total;
            mine.merge(o);
            gained = Math.addExact(gained, mine.total - before);
        }
        total = Math.addExact(total, gained);
        if (total != expectTotal) {
            throw new ReportException("merge lost samples: expected " + expectTotal + " in all, counted " + total);
        }
        return this;
    }

    /** Recounts every cell from its outcome counts and checks every total: O(model). */
    public void verify() {
        long all = 0;
        for (TestCounts t : tests.values()) {
            long s = t.sum();
            if (s != t.total) {
                throw new ReportException("report model of " + t.name + " counts " + s + " samples but holds " + t.total);
            }
            all = Math.addExact(all, s);
        }
        if (all != total) {
            throw new ReportException("report model counts " + all + " samples but holds " + total);
        }
    }

    /** Merges in order into a new model, then recounts it whole ({@link #verify()}). */
    public static Histograms mergeAll(List<Histograms> parts) {
        Histograms all = new Histograms();
        for (Histograms h : parts) {
            all.merge(h);
        }
        all.verify();
        return all;
    }
}
