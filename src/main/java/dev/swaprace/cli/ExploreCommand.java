package dev.swaprace.cli;

import dev.swaprace.explore.Execution;
import dev.swaprace.explore.Explorer;
import dev.swaprace.explore.ExplorerJson;
import dev.swaprace.explore.Result;
import dev.swaprace.explore.ScenarioSubject;
import dev.swaprace.explore.Schedule;
import dev.swaprace.explore.Timeline;
import dev.swaprace.explore.VariantDiff;
import dev.swaprace.mm.Mutant;
import dev.swaprace.mm.Variant;
import dev.swaprace.results.AtomicOutput;
import dev.swaprace.scenario.Actor;
import dev.swaprace.scenario.MutantCase;
import dev.swaprace.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/** {@code swaprace explore}: every interleaving of the scenarios, the reachable outcomes per variant. */
@Command(name = "explore", mixinStandardHelpOptions = true, usageHelpWidth = 100,
        header = "Enumerate every schedule of a scenario (source-DPOR): the reachable outcomes per variant.",
        description = {
            "",
            "Explore every schedule of each scenario's actors (source-DPOR with sleep sets, on real threads)",
            "and print, per scenario, the reachable outcomes per kernel variant (the variant diff). Ground",
            "truth for the JCStress histograms: an outcome listed here can happen; one not listed cannot,",
            "in the model."
        })
public final class ExploreCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-s", "--scenario"}, paramLabel = "NAME",
            description = "Scenario by class name or enum name (repeatable; default: all but SwapinVsSwapoutVsPunch, about"
                    + " 700,000 schedules per variant). See 'swaprace scenarios'.")
    List<String> scenarios = new ArrayList<>();

    @Option(names = {"-v", "--variant"}, paramLabel = "VARIANT",
            description = "Kernel variant: V57 RFC1 V2P V58A V58B V58 (repeatable; default: all).")
    List<String> variants = new ArrayList<>();

    @Option(names = "--mutant", paramLabel = "NAME",
            description = "Explore seeded bug NAME (repeatable; see 'swaprace mutants --list') beside its base variant,"
                    + " on its own scenario unless -s names others.")
    List<String> mutants = new ArrayList<>();

    @Option(names = "--witness", paramLabel = "REGEX",
            description = "Print the shortest witness timeline of every reachable outcome that matches REGEX.")
    String witness;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the result as JSON (schema 1) to FILE.")
    Path json;

    @Option(names = "--replay", paramLabel = "SCHEDULE",
            description = "Replay one schedule (as printed with a witness) on real threads and print its timeline.")
    String replay;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "10",
            description = "With --replay: how many times to run it (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--naive", description = "Also count the schedules without reduction, and the reduction factor.")
    boolean naive;

    @Option(names = "--naive-search", hidden = true,
            description = "Enumerate every schedule without reduction (tiny subjects only).")
    boolean naiveSearch;

    @Option(names = "--all-choices",
            description = "Branch on every choice point (memcg charge, read IO) instead of the scenario's fixed choices.")
    boolean allChoices;

    @Option(names = "--max-steps", paramLabel = "N", defaultValue = "" + Explorer.DEFAULT_MAX_STEPS,
            description = "Race points after which a schedule counts as a livelock (default: ${DEFAULT-VALUE}).")
    int maxSteps;

    @Option(names = "--max-schedules", paramLabel = "N",
            description = "Stop each search after N schedules (the result is then marked incomplete with '+').")
    Long maxSchedules;

    @Option(names = "--counts", description = "Variant-diff cells show schedule counts instead of ✓ and ·.")
    boolean counts;

    @Override
    public Integer call() throws IOException {
        PrintStream out = System.out;
        if (maxSteps < 1) {
            throw new ParameterException(spec.commandLine(), "--max-steps must be at least 1, not " + maxSteps);
        }
        if (replay != null) {
            return replay(out);
        }
        Pattern witnessPattern = null;
        if (witness != null) {
            try {
                witnessPattern = Pattern.compile(witness);
            } catch (PatternSyntaxException e) {
                throw new ParameterException(spec.commandLine(), "--witness: not a regular expression: " + witness);
            }
        }
        List<Mutant> selectedMutants = selectMutants();
        Explorer.Options options = Explorer.Options.defaults()
                .withAllChoices(allChoices)
                .withMaxSteps(maxSteps)
                .withCountNaive(naive)
                .withNaiveSearch(naiveSearch)
                .withBudget(maxSchedules == null ? Long.MAX_VALUE : maxSchedules);
        out.println("swaprace explore: " + (naiveSearch ? "every schedule, no reduction"
                : Explorer.ALGORITHM) + "; choices "
                + (allChoices ? "all (every answer at every choice point)" : "as each scenario fixes them")
                + "; schedules longer than " + maxSteps + " steps count as livelock");
        if (!selectedMutants.isEmpty()) {
            return exploreMutants(out, selectedMutants, options, witnessPattern);
        }
        List<Scenario> selected = selectScenarios();
        List<Variant> vs = selectVariants();
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
            forbiddenAndWitnesses(out, row.values(), witnessPattern);
        }
        writeJson(out, all, options);
        return 0;
    }

    /** {@code --mutant}: each mutant beside its base variant, on its scenario or the {@code -s} ones. */
    private int exploreMutants(PrintStream out, List<Mutant> selected, Explorer.Options options,
                               Pattern witnessPattern) throws IOException {
        List<Scenario> explicit = scenarios.isEmpty() ? List.of() : selectScenarios();
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
                forbiddenAndWitnesses(out, row.values(), witnessPattern);
            }
        }
        writeJson(out, all, options);
        return 0;
    }

    /** A line for every result that reaches a FORBIDDEN outcome, then the witnesses {@code --witness} asks for. */
    private static void forbiddenAndWitnesses(PrintStream out, Collection<Result> results, Pattern witnessPattern) {
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

    /** The result file, written atomically: a reader never sees half of it. */
    private void writeJson(PrintStream out, List<Result> all, Explorer.Options options) {
        if (json != null) {
            ExplorerJson doc = ExplorerJson.of(all, options);
            AtomicOutput.write(json, doc::write);
            out.println();
            out.println("wrote " + json);
        }
    }

    private List<Mutant> selectMutants() {
        if (!mutants.isEmpty() && !variants.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--variant: a mutant runs on its own base variant;"
                    + " drop -v with --mutant");
        }
        List<Mutant> selected = new ArrayList<>();
        for (String name : mutants) {
            try {
                Mutant m = ScenarioSubject.mutant(name);
                if (!selected.contains(m)) {
                    selected.add(m);
                }
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--mutant: " + e.getMessage());
            }
        }
        if (!selected.isEmpty() && !scenarios.isEmpty()) {
            selectScenarios();   // fail on a bad -s before any output
        }
        return selected;
    }

    private static String reductions(Map<Variant, Result> row) {
        StringBuilder sb = new StringBuilder("reduction (without / with):");
        for (Map.Entry<Variant, Result> e : row.entrySet()) {
            BigDecimal f = e.getValue().reduction();
            sb.append(' ').append(e.getKey()).append(' ').append(f == null ? "?" : f.toPlainString() + "x");
        }
        return sb.append('\n').toString();
    }

    private int replay(PrintStream out) {
        if (repeat < 1) {
            throw new ParameterException(spec.commandLine(), "--repeat must be at least 1, not " + repeat);
        }
        Schedule schedule;
        try {
            schedule = Schedule.parse(replay, ScenarioSubject::byId);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--replay: " + e.getMessage());
        }
        Execution first = null;
        Set<String> outcomes = new LinkedHashSet<>();
        for (int i = 0; i < repeat; i++) {
            Execution e;
            try {
                e = Explorer.replay(schedule, maxSteps);
            } catch (IllegalArgumentException bad) {
                throw new ParameterException(spec.commandLine(), "--replay: " + bad.getMessage());
            }
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

    private List<Scenario> selectScenarios() {
        if (scenarios.isEmpty()) {
            return Scenario.cheap();
        }
        Set<Scenario> out = new LinkedHashSet<>();
        for (String name : scenarios) {
            try {
                out.add(Scenario.byClassName(name.trim()));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--scenario: " + e.getMessage()
                        + " (see 'swaprace scenarios')");
            }
        }
        return new ArrayList<>(out);
    }

    private List<Variant> selectVariants() {
        if (variants.isEmpty()) {
            return List.of(Variant.values());
        }
        Set<Variant> out = new LinkedHashSet<>();
        for (String name : variants) {
            try {
                out.add(ScenarioSubject.variant(name));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--variant: " + e.getMessage());
            }
        }
        return new ArrayList<>(out);
    }
}
