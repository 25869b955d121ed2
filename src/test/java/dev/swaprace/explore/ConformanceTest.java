package dev.swaprace.explore;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.swaprace.mm.Variant;
import dev.swaprace.race.RacePoint;
import dev.swaprace.scenario.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The model is the kernel: for every scenario and every variant (SwapinVsSwapoutVsPunch, which is
 * {@link Scenario#costly()}, on V58 only), the explorer reaches exactly the outcome set of
 * {@code conformance/reachable-outcomes.yaml}, in which every outcome cites the kernel lines
 * (Linux 5.7.14 and 5.8.1, or the mail of an unmerged variant) of the steps that make it
 * reachable (and the kernel-model §4.1 row, or a note of docs/conformance-notes.md where the
 * matrix is silent).
 *
 * <p>With every choice (the read IO failing, the charge answered the other way, a readahead
 * window, a failing swap write: {@link Explorer.Options#withAllChoices}), every scenario the
 * table's {@code all-choices} section names reaches exactly its fixed-choice outcomes plus that
 * section's additions, each reached under the choices it names; outcomes reached only because
 * the reader of a scenario that fixes a succeeding charge failed one (a tmpfs {@code read()} on
 * cgroup2 whose charge the kernel does not fail, kernel-model §3.11) are the table's
 * {@code model-deviations}, listed apart and not as kernel behaviour.
 */
class ConformanceTest {

    private static final String TABLE = "/conformance/reachable-outcomes.yaml";
    /** A kernel line: {@code 5.7.14 mm/shmem.c:1649 shmem_swapin_page}, or a lore mail. */
    private static final Pattern KERNEL_LINE = Pattern.compile(
            "(5\\.7\\.14|5\\.8\\.1) mm/[a-z_]+\\.c:\\d+(-\\d+)? [a-z_]+|https://lore\\.kernel\\.org/linux-mm/\\S+/");
    /** {@code (A|B)} in an expected outcome: both outcomes. */
    private static final Pattern ALTERNATIVES = Pattern.compile("\\(([^()]*\\|[^()]*)\\)");

    /**
     * One expected outcome: the variants it holds on (empty: all), those it carries the
     * undercount on, its kernel steps, its §4.1 rows or notes; in the all-choices section also
     * the choices ({@code charge io readahead wio}) some schedule reaching it flips, no others.
     */
    record Expected(String outcome, List<String> variants, List<String> undercount, List<String> choices,
                    List<String> kernel, List<Object> rows) {
    }

    /** An outcome the model reaches and the kernel cannot: why not, and the issue that tracks it. */
    record Deviation(String outcome, List<String> variants, List<String> undercount, String why) {
    }

    record Table(Map<String, List<String>> kernel,
                 Map<String, List<Expected>> scenarios,
                 @JsonProperty("all-choices") Map<String, List<Expected>> allChoices,
                 @JsonProperty("all-choices-left-out") Map<String, String> allChoicesLeftOut,
                 @JsonProperty("model-deviations") Map<String, List<Deviation>> deviations) {
    }

    private static Table table;

    private static synchronized Table table() throws IOException {
        if (table == null) {
            try (InputStream in = ConformanceTest.class.getResourceAsStream(TABLE)) {
                table = new ObjectMapper(new YAMLFactory()).readValue(in, Table.class);
            }
        }
        return table;
    }

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (String scenario : table().scenarios().keySet()) {
            for (Variant v : Variant.values()) {
                if (!Scenario.byClassName(scenario).costly() || v == Variant.V58) {   // Scenario.costly()
                    out.add(Arguments.of(scenario, v));
                }
            }
        }
        return out.stream();
    }

    static Stream<Arguments> allChoicesCases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (String scenario : table().allChoices().keySet()) {
            for (Variant v : Variant.values()) {
                out.add(Arguments.of(scenario, v));
            }
        }
        return out.stream();
    }

    /** What the table says for (scenario, variant). */
    static Set<String> expected(String scenario, Variant v) throws IOException {
        return expand(table().scenarios().get(scenario), v);
    }

    /** The outcomes {@code entries} list for {@code v}: alternatives expanded, undercount added. */
    private static Set<String> expand(List<Expected> entries, Variant v) {
        Set<String> want = new TreeSet<>();
        for (Expected e : entries == null ? List.<Expected>of() : entries) {
            if (holdsOn(e.variants(), v)) {
                want.addAll(outcomes(e.outcome(), e.undercount(), v));
            }
        }
        return want;
    }

    private static boolean holdsOn(List<String> variants, Variant v) {
        return variants == null || variants.isEmpty() || variants.contains(v.name());
    }

    /** One table outcome on {@code v}: its alternatives, each with the undercount if {@code v} carries it. */
    private static List<String> outcomes(String outcome, List<String> undercount, Variant v) {
        boolean under = undercount != null && undercount.contains(v.name());
        return expand(outcome).stream().map(o -> under ? withUndercount(o) : o).toList();
    }

    private static List<String> expand(String outcome) {
        Matcher m = ALTERNATIVES.matcher(outcome);
        if (!m.find()) {
            return List.of(outcome);
        }
        List<String> out = new ArrayList<>();
        for (String alt : m.group(1).split("\\|")) {
            out.addAll(expand(outcome.substring(0, m.start()) + alt + outcome.substring(m.end())));
        }
        return out;
    }

    /** §4.2: the outcome with the event +SWAP_UNDERCOUNT. */
    private static String withUndercount(String outcome) {
        int semi = outcome.indexOf(';');
        return semi < 0 ? outcome + "+SWAP_UNDERCOUNT"
                : outcome.substring(0, semi) + "+SWAP_UNDERCOUNT" + outcome.substring(semi);
    }

    @Test
    void everyExpectedOutcomeCitesKernelLines() throws IOException {
        Table t = table();
        t.kernel().forEach((step, lines) -> {
            assertThat(lines).as("lines of step %s", step).isNotEmpty();
            assertThat(lines).as("lines of step %s", step).allMatch(l -> KERNEL_LINE.matcher(l).matches());
        });
        Map<String, List<Expected>> both = new HashMap<>();
        t.scenarios().forEach((s, entries) -> both.put(s, entries));
        t.allChoices().forEach((s, entries) -> both.put("all-choices " + s, entries));
        both.forEach((scenario, entries) -> {
            for (Expected e : entries) {
                assertThat(e.kernel()).as("%s %s cites kernel steps", scenario, e.outcome()).isNotEmpty();
                assertThat(t.kernel()).as("%s %s cites known steps", scenario, e.outcome()).containsKeys(
                        e.kernel().toArray(new String[0]));
                assertThat(e.rows()).as("%s %s names its row or note", scenario, e.outcome()).isNotEmpty();
            }
        });
        t.allChoices().forEach((scenario, entries) -> {
            for (Expected e : entries) {
                assertThat(e.choices()).as("all-choices %s %s names the choices that reach it", scenario, e.outcome())
                        .isNotEmpty();
                e.choices().forEach(ChoicePlan.Kind::byToken);
            }
        });
        t.deviations().forEach((scenario, entries) -> {
            for (Deviation d : entries) {
                assertThat(d.why()).as("model deviation %s %s says why", scenario, d.outcome()).isNotBlank();
            }
        });
    }

    @Test
    void theTableCoversEveryScenario() throws IOException {
        Table t = table();
        for (Scenario s : Scenario.values()) {
            assertThat(t.scenarios()).as("fixed-choice entries").containsKey(s.className());
            assertThat(t.allChoices().containsKey(s.className()) || t.allChoicesLeftOut().containsKey(s.className()))
                    .as("%s: in all-choices, or in all-choices-left-out with its cost", s.className()).isTrue();
        }
        assertThat(t.allChoices().keySet()).as("all-choices and all-choices-left-out")
                .doesNotContainAnyElementsOf(t.allChoicesLeftOut().keySet());
        assertThat(t.allChoices().keySet()).as("model deviations are of all-choices scenarios")
                .containsAll(t.deviations().keySet());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void theExplorerReachesExactlyTheKernelsOutcomes(String scenario, Variant v) throws IOException {
        Scenario s = Scenario.byClassName(scenario);
        Result r = Explorer.explore(new ScenarioSubject(s, v), Explorer.Options.defaults());
        assertThat(r.complete()).as("%s on %s explored to the end", scenario, v).isTrue();
        assertExactly(scenario + " on " + v, reached(r), expected(scenario, v), r);
    }

    /**
     * Every choice: the fixed-choice outcomes, the kernel additions (each reached by a schedule
     * that flips only choices of the kinds it names), and the model deviations, each of which
     * only a schedule in which the reader of a succeeding-charge scenario failed a charge reaches.
     */
    @ParameterizedTest(name = "{0} {1} every choice")
    @MethodSource("allChoicesCases")
    void everyChoiceAddsExactlyTheKernelsOutcomes(String scenario, Variant v) throws IOException {
        Scenario s = Scenario.byClassName(scenario);
        // the scenario fixes a succeeding charge: a reader's failed charge is the explorer's, not the kernel's
        boolean readerChargeSucceeds = s.choices().chargeSucceeds(RacePoint.S_8);
        // per outcome, the kinds of choice (charge io readahead wio) each schedule reaching it flipped
        Map<String, Set<Set<String>>> flipsByOutcome = Collections.synchronizedMap(new TreeMap<>());
        Set<String> kernelReached = Collections.synchronizedSet(new TreeSet<>());
        Explorer.Options options = Explorer.Options.defaults().withAllChoices(true).withObserver(e -> {
            Set<String> kinds = e.choices.flipped().keySet().stream().map(k -> k.kind().token)
                    .collect(Collectors.toCollection(TreeSet::new));
            String o = e.outcome().toString();
            flipsByOutcome.computeIfAbsent(o, k -> new HashSet<>()).add(kinds);
            if (!(readerChargeSucceeds && kinds.contains(ChoicePlan.Kind.CHARGE.token))) {
                kernelReached.add(o);
            }
        });
        Result r = Explorer.explore(new ScenarioSubject(s, v), options);
        assertThat(r.complete()).as("%s on %s with every choice explored to the end", scenario, v).isTrue();

        Table t = table();
        Set<String> fixed = expected(scenario, v);
        Set<String> added = expand(t.allChoices().get(scenario), v);
        Set<String> deviations = new TreeSet<>();
        for (Deviation d : t.deviations().getOrDefault(scenario, List.of())) {
            if (holdsOn(d.variants(), v)) {
                deviations.addAll(outcomes(d.outcome(), d.undercount(), v));
            }
        }
        assertThat(intersection(added, fixed)).as("%s on %s: all-choices additions that are fixed-choice outcomes",
                scenario, v).isEmpty();
        assertThat(intersection(deviations, union(fixed, added))).as(
                "%s on %s: model deviations the table also lists as kernel outcomes", scenario, v).isEmpty();

        assertExactly(scenario + " on " + v + " with every choice, kernel outcomes (no reader charge failure)",
                kernelReached, union(fixed, added), r);
        assertExactly(scenario + " on " + v + " with every choice, model deviations (a reader's charge failed)",
                difference(reached(r), kernelReached), deviations, r);

        for (Expected e : t.allChoices().get(scenario)) {
            if (holdsOn(e.variants(), v)) {
                Set<String> named = Set.copyOf(e.choices());
                for (String o : outcomes(e.outcome(), e.undercount(), v)) {
                    assertThat(flipsByOutcome.getOrDefault(o, Set.of()))
                            .as("%s on %s: %s is reached by a schedule flipping only %s (choices seen: %s)",
                                    scenario, v, o, e.choices(), flipsByOutcome.get(o))
                            .anyMatch(named::containsAll);
                }
            }
        }
    }

    private static Set<String> reached(Result r) {
        Set<String> reached = new TreeSet<>();
        for (Result.Reached o : r.outcomes()) {
            reached.add(o.outcome().toString());
        }
        return reached;
    }

    /** {@code reached} equals {@code expected}; the message names each missing and each extra outcome. */
    private static void assertExactly(String what, Set<String> reached, Set<String> expected, Result r) {
        List<String> extra = difference(reached, expected).stream().map(o -> {
            Result.Reached w = r.outcome(o);
            return w == null ? o : o + "  <- witness " + w.schedule();
        }).toList();
        assertThat(difference(expected, reached)).as("%s: listed in %s but not reached", what, TABLE).isEmpty();
        assertThat(extra).as("%s: reached but not listed in %s", what, TABLE).isEmpty();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.addAll(b);
        return out;
    }

    private static Set<String> intersection(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.retainAll(b);
        return out;
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.removeAll(b);
        return out;
    }
}
