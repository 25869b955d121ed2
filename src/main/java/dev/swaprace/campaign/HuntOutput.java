package dev.swaprace.campaign;

import dev.swaprace.campaign.HuntTally.FirstHit;
import dev.swaprace.campaign.HuntTally.Forbidden;
import dev.swaprace.campaign.HuntTally.Round;
import dev.swaprace.campaign.HuntTally.SettingFirst;
import dev.swaprace.campaign.HuntTally.State;
import dev.swaprace.campaign.HuntTally.TestRound;
import dev.swaprace.report.SummaryText;
import dev.swaprace.results.JsonOutput;
import dev.swaprace.results.TestNaming;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A hunt's tally rendered: {@code hunt.json} and the summary (terminal and {@code summary.txt}). */
final class HuntOutput {
    /**
     * Version of the {@code hunt.json} shape (README, "hunt.json"). 2: the version is
     * {@code "schema": 2}, as in every swaprace JSON file (1 wrote {@code "format": "swaprace-hunt/1"}).
     */
    static final int SCHEMA = 2;

    /** Facts about the hunt that the tally does not keep. */
    record Header(String started, State state, long budgetSeconds, long roundMillis, int cpus, double elapsedSeconds,
                  List<String> skipped, List<String> jcstressOptions) {
    }

    private HuntOutput() {
    }



    /** {@code hunt.json}, written atomically (a reader never sees half a file). */
    static void writeJson(HuntTally tally, Path file, Header h) {
        JsonOutput.write(file, SCHEMA, json(tally, h));
    }

    static Map<String, Object> json(HuntTally tally, Header h) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("started", h.started());
        root.put("state", h.state().label());
        root.put("elapsedSeconds", round1(h.elapsedSeconds()));
        root.put("budgetSeconds", h.budgetSeconds());
        root.put("roundMillis", h.roundMillis());
        root.put("cpus", h.cpus());
        root.put("jcstressOptions", h.jcstressOptions());
        root.put("tests", tally.tests());
        root.put("skipped", h.skipped());
        root.put("totalSamples", tally.totalSamples());
        List<Object> ts = new ArrayList<>();
        for (int k = 0; k < tally.targets().size(); k++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("regex", tally.targets().get(k).pattern());
            m.put("hit", tally.first(k) != null);
            m.put("totalHits", tally.totalHits(k));
            FirstHit f = tally.first(k);
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
        for (int s = 0; s < tally.settings().size(); s++) {
            HuntSettings.Setting st = tally.settings().get(s);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("setting", s + 1);
            m.put("label", st.label());
            m.put("delays", st.delays());
            m.put("spinStyle", st.spin());
            m.put("affinity", st.affinity());
            m.put("compile", st.compile().label);
            m.put("jcstressOptions", st.jcstressOptions(s + 1));
            m.put("rounds", tally.roundsOf(s));
            m.put("samples", tally.samplesOf(s));
            List<Object> rs = new ArrayList<>();
            for (int k = 0; k < tally.targets().size(); k++) {
                Map<String, Object> rj = rateJson(tally.targets().get(k).pattern(), null, tally.rate(s, k));
                SettingFirst sf = tally.settingFirst(s, k);
                if (sf != null) {
                    rj.put("first", Map.of("round", sf.round(), "samplesBefore", sf.samplesBefore(),
                            "samplesThrough", sf.samplesThrough()));
                }
                rs.add(rj);
                if (tally.tests().size() > 1) {
                    for (int t = 0; t < tally.tests().size(); t++) {
                        if (tally.samples(s, t) > 0) {
                            rs.add(rateJson(tally.targets().get(k).pattern(), tally.tests().get(t), tally.rate(s, t, k)));
                        }
                    }
                }
            }
            m.put("rates", rs);
            ss.add(m);
        }
        root.put("settings", ss);
        List<Object> fs = new ArrayList<>();
        for (Forbidden f : tally.forbidden()) {
            fs.add(Map.of("test", f.test(), "outcome", f.outcome(), "firstRound", f.firstRound(), "count", f.count()));
        }
        root.put("forbidden", fs);
        List<Object> rs = new ArrayList<>();
        for (Round r : tally.rounds()) {
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
    static void summary(HuntTally tally, PrintStream out, Header h) {
        int done = tally.roundsWithResults();
        int lost = tally.rounds().size() - done;
        out.printf("Hunt %s after %s: %d round%s%s, %,d samples, %d of %d targets hit%n", h.state().label(),
                clock(h.elapsedSeconds()), done, done == 1 ? "" : "s", lost == 0 ? "" : " (+" + lost + " stopped before a"
                        + " result)", tally.totalSamples(), tally.hitCount(), tally.targets().size());
        h.skipped().forEach(out::println);
        out.println();
        out.println("Targets (first observation is round-granular: somewhere in the round that first showed it):");
        for (int k = 0; k < tally.targets().size(); k++) {
            FirstHit f = tally.first(k);
            out.printf("  %s%n", tally.targets().get(k).pattern());
            if (f == null) {
                out.printf("    not observed in %,d samples%n", tally.totalSamples());
                continue;
            }
            out.printf("    first in round %d (setting %d: %s)%n", f.round(), f.setting(),
                    tally.settings().get(f.setting() - 1).label());
            out.printf("    %s: %s%n", TestNaming.DEFAULT.shortName(f.test()), f.outcome());
            out.printf("    after %,d < samples <= %,d of that test; %s of wall time; %,d hits in all%n",
                    f.testSamplesBefore(), f.testSamplesThrough(), clock(f.wallSeconds()), tally.totalHits(k));
        }
        out.println();
        out.println("Settings (hit rate per million samples, 95% bounds: Poisson exact; rule of three when 0 hits):");
        for (int s = 0; s < tally.settings().size(); s++) {
            out.printf("  %2d  %s%n", s + 1, tally.settings().get(s).label());
            int n = tally.roundsOf(s);
            if (n == 0) {
                out.println("      not run");
                continue;
            }
            out.printf("      %d round%s, %,d samples%n", n, n == 1 ? "" : "s", tally.samplesOf(s));
            for (int k = 0; k < tally.targets().size(); k++) {
                HuntRate r = tally.rate(s, k);
                out.printf("      %-40s %,8d hits  %s%s%n", SummaryText.fit(tally.targets().get(k).pattern(), 40), r.hits(), r.text(),
                        r.hits() > 0 ? String.format("  ~%s samples per hit", HuntRate.num(r.meanSamplesToFirst())) : "");
                SettingFirst sf = tally.settingFirst(s, k);
                if (sf != null) {
                    out.printf("        first seen in round %d: after %,d < samples <= %,d of this setting%n",
                            sf.round(), sf.samplesBefore(), sf.samplesThrough());
                }
                if (tally.tests().size() > 1) {
                    for (int t = 0; t < tally.tests().size(); t++) {
                        if (tally.samples(s, t) > 0 && tally.hits(s, t, k) > 0) {
                            out.printf("        %-38s %,8d hits  %s%n", SummaryText.fit(TestNaming.DEFAULT.shortName(tally.tests().get(t)), 38),
                                    tally.hits(s, t, k), tally.rate(s, t, k).text());
                        }
                    }
                }
            }
        }
        if (!tally.forbidden().isEmpty()) {
            out.println();
            out.println("FORBIDDEN outcomes observed:");
            for (Forbidden f : tally.forbidden()) {
                out.printf("  %s  %s  %,d (first in round %d)%n", TestNaming.DEFAULT.shortName(f.test()), f.outcome(),
                        f.count(), f.firstRound());
            }
        }
    }

    /** {@code 1:05} or {@code 1:02:03}. */
    static String clock(double seconds) {
        long s = (long) seconds;
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s % 3600 / 60, s % 60)
                : String.format("%d:%02d", s / 60, s % 60);
    }
}
