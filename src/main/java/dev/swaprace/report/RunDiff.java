package dev.swaprace.report;

import dev.swaprace.check.Verdict;
import dev.swaprace.report.ReportView.Row;
import dev.swaprace.report.ReportView.TestView;
import org.openjdk.jcstress.annotations.Expect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code swaprace diff A B}: per test, the outcomes that appeared in B or vanished from it, and
 * whether the outcome distribution changed ({@link Homogeneity}: chi-square test of
 * homogeneity, Bonferroni-corrected over the tests compared). A FORBIDDEN outcome observed in
 * B and never in A is a regression: {@link #newForbidden()} is non-empty and the command exits 1.
 *
 * @param alpha family-wise significance level; a test "changed" when p &lt; alpha / (tests compared)
 */
public record RunDiff(List<TestDiff> tests, double alpha, int compared) {

    /**
     * One test's difference.
     *
     * @param presence   "both", "only in A" or "only in B"
     * @param appeared   outcomes seen in B, not in A
     * @param vanished   outcomes seen in A, not in B
     * @param forbiddenNew appeared outcomes graded FORBIDDEN in B
     */
    public record TestDiff(String name, String presence, long samplesA, long samplesB, List<String> appeared,
                           List<String> vanished, List<String> forbiddenNew, Homogeneity homogeneity, boolean changed) {
    }

    public static RunDiff of(ReportView a, ReportView b, double alpha) {
        Map<String, TestView> ta = a.byName();
        Map<String, TestView> tb = b.byName();
        TreeSet<String> names = new TreeSet<>(ta.keySet());
        names.addAll(tb.keySet());
        Map<String, Homogeneity> tests = new TreeMap<>();
        for (String name : names) {
            tests.put(name, Homogeneity.test(observed(ta.get(name)), observed(tb.get(name))));
        }
        int compared = (int) tests.values().stream().filter(Homogeneity::testable).count();
        double threshold = compared == 0 ? alpha : alpha / compared;
        List<TestDiff> out = new ArrayList<>();
        for (Map.Entry<String, Homogeneity> e : tests.entrySet()) {
            TestView x = ta.get(e.getKey());
            TestView y = tb.get(e.getKey());
            Map<String, Long> ca = observed(x);
            Map<String, Long> cb = observed(y);
            List<String> appeared = cb.keySet().stream().filter(id -> !ca.containsKey(id)).toList();
            List<String> forbidden = appeared.stream().filter(id -> forbiddenIn(y, id)).toList();
            List<String> vanished = ca.keySet().stream().filter(id -> !cb.containsKey(id)).toList();
            String presence = x != null && y != null ? "both" : x != null ? "only in A" : "only in B";
            Homogeneity h = e.getValue();
            out.add(new TestDiff(e.getKey(), presence, x == null ? 0 : x.samples(), y == null ? 0 : y.samples(),
                    appeared, vanished, forbidden, h, h.testable() && h.pValue() < threshold));
        }
        return new RunDiff(List.copyOf(out), alpha, compared);
    }

    private static Map<String, Long> observed(TestView t) {
        Map<String, Long> m = new TreeMap<>();
        if (t != null) {
            for (Row r : t.rows()) {
                if (r.count() > 0) {
                    m.put(r.id(), r.count());
                }
            }
        }
        return m;
    }

    private static boolean forbiddenIn(TestView t, String id) {
        for (Row r : t.rows()) {
            if (r.id().equals(id)) {
                return r.expect() == Expect.FORBIDDEN || r.grade() == Verdict.FORBIDDEN;
            }
        }
        return false;
    }

    /** Every (test, outcome) FORBIDDEN outcome that B has and A had not. */
    public List<String> newForbidden() {
        List<String> l = new ArrayList<>();
        tests.forEach(t -> t.forbiddenNew().forEach(id -> l.add(t.name() + ": " + id)));
        return l;
    }

    /** The diff as terminal text (control characters from blobs removed). */
    public String render() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "swaprace diff: %d tests; chi-square test of homogeneity per test, "
                + "changed when p < %.3g (alpha %.3g / %d tests compared)%n", tests.size(),
                compared == 0 ? alpha : alpha / compared, alpha, compared));
        int changed = 0;
        for (TestDiff t : tests) {
            boolean interesting = t.changed() || !t.appeared().isEmpty() || !t.vanished().isEmpty()
                    || !t.presence().equals("both");
            if (t.changed()) {
                changed++;
            }
            String stat = t.homogeneity().testable()
                    ? String.format(Locale.ROOT, "X2=%.4g df=%d p=%s V=%.3g%s", t.homogeneity().statistic(),
                    t.homogeneity().df(), p(t.homogeneity().pValue()), t.homogeneity().cramersV(),
                    t.homogeneity().pooled() > 0 ? " (" + t.homogeneity().pooled() + " sparse pooled)" : "")
                    : "not tested: " + t.homogeneity().note();
            b.append(String.format(Locale.ROOT, "%n%s %s%n", t.changed() ? "[CHANGED]" : interesting ? "[DIFF]" : "[SAME]",
                    Fmt.plain(t.name())));
            b.append(String.format(Locale.ROOT, "  %s; samples A %s, B %s; %s%n", t.presence(), Fmt.count(t.samplesA()),
                    Fmt.count(t.samplesB()), stat));
            t.appeared().forEach(id -> b.append("  + ").append(Fmt.plain(id))
                    .append(t.forbiddenNew().contains(id) ? "   NEW FORBIDDEN" : "").append('\n'));
            t.vanished().forEach(id -> b.append("  - ").append(Fmt.plain(id)).append('\n'));
        }
        List<String> nf = newForbidden();
        b.append(String.format(Locale.ROOT, "%n%s: %d tests changed distribution, %d new FORBIDDEN outcomes%n",
                nf.isEmpty() ? "NO NEW FORBIDDEN" : "NEW FORBIDDEN", changed, nf.size()));
        return b.toString();
    }

    static String p(double p) {
        if (p == 0) {
            return "<1e-300";
        }
        return String.format(Locale.ROOT, "%.3g", p);
    }
}
