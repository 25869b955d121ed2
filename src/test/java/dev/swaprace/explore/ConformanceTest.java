package dev.swaprace.explore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.swaprace.mm.Variant;
import dev.swaprace.scenario.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The model is the kernel: for every scenario and every variant (SwapinVsSwapoutVsPunch, which is
 * {@link Scenario#costly()}, on V58 only), the explorer reaches exactly the outcome set of
 * {@code conformance/reachable-outcomes.yaml}, in which every outcome cites the kernel lines
 * (Linux 5.7.14 and 5.8.1, or the mail of an unmerged variant) of the steps that make it
 * reachable (and the kernel-model §4.1 row, or a note of docs/conformance-notes.md where the
 * matrix is silent).
 */
class ConformanceTest {

    private static final String TABLE = "/conformance/reachable-outcomes.yaml";
    /** A kernel line: {@code 5.7.14 mm/shmem.c:1649 shmem_swapin_page}, or a lore mail. */
    private static final Pattern KERNEL_LINE = Pattern.compile(
            "(5\\.7\\.14|5\\.8\\.1) mm/[a-z_]+\\.c:\\d+(-\\d+)? [a-z_]+|https://lore\\.kernel\\.org/linux-mm/\\S+/");
    /** {@code (A|B)} in an expected outcome: both outcomes. */
    private static final Pattern ALTERNATIVES = Pattern.compile("\\(([^()]*\\|[^()]*)\\)");

    /** One expected outcome: the variants it holds on (empty: all), those it carries the undercount on, its kernel steps. */
    record Expected(String outcome, List<String> variants, List<String> undercount, List<String> kernel, List<Object> rows) {
    }

    record Table(Map<String, List<String>> kernel, Map<String, List<Expected>> scenarios) {
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
        t.scenarios().forEach((scenario, entries) -> {
            for (Expected e : entries) {
                assertThat(e.kernel()).as("%s %s cites kernel steps", scenario, e.outcome()).isNotEmpty();
                assertThat(t.kernel()).as("%s %s cites known steps", scenario, e.outcome()).containsKeys(
                        e.kernel().toArray(new String[0]));
                assertThat(e.rows()).as("%s %s names its row or note", scenario, e.outcome()).isNotEmpty();
            }
        });
    }

    @Test
    void theTableCoversEveryScenario() throws IOException {
        Table t = table();
        for (Scenario s : Scenario.values()) {
            assertThat(t.scenarios()).as("fixed-choice entries").containsKey(s.className());
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void theExplorerReachesExactlyTheKernelsOutcomes(String scenario, Variant v) throws IOException {
        Scenario s = Scenario.byClassName(scenario);
        Result r = Explorer.explore(new ScenarioSubject(s, v), Explorer.Options.defaults());
        assertThat(r.complete()).as("%s on %s explored to the end", scenario, v).isTrue();
        assertExactly(scenario + " on " + v, reached(r), expected(scenario, v), r);
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

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.removeAll(b);
        return out;
    }
}
