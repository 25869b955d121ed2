package dev.swaprace.explore;

import dev.swaprace.mm.Mutant;
import dev.swaprace.mm.Variant;
import dev.swaprace.scenario.Actor;
import dev.swaprace.scenario.MutantCase;
import dev.swaprace.scenario.Scenario;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code swaprace explore}'s work: explore scenarios on variants (or seeded bugs beside their
 * base variants), print per scenario the variant diff, the FORBIDDEN outcomes and the
 * witnesses asked for, and return the results (for the JSON file); or replay one schedule on
 * real threads.
 */
public final class Exploration {
    private final PrintStream out;
    private final Explorer.Options options;
    private final boolean counts;
    private final boolean naive;
    private final Pattern witnessPattern;

    /**
     * @param counts         variant-diff cells show schedule counts instead of marks
     * @param naive          also print the reduction factors
     * @param witnessPattern print the shortest witness of every reachable outcome it finds, or null
     */
    public Exploration(PrintStream out, Explorer.Options options, boolean counts, boolean naive, Pattern witnessPattern) {
        this.out = out;
        this.options = options;
        this.counts = counts;
        this.naive = naive;
        this.witnessPattern = witnessPattern;
    }

    /** The header line: algorithm, choices, livelock bound. */
    public void header(boolean naiveSearch, boolean allChoices) {
        out.println("swaprace explore: " + (naiveSearch ? "every schedule, no reduction"
                : Explorer.ALGORITHM) + "; choices "
                + (allChoices ? "all (every answer at every choice point)" : "as each scenario fixes them")
                + "; schedules longer than " + options.maxSteps() + " steps count as livelock");
    }

    /** Every scenario on every variant, one variant diff per scenario. */
    public List<Result> variants(List<Scenario> selected, List<Variant> vs) {
        List<Result> all = new ArrayList<>();
        for (Scenario s : selected) {
            Map<Variant, Result> row = new LinkedHashMap<>();
            for (Variant v : vs) {
                row.put(v, Explorer.explore(new ScenarioSubject(s, v), options));
            }
            all.addAll(row.values());
            out.println();
            out.println("== " + s.className() + ": " + s.title() + " ("
                    + s.actors().stream().map(Actor::label).collect(Collectors.joining(" vs "))
                    + "; kernel-model rows " + s.rows() + "; " + s.initial().description() + ", "
                    + s.choices() + ")");
            out.print(VariantDiff.render(row, counts));
            if (naive) {
                out.print(reductions(row));
            }
            forbiddenAndWitnesses(row.values());
        }
        return all;
    }

    /** Each seeded bug beside its base variant, on its own scenario or on {@code explicit} ones. */
    public List<Result> mutants(List<Mutant> selected, List<Scenario> explicit) {
        List<Result> all = new ArrayList<>();
        for (Mutant m : selected) {
            for (Scenario s : explicit.isEmpty() ? List.of(MutantCase.of(m).scenario()) : explicit) {
                Map<String, Result> row = new LinkedHashMap<>();
                row.put(m.base().name(), Explorer.explore(new ScenarioSubject(s, m.base()), options));
                Result mutated = Explorer.explore(new ScenarioSubject(s, m), options);
                row.put(m.base().name() + "+" + m.name(), mutated);
                all.addAll(row.values());
                out.println();
                out.println("== " + s.className() + ": " + s.title() + " ("
                        + s.actors().stream().map(Actor::label).collect(Collectors.joining(" vs ")) + "; "
                        + s.initial().description() + ", " + s.choices() + ")");
                out.println("   seeded bug " + m.name() + " on " + m.base().name() + ": " + m.bug());
                out.print(VariantDiff.renderColumns(row, counts));
                if (!mutated.anyForbidden()) {
                    out.println("   " + m.name() + " survives on " + s.className() + ": no FORBIDDEN outcome");
                }
                forbiddenAndWitnesses(row.values());
            }
        }
        return all;
    }

    /** A line for every result that reaches a FORBIDDEN outcome, then the witnesses {@code --witness} asks for. */
    private void forbiddenAndWitnesses(Collection<Result> results) {
        for (Result r : results) {
            if (r.anyForbidden()) {
                out.println("!! " + r.subject().id() + " reaches a FORBIDDEN outcome");
            }
        }
        if (witnessPattern == null) {
            return;
        }
        for (Result r : results) {
            for (Result.Reached x : r.outcomes()) {
                if (witnessPattern.matcher(x.outcome().toString()).find()) {
                    out.println();
                    out.print(Timeline.render(r.subject(), x.witness()));
                }
            }
        }
    }

    private static String reductions(Map<Variant, Result> row) {
        StringBuilder sb = new StringBuilder("reduction (without / with):");
        for (Map.Entry<Variant, Result> e : row.entrySet()) {
            BigDecimal f = e.getValue().reduction();
            sb.append(' ').append(e.getKey()).append(' ').append(f == null ? "?" : f.toPlainString() + "x");
        }
        return sb.append('\n').toString();
    }

    /**
     * Run {@code schedule} {@code repeat} times on real threads and print its timeline; 0 when
     * every run ended in the same outcome, 1 when it varied. A schedule that does not fit the
     * subject is an {@link IllegalArgumentException}.
     */
    public static int replay(PrintStream out, Schedule schedule, int repeat, int maxSteps) {
        Execution first = null;
        Set<String> outcomes = new LinkedHashSet<>();
        for (int i = 0; i < repeat; i++) {
            Execution e = Explorer.replay(schedule, maxSteps);
            if (first == null) {
                first = e;
            }
            outcomes.add(e.outcome().toString());
        }
        out.print(Timeline.render(schedule.subject(), first));
        out.println();
        if (outcomes.size() == 1) {
            out.println("replayed " + repeat + " time" + (repeat == 1 ? "" : "s") + " on real threads: "
                    + outcomes.iterator().next() + " every time");
            return 0;
        }
        out.println("replayed " + repeat + " times: the outcome varied: " + outcomes);
        return 1;
    }
}
