package dev.swaprace.suite;

import dev.swaprace.check.Code;
import dev.swaprace.check.Verdict;
import dev.swaprace.mm.Variant;
import dev.swaprace.scenario.MutantCase;
import dev.swaprace.scenario.Scenario;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The JCStress suite as data: one test per (scenario, variant), named
 * {@code dev.swaprace.stress.<Scenario.className()>.<Variant>}, and the outcome grading every
 * test declares. The source generator writes the test classes from this; {@code swaprace run}
 * selects and reports tests by the same names.
 */
public final class StressSuite {
    /** The package of the generated test classes. */
    public static final String PACKAGE = "dev.swaprace.stress";

    /**
     * The package of the seeded-bug tests, {@code dev.swaprace.mutants.<MUTANT>} (one per
     * {@link MutantCase} that jcstress can run). No stress config selects it, nor does
     * {@code -t dev.swaprace.stress} or a scenario name ({@code -t SwapinVsPunch}): the class
     * names are the mutants' names. A jcstress run without {@code -t} runs them too, and they fail.
     */
    public static final String MUTANT_PACKAGE = "dev.swaprace.mutants";

    /** The linux-mm thread the whole suite is about (root message of §1.2 in docs/kernel-model.md). */
    public static final String THREAD_REF =
            "https://lore.kernel.org/linux-mm/20200420221126.341272-6-hannes@cmpxchg.org/";

    private StressSuite() {
    }

    /** {@code dev.swaprace.stress.SwapinVsPunch.V58}. */
    public static String testName(Scenario scenario, Variant variant) {
        return PACKAGE + "." + scenario.className() + "." + variant.name();
    }

    /** {@code dev.swaprace.mutants.DEC_BEFORE_CAS}. */
    public static String mutantTestName(MutantCase c) {
        return MUTANT_PACKAGE + "." + c.className();
    }

    /** The {@code -t} regex that selects exactly the test of {@code c}. */
    public static String mutantRegex(MutantCase c) {
        return exactly(List.of(mutantTestName(c)));
    }

    /** The {@code -t} regex that selects exactly {@code tests} (full names): {@code ^(a\.B|a\.C)$}. */
    public static String exactly(Collection<String> tests) {
        return tests.stream().map(t -> t.replace(".", "\\.")).collect(Collectors.joining("|", "^(", ")$"));
    }

    /**
     * One {@code @Outcome} of every test.
     *
     * @param id      the regex jcstress matches against the outcome string ({@code ""} for the default)
     * @param verdict its grade, declared as {@link Verdict#expect()}
     * @param desc    what it means, for the report
     */
    public record OutcomeRule(String id, Verdict verdict, String desc) {
    }

    /**
     * The {@code @Outcome}s of every test, in match order: one per acceptable or leaked end state
     * of {@link Code} (so the report names the end state), one for every FORBIDDEN outcome (the
     * bug code in the id names the broken invariant; the test description lists them), and a
     * forbidden default for anything that is not a checker outcome.
     */
    public static List<OutcomeRule> outcomeRules() {
        List<OutcomeRule> rules = new ArrayList<>();
        for (Code c : Code.values()) {
            if (c.verdict() != Verdict.FORBIDDEN && !c.eventOnly()) {
                rules.add(new OutcomeRule(c.verdict() + ":" + c.name() + "([@+;].*)?", c.verdict(),
                        c.name() + ": " + c.description()));
            }
        }
        rules.add(new OutcomeRule(Verdict.FORBIDDEN + ":.*", Verdict.FORBIDDEN,
                "kernel bug: the code after FORBIDDEN: names the broken kernel-model §5 invariant"
                        + " (listed in the test description)"));
        rules.add(new OutcomeRule("", Verdict.FORBIDDEN,
                "not a checker outcome (VERDICT:CODE...): a harness bug"));
        return rules;
    }
}
