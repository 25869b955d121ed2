package dev.swaprace.campaign;

import dev.swaprace.check.Verdict;
import dev.swaprace.report.ReportView.Row;
import dev.swaprace.report.ReportView.TestView;
import dev.swaprace.results.JsonOutput;
import dev.swaprace.results.TestNaming;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a hunt has collected: its rounds, per setting and test the samples and target hits, each
 * target's first observation and every FORBIDDEN outcome. Rendered as {@code hunt.json} and as
 * the summary text. Not thread-safe: the hunt's main thread owns it.
 */
final class HuntTally {
    /**
     * Version of the {@code hunt.json} shape (README, "hunt.json"). 2: the version is
     * {@code "schema": 2}, as in every swaprace JSON file (1 wrote {@code "format": "swaprace-hunt/1"}).
     */
    static final int SCHEMA = 2;

    /** Where a hunt is: {@code hunt.json}'s {@code state}. */
    enum State {
        RUNNING, FINISHED, INTERRUPTED;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** How a round ended: {@code hunt.json}'s round {@code status}. */
    enum RoundStatus {
        /** jcstress finished the round. */
        OK("ok"),
        /** jcstress was stopped, or its blob was cut: the blob holds what it had finished. */
        PARTIAL("partial"),
        /** jcstress exited without a result. */
        NO_RESULT("no-result"),
        /** jcstress was stopped before its first result. */
        STOPPED("stopped");

        final String label;

        RoundStatus(String label) {
            this.label = label;
        }
    }

    /** One test's result in one round. */
    record TestRound(String test, String status, long samples, long[] hits, Map<String, Long> outcomes) {
    }

    /**
     * One round: one jcstress invocation of one setting.
     *
     * @param status how jcstress ended the round
     */
    record Round(int round, int setting, double startSeconds, double wallSeconds, RoundStatus status, String dir,
                 List<TestRound> tests) {
    }

    /**
     * A target's first observation, round-granular: somewhere in round {@code round}, so after
     * more than {@code testSamplesBefore} and at most {@code testSamplesThrough} samples of the
     * test, and by {@code wallSeconds} of the hunt.
     */
    record FirstHit(int round, int setting, String test, String outcome, long testSamplesBefore,
                    long testSamplesThrough, long huntSamplesThrough, double wallSeconds) {
    }

    /**
     * A target's first observation under one setting, round-granular: in round {@code round}, after
     * more than {@code samplesBefore} and at most {@code samplesThrough} samples of that setting.
     */
    record SettingFirst(int round, long samplesBefore, long samplesThrough) {
    }

    /** A FORBIDDEN outcome seen. */
    record Forbidden(String test, String outcome, int firstRound, long count) {
    }

    private final List<Pattern> targets;
    private final List<HuntSettings.Setting> settings;
    private final List<String> tests;
    private final List<Round> rounds = new ArrayList<>();
    private final FirstHit[] first;
    private final SettingFirst[][] settingFirst;
    /** [setting][test]: samples, rounds; hits[setting][test][target]. */
    private final long[][] samples;
    private final int[][] roundCount;
    private final long[][][] hits;
    private final Map<String, Forbidden> forbidden = new LinkedHashMap<>();

    HuntTally(List<Pattern> targets, List<HuntSettings.Setting> settings, List<String> tests) {
        this.targets = List.copyOf(targets);
        this.settings = List.copyOf(settings);
        this.tests = List.copyOf(tests);
        first = new FirstHit[targets.size()];
        settingFirst = new SettingFirst[settings.size()][targets.size()];
        samples = new long[settings.size()][tests.size()];
        roundCount = new int[settings.size()][tests.size()];
        hits = new long[settings.size()][tests.size()][targets.size()];
    }

    /**
     * Record round {@code round} of setting {@code setting} (both from 1) and return the targets it
     * hit first (indexes).
     */
    List<Integer> add(int round, int setting, double startSeconds, double wallSeconds, RoundStatus status, String dir,
                      List<TestView> results) {
        long[] testBefore = new long[tests.size()];
        for (int t = 0; t < tests.size(); t++) {
            testBefore[t] = testSamples(t);
        }
        List<TestRound> trs = new ArrayList<>();
        List<Integer> newlyHit = new ArrayList<>();
        int s = setting - 1;
        long settingBefore = samplesOf(s);
        for (TestView r : results) {
            int t = tests.indexOf(r.name());
            if (t < 0) {
                continue;   // jcstress ran a test not asked for: ignore it
            }
            long[] h = new long[targets.size()];
            Map<String, Long> outcomes = new LinkedHashMap<>();
            for (Row st : r.observed()) {
                outcomes.put(st.id(), st.count());
                for (int k = 0; k < targets.size(); k++) {
                    if (targets.get(k).matcher(st.id()).find()) {
                        h[k] += st.count();
                    }
                }
                if ((st.grade() == null || st.grade() == Verdict.FORBIDDEN) && st.count() > 0) {
                    String key = r.name() + " " + st.id();
                    Forbidden f = forbidden.get(key);
                    forbidden.put(key, new Forbidden(r.name(), st.id(), f == null ? round : f.firstRound(),
                            (f == null ? 0 : f.count()) + st.count()));
                }
            }
            samples[s][t] += r.samples();
            roundCount[s][t]++;
            for (int k = 0; k < targets.size(); k++) {
                hits[s][t][k] += h[k];
            }
            trs.add(new TestRound(r.name(), r.state().label(), r.samples(), h, outcomes));
        }
        rounds.add(new Round(round, setting, startSeconds, wallSeconds, status, dir, trs));
        for (int k = 0; k < targets.size(); k++) {
            if (settingFirst[s][k] == null && trs.stream().anyMatch(hitBy(k))) {
                settingFirst[s][k] = new SettingFirst(round, settingBefore, samplesOf(s));
            }
        }
        long huntThrough = totalSamples();
        for (int k = 0; k < targets.size(); k++) {
            if (first[k] != null) {
                continue;
            }
            for (TestRound tr : trs) {
                if (tr.hits()[k] > 0) {
                    int t = tests.indexOf(tr.test());
                    Pattern target = targets.get(k);
                    String outcome = tr.outcomes().keySet().stream()
                            .filter(id -> target.matcher(id).find()).findFirst().orElse("?");
                    first[k] = new FirstHit(round, setting, tr.test(), outcome, testBefore[t],
                            testBefore[t] + tr.samples(), huntThrough, startSeconds + wallSeconds);
                    newlyHit.add(k);
                    break;
                }
            }
        }
        return newlyHit;
    }

    private static java.util.function.Predicate<TestRound> hitBy(int target) {
        return tr -> tr.hits()[target] > 0;
    }

    /** Setting {@code s}'s (from 0) first observation of {@code target}, or null. */
    SettingFirst settingFirst(int s, int target) {
        return settingFirst[s][target];
    }

    boolean allHit() {
        for (FirstHit f : first) {
            if (f == null) {
                return false;
            }
        }
        return true;
    }

    int hitCount() {
        int n = 0;
        for (FirstHit f : first) {
            n += f == null ? 0 : 1;
        }
        return n;
    }

    FirstHit first(int target) {
        return first[target];
    }

    List<Forbidden> forbidden() {
        return List.copyOf(forbidden.values());
    }

    List<Round> rounds() {
        return List.copyOf(rounds);
    }

    long totalSamples() {
        long n = 0;
        for (long[] row : samples) {
            for (long v : row) {
                n += v;
            }
        }
        return n;
    }

    long totalHits(int target) {
        long n = 0;
        for (long[][] bySetting : hits) {
            for (long[] byTest : bySetting) {
                n += byTest[target];
            }
        }
        return n;
    }

    private long testSamples(int t) {
        long n = 0;
        for (long[] row : samples) {
            n += row[t];
        }
        return n;
    }

    /** The rounds setting {@code s} (from 0) has run that gave results (not stopped before any). */
    int roundsOf(int s) {
        int n = 0;
        for (Round r : rounds) {
            n += r.setting() == s + 1 && !r.tests().isEmpty() ? 1 : 0;
        }
        return n;
    }

    /** Rounds that gave results. */
    int roundsWithResults() {
        return (int) rounds.stream().filter(r -> !r.tests().isEmpty()).count();
    }

    long samplesOf(int s) {
        long n = 0;
        for (long v : samples[s]) {
            n += v;
        }
        return n;
    }

    long hitsOf(int s, int target) {
        long n = 0;
        for (long[] byTest : hits[s]) {
            n += byTest[target];
        }
        return n;
    }

    /** The hit rate of {@code target} under setting {@code s}, over all tests. */
    HuntRate rate(int s, int target) {
        return HuntRate.of(hitsOf(s, target), samplesOf(s));
    }

    /** The hit rate of {@code target} under setting {@code s} in test {@code t}. */
    HuntRate rate(int s, int t, int target) {
        return HuntRate.of(hits[s][t][target], samples[s][t]);
    }

    // ---- rendering -------------------------------------------------------------------------

    /** Facts about the hunt that the tally does not keep. */
    record Header(String started, State state, long budgetSeconds, long roundMillis, int cpus, double elapsedSeconds,
                  List<String> skipped, List<String> jcstressOptions) {
    }

    /** {@code hunt.json}, written atomically (a reader never sees half a file). */
    void writeJson(Path file, Header h) {
        JsonOutput.write(file, SCHEMA, json(h));
    }

    Map<String, Object> json(Header h) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("started", h.started());
        root.put("state", h.state().label());
        root.put("elapsedSeconds", round1(h.elapsedSeconds()));
        root.put("budgetSeconds", h.budgetSeconds());
        root.put("roundMillis", h.roundMillis());
        root.put("cpus", h.cpus());
        root.put("jcstressOptions", h.jcstressOptions());
        root.put("tests", tests);
        root.put("skipped", h.skipped());
        root.put("totalSamples", totalSamples());
        List<Object> ts = new ArrayList<>();
        for (int k = 0; k < targets.size(); k++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("regex", targets.get(k).pattern());
            m.put("hit", first[k] != null);
            m.put("totalHits", totalHits(k));
            FirstHit f = first[k];
            if (f != null) {
                Map<String, Object> fm = new LinkedHashMap<>();
                fm.put("round", f.round());
                fm.put("setting", f.setting());
                fm.put("test", f.test());
                fm.put("outcome", f.outcome());
                fm.put("testSamplesBefore", f.testSamplesBefore());
                fm.put("testSamplesThrough", f.testSamplesThrough());
                fm.put("huntSamplesThrough", f.huntSamplesThrough());
                fm.put("wallSeconds", round1(f.wallSeconds()));
                m.put("first", fm);
            }
            ts.add(m);
        }
        root.put("targets", ts);
        List<Object> ss = new ArrayList<>();
        for (int s = 0; s < settings.size(); s++) {
            HuntSettings.Setting st = settings.get(s);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("setting", s + 1);
            m.put("label", st.label());
            m.put("delays", st.delays());
            m.put("spinStyle", st.spin());
            m.put("affinity", st.affinity());
            m.put("compile", st.compile().label);
            m.put("jcstressOptions", st.jcstressOptions(s + 1));
            m.put("rounds", roundsOf(s));
            m.put("samples", samplesOf(s));
            List<Object> rs = new ArrayList<>();
            for (int k = 0; k < targets.size(); k++) {
                Map<String, Object> rj = rateJson(targets.get(k).pattern(), null, rate(s, k));
                SettingFirst sf = settingFirst[s][k];
                if (sf != null) {
                    rj.put("first", Map.of("round", sf.round(), "samplesBefore", sf.samplesBefore(),
                            "samplesThrough", sf.samplesThrough()));
                }
                rs.add(rj);
                if (tests.size() > 1) {
                    for (int t = 0; t < tests.size(); t++) {
                        if (samples[s][t] > 0) {
                            rs.add(rateJson(targets.get(k).pattern(), tests.get(t), rate(s, t, k)));
                        }
                    }
                }
            }
            m.put("rates", rs);
            ss.add(m);
        }
        root.put("settings", ss);
        List<Object> fs = new ArrayList<>();
        for (Forbidden f : forbidden.values()) {
            fs.add(Map.of("test", f.test(), "outcome", f.outcome(), "firstRound", f.firstRound(), "count", f.count()));
        }
        root.put("forbidden", fs);
        List<Object> rs = new ArrayList<>();
        for (Round r : rounds) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("round", r.round());
            m.put("setting", r.setting());
            m.put("startSeconds", round1(r.startSeconds()));
            m.put("wallSeconds", round1(r.wallSeconds()));
            m.put("status", r.status().label);
            m.put("dir", r.dir());
            List<Object> trs = new ArrayList<>();
            for (TestRound tr : r.tests()) {
                Map<String, Object> tm = new LinkedHashMap<>();
                tm.put("test", tr.test());
                tm.put("status", tr.status());
                tm.put("samples", tr.samples());
                List<Long> hl = new ArrayList<>();
                for (long v : tr.hits()) {
                    hl.add(v);
                }
                tm.put("targetHits", hl);
                tm.put("outcomes", tr.outcomes());
                trs.add(tm);
            }
            m.put("tests", trs);
            rs.add(m);
        }
        root.put("rounds", rs);
        return root;
    }

    private static Map<String, Object> rateJson(String target, String test, HuntRate r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target", target);
        if (test != null) {
            m.put("test", test);
        }
        m.put("hits", r.hits());
        m.put("samples", r.samples());
        m.put("perMillion", finite(r.perMillion()));
        m.put("low", finite(r.low()));
        m.put("high", finite(r.high()));
        m.put("method", r.method());
        return m;
    }

    private static Object finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /**
     * The summary: per target its first observation, per setting its samples and hit rates, the
     * FORBIDDEN outcomes. Written to the terminal and to summary.txt.
     */
    void summary(PrintStream out, Header h) {
        int done = roundsWithResults();
        int lost = rounds.size() - done;
        out.printf("Hunt %s after %s: %d round%s%s, %,d samples, %d of %d targets hit%n", h.state().label(),
                clock(h.elapsedSeconds()), done, done == 1 ? "" : "s", lost == 0 ? "" : " (+" + lost + " stopped before a"
                        + " result)", totalSamples(), hitCount(), targets.size());
        h.skipped().forEach(out::println);
        out.println();
        out.println("Targets (first observation is round-granular: somewhere in the round that first showed it):");
        for (int k = 0; k < targets.size(); k++) {
            FirstHit f = first[k];
            out.printf("  %s%n", targets.get(k).pattern());
            if (f == null) {
                out.printf("    not observed in %,d samples%n", totalSamples());
                continue;
            }
            out.printf("    first in round %d (setting %d: %s)%n", f.round(), f.setting(),
                    settings.get(f.setting() - 1).label());
            out.printf("    %s: %s%n", TestNaming.DEFAULT.shortName(f.test()), f.outcome());
            out.printf("    after %,d < samples <= %,d of that test; %s of wall time; %,d hits in all%n",
                    f.testSamplesBefore(), f.testSamplesThrough(), clock(f.wallSeconds()), totalHits(k));
        }
        out.println();
        out.println("Settings (hit rate per million samples, 95% bounds: Poisson exact; rule of three when 0 hits):");
        for (int s = 0; s < settings.size(); s++) {
            out.printf("  %2d  %s%n", s + 1, settings.get(s).label());
            int n = roundsOf(s);
            if (n == 0) {
                out.println("      not run");
                continue;
            }
            out.printf("      %d round%s, %,d samples%n", n, n == 1 ? "" : "s", samplesOf(s));
            for (int k = 0; k < targets.size(); k++) {
                HuntRate r = rate(s, k);
                out.printf("      %-40s %,8d hits  %s%s%n", fit(targets.get(k).pattern(), 40), r.hits(), r.text(),
                        r.hits() > 0 ? String.format("  ~%s samples per hit", HuntRate.num(r.meanSamplesToFirst())) : "");
                SettingFirst sf = settingFirst[s][k];
                if (sf != null) {
                    out.printf("        first seen in round %d: after %,d < samples <= %,d of this setting%n",
                            sf.round(), sf.samplesBefore(), sf.samplesThrough());
                }
                if (tests.size() > 1) {
                    for (int t = 0; t < tests.size(); t++) {
                        if (samples[s][t] > 0 && hits[s][t][k] > 0) {
                            out.printf("        %-38s %,8d hits  %s%n", fit(TestNaming.DEFAULT.shortName(tests.get(t)), 38),
                                    hits[s][t][k], rate(s, t, k).text());
                        }
                    }
                }
            }
        }
        if (!forbidden.isEmpty()) {
            out.println();
            out.println("FORBIDDEN outcomes observed:");
            for (Forbidden f : forbidden.values()) {
                out.printf("  %s  %s  %,d (first in round %d)%n", TestNaming.DEFAULT.shortName(f.test()), f.outcome(),
                        f.count(), f.firstRound());
            }
        }
    }

    private static String fit(String s, int w) {
        return s.length() <= w ? s : s.substring(0, w - 1) + "~";
    }

    /** {@code 1:05} or {@code 1:02:03}. */
    static String clock(double seconds) {
        long s = (long) seconds;
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s % 3600 / 60, s % 60)
                : String.format("%d:%02d", s / 60, s % 60);
    }
}
