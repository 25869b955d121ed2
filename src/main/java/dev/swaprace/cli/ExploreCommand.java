package dev.swaprace.cli;

import dev.swaprace.explore.Exploration;
import dev.swaprace.explore.Explorer;
import dev.swaprace.explore.ExplorerJson;
import dev.swaprace.explore.Result;
import dev.swaprace.explore.ScenarioSubject;
import dev.swaprace.explore.Schedule;
import dev.swaprace.mm.Mutant;
import dev.swaprace.mm.Variant;
import dev.swaprace.results.AtomicOutput;
import dev.swaprace.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

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
                    + " 0.7 to 1.2 million schedules per variant). See 'swaprace scenarios'.")
    List<String> scenarios = new ArrayList<>();

    @Option(names = {"-v", "--variant"}, paramLabel = "VARIANT",
            description = "Kernel variant: V57 RFC1 V2P V58A V58B V58 KIM57 KIM58 (repeatable; default: all).")
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
        Exploration exploration = new Exploration(out, options, counts, naive, witnessPattern);
        exploration.header(naiveSearch, allChoices);
        List<Result> all = selectedMutants.isEmpty() ? exploration.variants(selectScenarios(), selectVariants())
                : exploration.mutants(selectedMutants, scenarios.isEmpty() ? List.of() : selectScenarios());
        writeJson(out, all, options);
        return 0;
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

    private int replay(PrintStream out) {
        if (repeat < 1) {
            throw new ParameterException(spec.commandLine(), "--repeat must be at least 1, not " + repeat);
        }
        try {
            return Exploration.replay(out, Schedule.parse(replay, ScenarioSubject::byId), repeat, maxSteps);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--replay: " + e.getMessage());
        }
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
