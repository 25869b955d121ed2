package dev.swaprace.bench;

import dev.swaprace.explore.Explorer;
import dev.swaprace.explore.Result;
import dev.swaprace.explore.ScenarioSubject;
import dev.swaprace.mm.Variant;
import dev.swaprace.scenario.Scenario;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The explorer's figures ({@code scripts/bench-explorer}): for every scenario and variant, the
 * schedules explored with reduction, the schedules without it, the reduction factor and the wall
 * time; then the worst time per actor count. Timing runs and counting runs are separate: counting
 * the schedules without reduction is not part of the search.
 *
 * <p>Arguments: {@code [--no-naive] [scenario...]}.
 */
public final class ExplorerBench {
    private ExplorerBench() {
    }

    public static void main(String[] args) {
        boolean naive = true;
        List<Scenario> scenarios = new ArrayList<>();
        for (String a : args) {
            if (a.equals("--no-naive")) {
                naive = false;
            } else {
                scenarios.add(Scenario.byClassName(a));
            }
        }
        if (scenarios.isEmpty()) {
            scenarios.addAll(Scenario.cheap());
        }
        // warm the JIT on a small scenario so the first row is not the JIT's
        Explorer.explore(new ScenarioSubject(Scenario.SWAPIN_VS_PUNCH, Variant.V57), Explorer.Options.defaults());

        System.out.printf(Locale.ROOT, "%s, %d CPUs, Java %s%n", Explorer.ALGORITHM,
                Runtime.getRuntime().availableProcessors(), Runtime.version());
        System.out.printf(Locale.ROOT, "%-32s %-2s %-5s %9s %7s %16s %13s %9s %9s %9s%n", "scenario", "n", "var",
                "schedules", "pruned", "naive", "reduction", "wall ms", "us/sched", "switches");
        long[] worst = new long[5];
        String[] worstName = new String[5];
        long totalMs = 0;
        long totalSchedules = 0;
        BigInteger totalNaive = BigInteger.ZERO;
        for (Scenario s : scenarios) {
            int n = s.actors().size();
            for (Variant v : Variant.values()) {
                ScenarioSubject subject = new ScenarioSubject(s, v);
                Result timed = Explorer.explore(subject, Explorer.Options.defaults());
                BigInteger naiveCount = null;
                String factor = "";
                if (naive) {
                    Result counted = Explorer.explore(subject, Explorer.Options.defaults().withCountNaive(true));
                    naiveCount = counted.naive();
                    BigDecimal f = counted.reduction();
                    factor = f == null ? "?" : f.setScale(0, java.math.RoundingMode.HALF_UP).toPlainString() + "x";
                    if (naiveCount != null) {
                        totalNaive = totalNaive.add(naiveCount);
                    }
                }
                long ms = timed.elapsedMillis();
                long execs = timed.schedules() + timed.pruned();
                System.out.printf(Locale.ROOT, "%-32s %-2d %-5s %9d %7d %16s %13s %9d %9.0f %9.1f%n", s.className(), n,
                        v.name(), timed.schedules(), timed.pruned(), naiveCount == null ? "-" : naiveCount.toString(),
                        factor, ms, execs == 0 ? 0.0 : timed.elapsedNanos() / 1e3 / execs,
                        execs == 0 ? 0.0 : (double) timed.handoffs() / execs);
                if (ms > worst[n]) {
                    worst[n] = ms;
                    worstName[n] = subject.id();
                }
                totalMs += ms;
                totalSchedules += timed.schedules();
            }
        }
        System.out.println();
        for (int n = 1; n < worst.length; n++) {
            if (worstName[n] != null) {
                System.out.printf(Locale.ROOT, "slowest %d-actor scenario x variant: %s, %d ms%n", n, worstName[n],
                        worst[n]);
            }
        }
        System.out.printf(Locale.ROOT, "total: %d schedules explored%s in %d ms%n", totalSchedules,
                naive ? " (" + totalNaive + " without reduction)" : "", totalMs);
    }
}
