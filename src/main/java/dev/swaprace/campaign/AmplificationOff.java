package dev.swaprace.campaign;

import dev.swaprace.results.Histograms;
import dev.swaprace.results.TestNaming;
import dev.swaprace.suite.LockBaseline;
import dev.swaprace.suite.StressSuite;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code swaprace bench --amplification-off}'s figure: the sampling rate of the real test (the
 * race hook is {@code StressHook.HOOK}, a delay hook when {@code -Dswaprace.delays} is set) over
 * that of its twin built with the plain {@code RaceHook.NONE}, with the spread of the per-fork
 * rates as the noise. A ratio within the noise means disabled amplification costs nothing.
 */
final class AmplificationOff {
    private AmplificationOff() {
    }

    static int print(Histograms blob, Path log, PrintStream out) {
        String real = StressSuite.testName(LockBaseline.AMPLIFICATION_OFF_SCENARIO, LockBaseline.VARIANT);
        String twin = LockBaseline.amplificationOffTwin();
        List<Double> r = blob.test(real) == null ? List.of() : blob.test(real).forkRates();
        List<Double> t = blob.test(twin) == null ? List.of() : blob.test(twin).forkRates();
        if (r.isEmpty() || t.isEmpty()) {
            System.err.println("swaprace bench: a test did not run; see " + log);
            return 1;
        }
        out.printf("%-42s %s%n", "TEST", "SPS PER FORK");
        out.printf("%-42s %s%n", TestNaming.DEFAULT.shortName(real) + " (StressHook.HOOK)", rates(r));
        out.printf("%-42s %s%n", TestNaming.DEFAULT.shortName(twin) + " (RaceHook.NONE)", rates(t));
        double ratio = mean(r) / mean(t);
        // standard error of a ratio of means: relative errors add in quadrature
        double noise = ratio * Math.sqrt(relErr(r) * relErr(r) + relErr(t) * relErr(t));
        out.printf("amplification off / no hook: %.3f +- %.3f (mean SPS ratio +- standard error over forks):"
                + " %s%n", ratio, noise, Math.abs(ratio - 1) <= 2 * noise ? "equal within noise" : "DIFFERENT");
        return 0;
    }

    private static String rates(List<Double> sps) {
        StringBuilder b = new StringBuilder();
        for (double x : sps) {
            b.append(String.format("%,10.0f", x));
        }
        return b.append(String.format("   mean %,.0f", mean(sps))).toString();
    }

    private static double mean(List<Double> xs) {
        double sum = 0;
        for (double x : xs) {
            sum += x;
        }
        return sum / xs.size();
    }

    /** Standard error of the mean over mean; 0 for a single fork. */
    private static double relErr(List<Double> xs) {
        int n = xs.size();
        if (n < 2) {
            return 0;
        }
        double m = mean(xs);
        double ss = 0;
        for (double x : xs) {
            ss += (x - m) * (x - m);
        }
        return Math.sqrt(ss / (n - 1)) / Math.sqrt(n) / m;
    }
}
