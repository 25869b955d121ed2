package dev.swaprace.explore;

import dev.swaprace.check.Verdict;
import dev.swaprace.mm.Mutant;
import dev.swaprace.scenario.MutantCase;
import dev.swaprace.scenario.Scenario;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The explorer half of the mutation campaign: explore a seeded bug's scenario on the mutant and
 * say whether a FORBIDDEN outcome is reachable (the mutant is killed), with the shortest witness
 * of one, replayed once on real threads to check that it leads there. Every FORBIDDEN outcome
 * counts, including the ends the explorer itself grades FORBIDDEN: {@code DEADLOCK},
 * {@code BUG_LIVELOCK} and {@code BUG_SLEEP_IN_ATOMIC}.
 *
 * @param mutant   the seeded bug
 * @param scenario the scenario explored (normally the mutant's {@link MutantCase#scenario()})
 * @param result   the exploration
 * @param killing  the FORBIDDEN outcome with the shortest witness, or null if the mutant survived
 * @param replayed what the killing witness's schedule led to when replayed, or null if not killed
 */
public record MutantKill(Mutant mutant, Scenario scenario, Result result, Result.Reached killing, String replayed) {

    /** Shortest witness first: fewest steps, then fewest context switches, then outcome name. */
    private static final Comparator<Result.Reached> SHORTEST = Comparator
            .comparingInt((Result.Reached x) -> x.witness().steps())
            .thenComparingInt(x -> x.witness().contextSwitches())
            .thenComparing(x -> x.outcome().toString());

    /** Explore {@code c}'s mutant on its scenario. */
    public static MutantKill explore(MutantCase c) {
        return explore(c.mutant(), c.scenario());
    }

    /**
     * Schedules after which a search with every choice stops (marked incomplete): only
     * SwapinVsSwapin's closure comes near it (over 200,000); its fixed-choice search, which runs
     * first, is complete well within.
     */
    static final long CHOICE_BUDGET = 20_000;

    /**
     * Explore {@code m} on {@code s} with every choice branching (charge, read and write IO,
     * readahead window), the scenario's fixed answers first: a bug that only a failed read or
     * charge exposes is killed too, and its witness says which choice it took.
     */
    public static MutantKill explore(Mutant m, Scenario s) {
        ScenarioSubject subject = new ScenarioSubject(s, m);
        Result r = Explorer.explore(subject, Explorer.Options.defaults().withAllChoices(true).withBudget(CHOICE_BUDGET));
        Optional<Result.Reached> first = r.outcomes().stream()
                .filter(x -> x.outcome().verdict() == Verdict.FORBIDDEN)
                .min(SHORTEST);
        if (first.isEmpty()) {
            return new MutantKill(m, s, r, null, null);
        }
        Schedule again = Schedule.parse(first.get().schedule().toString(), ScenarioSubject::byId);
        String replayed = Explorer.replay(again, Explorer.DEFAULT_MAX_STEPS).outcome().toString();
        return new MutantKill(m, s, r, first.get(), replayed);
    }

    /** Killed: a FORBIDDEN outcome is reachable and its witness replays to it. */
    public boolean killed() {
        return killing != null && killing.outcome().toString().equals(replayed);
    }

    /** The killing witness's schedule, as {@code swaprace explore --replay} takes it; null if none. */
    public String schedule() {
        return killing == null ? null : killing.schedule().toString();
    }

    /** Every FORBIDDEN outcome reachable, with the schedules that reach it, in {@link Result#ORDER}. */
    public Map<String, Long> forbidden() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (Result.Reached x : result.outcomes()) {
            if (x.outcome().verdict() == Verdict.FORBIDDEN) {
                m.put(x.outcome().toString(), x.schedules());
            }
        }
        return m;
    }

    /** The killing witness as a race diagram, headed by what killed the mutant; null if none. */
    public String timeline() {
        if (killing == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        sb.append(mutant.name()).append(" killed by ").append(killing.outcome()).append(": the shortest witness, replayed")
                .append(" on real threads to ").append(replayed).append(".\n");
        sb.append("FORBIDDEN outcomes reachable (schedules of ").append(result.schedules()).append("):");
        forbidden().forEach((o, n) -> sb.append("\n  ").append(o).append("  ").append(n));
        sb.append("\n\n").append(Timeline.render(result.subject(), killing.witness()));
        return sb.toString();
    }
}
