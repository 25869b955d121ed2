package dev.swaprace.bench;

import dev.swaprace.mm.Variant;
import dev.swaprace.race.StressHook;
import dev.swaprace.scenario.Run;
import dev.swaprace.scenario.Scenario;

/**
 * Where a jcstress sample's time goes, single-threaded: per scenario, ns per sample of the reset,
 * each actor and the grading ({@code outcomeId()}), run in strides as jcstress runs them, with
 * {@code -Dstride=N} machines live. Not a test; a development probe, compiled by
 * {@code mvn test-compile} into {@code target/bench-classes}:
 * {@code java -cp target/bench-classes:target/test-classes:target/classes:CP dev.swaprace.bench.SampleCostProbe [SCENARIO...]}
 * ({@code CP}: {@code mvn dependency:build-classpath}, as {@code scripts/bench-report} does).
 */
public final class SampleCostProbe {
    private static final int STRIDE = Integer.getInteger("stride", 256);

    private SampleCostProbe() {
    }

    public static void main(String[] args) {
        Scenario[] scenarios = args.length == 0 ? Scenario.values() : new Scenario[args.length];
        for (int i = 0; i < args.length; i++) {
            scenarios[i] = Scenario.byClassName(args[i]);
        }
        for (Scenario s : scenarios) {
            if (s.actors().size() > 2) {
                continue;
            }
            measure(s, 1_000_000_000L);   // warm-up
            long[] ns = measure(s, 2_000_000_000L);
            long n = ns[ns.length - 1];
            StringBuilder b = new StringBuilder(String.format("%-26s", s.className()));
            String[] names = {"reset", "act0", "act1", "grade"};
            long total = 0;
            for (int i = 0; i < 4; i++) {
                b.append(String.format(" %s %5.0f", names[i], (double) ns[i] / n));
                total += ns[i];
            }
            b.append(String.format("  total %5.0f ns/sample", (double) total / n));
            System.out.println(b);
        }
    }

    private static long[] measure(Scenario s, long budgetNs) {
        long[] ns = new long[5];
        Run[] runs = new Run[STRIDE];
        int actors = s.actors().size();
        long sink = 0;
        long end = System.nanoTime() + budgetNs;
        for (int c = 0; c < STRIDE; c++) {
            runs[c] = s.setUp(Variant.V58, StressHook.HOOK);
        }
        while (System.nanoTime() < end) {
            for (int a = 0; a < actors; a++) {
                long ta = System.nanoTime();
                for (int c = 0; c < STRIDE; c++) {
                    runs[c].act(a);
                }
                ns[1 + a] += System.nanoTime() - ta;
            }
            // timed per loop, not per call: a clock read costs about as much as a reset
            long t0 = System.nanoTime();
            for (int c = 0; c < STRIDE; c++) {
                sink += runs[c].outcomeId().length();
            }
            long t1 = System.nanoTime();
            for (int c = 0; c < STRIDE; c++) {
                runs[c].reset();
            }
            ns[3] += t1 - t0;
            ns[0] += System.nanoTime() - t1;
            ns[4] += STRIDE;
        }
        if (sink == 42) {
            System.out.println();
        }
        return ns;
    }
}
