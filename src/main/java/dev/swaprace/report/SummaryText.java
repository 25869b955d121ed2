package dev.swaprace.report;

import dev.swaprace.check.Verdict;
import dev.swaprace.report.ReportView.Row;
import dev.swaprace.report.ReportView.TestView;

import java.io.PrintStream;

/**
 * Terminal renderings of a run, at most 100 columns wide (counts up to 999,999,999): the per-test
 * summary (one line per test with its counts per verdict) and the outcome histogram of one test.
 */
public final class SummaryText {
    /** Width of everything this class prints. */
    public static final int WIDTH = 100;
    private static final int BAR = 12;
    private static final int TEST = 35;
    private static final String SUMMARY_FORMAT = "%-7s %-35s %12s %12s %20s %9s%n";

    private SummaryText() {
    }

    /** The header of {@link #summaryLine} rows. */
    public static void summaryHeader(PrintStream out) {
        out.printf(SUMMARY_FORMAT, "STATUS", "TEST", "SAMPLES", "ACCEPTABLE", "LEAKED_UNTIL_RECLAIM", "FORBIDDEN");
    }

    /** {@code OK      SwapinVsPunch.V58   2,059,412   2,050,000   9,412   0}. */
    public static void summaryLine(PrintStream out, String shortName, TestView t) {
        out.printf(SUMMARY_FORMAT, t.state().label(), fitTest(shortName), num(t.samples()),
                num(t.count(Verdict.ACCEPTABLE)), num(t.count(Verdict.LEAKED_UNTIL_RECLAIM)),
                num(t.count(Verdict.FORBIDDEN)));
    }

    /** A test that has no result, with the reason: {@code SKIPPED  SwapinVsPunchVsReclaim.V58  needs ...}. */
    public static void missingLine(PrintStream out, String label, String shortName, String reason) {
        out.printf("%-7s %-35s %s%n", label, fitTest(shortName), reason);
    }

    /**
     * The outcome histogram of one test: a title line, then per observed outcome its id (verdict
     * prefix dropped), count, frequency, a bar and its verdict.
     */
    public static void histogram(PrintStream out, String title, TestView t) {
        out.printf("  %s  [%s] %s samples%n", title, t.state().label(), num(t.samples()));
        long total = Math.max(1, t.samples());
        for (Row s : t.observed()) {
            double f = (double) s.count() / total;
            out.printf("    %-41s %12s %7s %-12s %s%n", fit(withoutVerdict(s.id()), 41), num(s.count()),
                    percent(f), bar(f), s.countsAs());
        }
    }

    /** {@code LEAKED_UNTIL_RECLAIM:STRAND@SWAPIN;S=HOLE} → {@code STRAND@SWAPIN;S=HOLE}. */
    static String withoutVerdict(String id) {
        for (Verdict g : Verdict.values()) {
            if (id.startsWith(g.name() + ":")) {
                return id.substring(g.name().length() + 1);
            }
        }
        return id;
    }

    /** A bar of {@value #BAR} cells; any non-zero share shows at least one mark. */
    static String bar(double fraction) {
        int n = (int) Math.round(fraction * BAR);
        if (n == 0 && fraction > 0) {
            return ".";
        }
        return "#".repeat(n);
    }

    static String percent(double fraction) {
        if (fraction > 0 && fraction < 0.0001) {
            return "<0.01%";
        }
        return String.format("%.2f%%", fraction * 100);
    }

    static String num(long n) {
        return String.format("%,d", n);
    }

    /** A short test name in {@value #TEST} characters: a cut shortens the scenario, never the variant. */
    static String fitTest(String shortName) {
        int dot = shortName.lastIndexOf('.');
        if (shortName.length() <= TEST || dot < 0) {
            return fit(shortName, TEST);
        }
        String variant = shortName.substring(dot);
        return fit(shortName.substring(0, dot), TEST - variant.length()) + variant;
    }

    /** {@code s} cut to {@code width} characters, a cut marked with {@code ~}. */
    public static String fit(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "~";
    }
}
