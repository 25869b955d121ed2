package dev.swaprace.campaign;

import dev.swaprace.check.Verdict;
import dev.swaprace.report.ReportView.Row;
import dev.swaprace.report.ReportView.TestView;

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
                if (st.countsAs() == Verdict.FORBIDDEN && st.count() > 0) {
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

    List<Pattern> targets() {
        return targets;
    }

    List<HuntSettings.Setting> settings() {
        return settings;
    }

    List<String> tests() {
        return tests;
    }

    /** Samples of test {@code t} under setting {@code s} (both from 0). */
    long samples(int s, int t) {
        return samples[s][t];
    }

    /** Hits of {@code target} in test {@code t} under setting {@code s} (all from 0). */
    long hits(int s, int t, int target) {
        return hits[s][t][target];
    }
}
