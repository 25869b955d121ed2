package dev.swaprace.report;

import dev.swaprace.report.TestOutcomes.Grade;

import java.io.PrintStream;

/**
 * Terminal renderings of a run, at most 100 columns wide: the per-test summary (one line per
 * test with its counts per verdict) and the outcome histogram of one test.
 */
public final class TextReport {
    /** Width of everything this class prints. */
    public static final int WIDTH = 100;
    private static final int BAR = 20;
    private static final String SUMMARY_FORMAT = "%-7s %-37s %11s %11s %20s %9s%n";

    private TextReport() {
    }

    /** The header of {@link #summaryLine} rows. */
    public static void summaryHeader(PrintStream out) {
        out.printf(SUMMARY_FORMAT, "STATUS", "TEST", "SAMPLES", "ACCEPTABLE", "LEAKED_UNTIL_RECLAIM", "FORBIDDEN");
    }

    /** {@code OK      SwapinVsPunch.V58   2,059,412   2,050,000   9,412   0}. */
    public static void summaryLine(PrintStream out, String shortName, TestOutcomes t) {
        out.printf(SUMMARY_FORMAT, t.status(), fit(shortName, 37), num(t.samples()),
                num(t.count(Grade.ACCEPTABLE)), num(t.count(Grade.LEAKED_UNTIL_RECLAIM)),
                num(t.count(Grade.FORBIDDEN)));
    }

    /** A test that has no result, with the reason: {@code SKIPPED  SwapinVsPunchVsReclaim.V58  needs ...}. */
    public static void missingLine(PrintStream out, String label, String shortName, String reason) {
        out.printf("%-7s %-37s %s%n", label, fit(shortName, 37), reason);
    }

    /**
     * The outcome histogram of one test: a title line, then per observed outcome its id (verdict
     * prefix dropped), count, frequency, a bar and its verdict.
     */
    public static void histogram(PrintStream out, String title, TestOutcomes t) {
        out.printf("  %s  [%s] %s samples%n", title, t.status(), num(t.samples()));
        long total = Math.max(1, t.samples());
        for (TestOutcomes.State s : t.states()) {
            double f = (double) s.count() / total;
            out.printf("    %-34s %11s %7s %-20s %s%n", fit(withoutVerdict(s.id()), 34), num(s.count()),
                    percent(f), bar(f), s.grade());
        }
    }

    /** {@code LEAKED_UNTIL_RECLAIM:STRAND@SWAPIN;S=HOLE} → {@code STRAND@SWAPIN;S=HOLE}. */
    static String withoutVerdict(String id) {
        for (Grade g : Grade.values()) {
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

    /** {@code s} cut to {@code width} characters, a cut marked with {@code ~}. */
    static String fit(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "~";
    }
}
