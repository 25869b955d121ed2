package dev.swaprace.peers;

import dev.swaprace.mm.Variant;
import dev.swaprace.race.RaceHook;
import dev.swaprace.scenario.Run;
import dev.swaprace.scenario.Scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * One scenario on one kernel variant, as every tool of the benchmark runs it: the scenario's own
 * set-up with the race hook off ({@link RaceHook#NONE}, as under jcstress), one plain
 * {@link Thread} per actor, started together and joined, then the product's checker
 * ({@link Run#outcome()}: invariants, classification, drain). The explorer runs the same
 * {@link Scenario} through its own driver instead (see {@link ExplorerRuns}).
 */
public record Target(Scenario scenario, Variant variant) {

    /** {@code SwapinVsPunch@V58}, as the explorer names it. */
    public String id() {
        return scenario.className() + "@" + variant.name();
    }

    public int actors() {
        return scenario.actors().size();
    }

    /** {@code SwapinVsPunch@V58} back to a target. */
    public static Target byId(String id) {
        int at = id.indexOf('@');
        if (at < 0) {
            throw new IllegalArgumentException("not a scenario@variant: " + id);
        }
        return new Target(Scenario.byClassName(id.substring(0, at)), Variant.valueOf(id.substring(at + 1)));
    }

    /**
     * The benchmark's targets: every 2-actor scenario on V57 and V58, and the 3-actor scenario
     * (swapin vs punch vs reclaim) on V57 and V58.
     */
    public static List<Target> all() {
        List<Target> out = new ArrayList<>();
        for (Scenario s : Scenario.values()) {
            if (s.actors().size() == 2 || s == Scenario.SWAPIN_VS_PUNCH_VS_RECLAIM) {
                out.add(new Target(s, Variant.V57));
                out.add(new Target(s, Variant.V58));
            }
        }
        return out;
    }

    /** Targets named on a command line (comma separated ids), or {@link #all()} if none. */
    public static List<Target> parse(String ids) {
        if (ids == null || ids.isBlank() || ids.equals("all")) {
            return all();
        }
        List<Target> out = new ArrayList<>();
        for (String id : ids.split(",")) {
            out.add(byId(id.trim()));
        }
        return out;
    }

    /**
     * One execution on real threads: a fresh machine in the initial state, the actors on their own
     * threads, the outcome id. Under a controlled scheduler (Lincheck, Fray) the tool interleaves
     * these threads; nothing here helps or hinders it.
     */
    public String runOnce() {
        Run run = scenario.setUp(variant, RaceHook.NONE);
        int n = actors();
        Thread[] threads = new Thread[n];
        Throwable[] failed = new Throwable[n];
        for (int i = 0; i < n; i++) {
            int a = i;
            threads[i] = new Thread(() -> {
                try {
                    run.act(a);
                } catch (Throwable t) {
                    failed[a] = t;
                }
            }, scenario.actors().get(i).label());
        }
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        for (int i = 0; i < n; i++) {
            if (failed[i] != null) {
                throw new IllegalStateException("actor " + scenario.actors().get(i).label() + " failed: " + failed[i],
                        failed[i]);
            }
        }
        return run.outcome().toString();
    }
}
