package dev.swaprace.peers;

import dev.swaprace.explore.Explorer;
import dev.swaprace.explore.Result;
import dev.swaprace.explore.ScenarioSubject;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The explorer's side: {@code Explorer.explore} (what {@code swaprace explore} runs) on each target
 * with the default options (the scenario's fixed choices, as the other tools run it), repeated.
 * The subject is the product's {@link ScenarioSubject} itself; the explorer's observer option
 * ({@code Options.withObserver}) reports each counted execution as it ends, for the time and
 * execution of each outcome's first sight.
 *
 * <p>{@code java dev.swaprace.peers.ExplorerRuns out=FILE [targets=all|ID,ID] [repeats=5] [tool=explorer]}
 */
public final class ExplorerRuns {
    private ExplorerRuns() {
    }

    public static void main(String[] argv) {
        Args args = new Args(argv);
        Path out = Path.of(args.get("out", "target/peers/explorer.jsonl"));
        List<Target> targets = Target.parse(args.get("targets", "all"));
        int repeats = args.getInt("repeats", 5);
        String tool = args.get("tool", "explorer");
        // warm-up, as scripts/bench-explorer does, so the first row is not the JIT's
        for (Target t : targets.subList(0, Math.min(2, targets.size()))) {
            explore(t, new Probe(Set.of(), Long.MAX_VALUE));
        }
        for (Target t : targets) {
            for (int r = 0; r < repeats; r++) {
                Probe probe = new Probe(Set.of(), Long.MAX_VALUE);
                Result result = explore(t, probe);
                Set<String> found = new TreeSet<>();
                result.outcomes().forEach(x -> found.add(x.outcome().toString()));
                if (!found.equals(probe.firsts().keySet())) {
                    // the observer sees every counted execution: the two sets are the same outcomes
                    throw new IllegalStateException(t.id() + ": the result's outcomes " + found
                            + " are not the ones the observer saw " + probe.firsts().keySet());
                }
                Line line = Line.of(tool, t, r, 0, probe, result.complete(), "done", null);
                line.appendTo(out);
                System.out.println(line.summary() + "; " + result.schedules() + " schedules, " + result.pruned()
                        + " pruned");
            }
        }
    }

    /**
     * The product's subject as {@code swaprace explore} builds it, unwrapped, so every execution is
     * graded by the product alone (the engine's deadlock and livelock verdicts, {@code
     * Instance.violation()} for an execution an actor's violation ended early, the checker for
     * the rest); the probe sees each counted execution's outcome through the explorer's observer.
     */
    static Result explore(Target t, Probe probe) {
        return Explorer.explore(new ScenarioSubject(t.scenario(), t.variant()),
                Explorer.Options.defaults().withObserver(e -> probe.record(e.outcome().toString())));
    }
}
