package dev.swaprace.explore;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.swaprace.check.Outcome;
import dev.swaprace.check.Verdict;
import dev.swaprace.mm.Variant;
import dev.swaprace.scenario.Initial;
import dev.swaprace.scenario.Scenario;
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
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The model is the kernel: for every scenario of one or two actors and every variant, the
 * explorer reaches exactly the outcome set of {@code conformance/reachable-outcomes.yaml},
 * which derives each outcome from a kernel-model §4.1 row (or a note in
 * docs/conformance-notes.md where the matrix is silent).
 */
class ConformanceTest {

    /** One expected outcome: the variants it holds on (empty: all) and the rows it comes from. */
    record Expected(String outcome, List<String> variants, List<Object> rows) {
    }

    private static Map<String, List<Expected>> table() throws IOException {
        try (InputStream in = ConformanceTest.class.getResourceAsStream("/conformance/reachable-outcomes.yaml")) {
            return new ObjectMapper(new YAMLFactory()).readValue(in, new TypeReference<>() { });
        }
    }

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (String scenario : table().keySet()) {
            for (Variant v : Variant.values()) {
                out.add(Arguments.of(scenario, v));
            }
        }
        return out.stream();
    }

    /** What the table says for (scenario, variant), with V58's undercount event on leaks. */
    static Set<String> expected(String scenario, Variant v) throws IOException {
        Set<String> want = new TreeSet<>();
        for (Expected e : table().get(scenario)) {
            if (e.variants() == null || e.variants().isEmpty() || e.variants().contains(v.name())) {
                // only a page read in by V58 (R.e) had its slot's swap record uncharged
                boolean readIn = Scenario.byClassName(scenario).initial() != Initial.RESIDENT_DIRTY;
                want.add(v == Variant.V58 && readIn ? withUndercount(e.outcome()) : e.outcome());
            }
        }
        return want;
    }

    /** §4.2: a V58 page left in the swap cache also leaves its slot out of memcg.swap. */
    private static String withUndercount(String outcome) {
        if (Outcome.parse(outcome).verdict() != Verdict.LEAKED_UNTIL_RECLAIM) {
            return outcome;
        }
        int semi = outcome.indexOf(';');
        return semi < 0 ? outcome + "+SWAP_UNDERCOUNT"
                : outcome.substring(0, semi) + "+SWAP_UNDERCOUNT" + outcome.substring(semi);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void theExplorerReachesExactlyTheKernelModelsOutcomes(String scenario, Variant v) throws IOException {
        Scenario s = Scenario.byClassName(scenario);
        assertThat(s.actors().size()).as("the table covers scenarios of one or two actors").isLessThanOrEqualTo(2);
        Result r = Explorer.explore(new ScenarioSubject(s, v), Explorer.Options.defaults());
        Set<String> reached = new TreeSet<>();
        for (Result.Reached o : r.outcomes()) {
            reached.add(o.outcome().toString());
        }
        assertThat(reached).as("%s on %s", scenario, v).isEqualTo(expected(scenario, v));
    }
}
