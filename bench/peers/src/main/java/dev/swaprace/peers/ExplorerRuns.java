package dev.swaprace.peers;

import dev.swaprace.check.Outcome;
import dev.swaprace.explore.Explorer;
import dev.swaprace.explore.Result;
import dev.swaprace.explore.ScenarioSubject;
import dev.swaprace.explore.Subject;
import dev.swaprace.mm.Choices;
import dev.swaprace.race.RaceHook;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The explorer's side: {@code Explorer.explore} (what {@code swaprace explore} runs) on each target
 * with the default options (the scenario's fixed choices, as the other tools run it), repeated.
 * The subject is the product's {@link ScenarioSubject}, wrapped only to see each graded execution
 * as it happens, for the time and execution of each outcome's first sight.
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
                String reported = null;
                if (!found.equals(probe.firsts().keySet())) {
                    // outcomes the engine grades itself (deadlock, livelock) never reach Instance.outcome()
                    Set<String> extra = new TreeSet<>(found);
                    extra.removeAll(probe.firsts().keySet());
                    reported = "graded by the engine: " + extra;
                }
                Line line = Line.of(tool, t, r, 0, probe, result.complete(), "done", reported);
                line.appendTo(out);
                System.out.println(line.summary() + "; " + result.schedules() + " schedules, " + result.pruned()
                        + " pruned");
            }
        }
    }

    static Result explore(Target t, Probe probe) {
        return Explorer.explore(new Counted(new ScenarioSubject(t.scenario(), t.variant()), probe),
                Explorer.Options.defaults());
    }

    /** The product's subject, unchanged, with each graded execution reported to a probe. */
    private record Counted(ScenarioSubject inner, Probe probe) implements Subject {
        @Override
        public String id() {
            return inner.id();
        }

        @Override
        public String title() {
            return inner.title();
        }

        @Override
        public List<String> actorLabels() {
            return inner.actorLabels();
        }

        @Override
        public List<String> actorDescriptions() {
            return inner.actorDescriptions();
        }

        @Override
        public String initialState() {
            return inner.initialState();
        }

        @Override
        public Choices fixedChoices() {
            return inner.fixedChoices();
        }

        @Override
        public Instance setUp(RaceHook hook, Choices choices) {
            Instance i = inner.setUp(hook, choices);
            return new Instance() {
                @Override
                public void act(int actor) {
                    i.act(actor);
                }

                @Override
                public String endState() {
                    return i.endState();
                }

                @Override
                public Outcome outcome() {
                    Outcome o = i.outcome();
                    probe.record(o.toString());
                    return o;
                }

                @Override
                public void reportSteps(StepListener listener) {
                    i.reportSteps(listener);
                }
            };
        }
    }
}
