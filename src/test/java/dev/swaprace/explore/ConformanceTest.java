package dev.swaprace.explore;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.swaprace.mm.Variant;
import dev.swaprace.scenario.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The model is the kernel: for every scenario with one or two actors and every variant, the
 * explorer reaches exactly the outcome set that kernel-model.md §4.1/§4.2 predicts
 * ({@code conformance/reachable-outcomes.yaml}, each outcome with its matrix rows; where the
 * matrix is silent, docs/conformance-notes.md).
 */
class ConformanceTest {

    /** One expected outcome: on which variants (null: all) and from which rows. */
    record Expected(String outcome, List<String> variants, List<Object> rows) {
        boolean on(Variant v) {
            return variants == null || variants.contains(v.name());
        }
    }

    static Map<String, List<Expected>> table() throws IOException {
        try (InputStream in = ConformanceTest.class.getResourceAsStream("/conformance/reachable-outcomes.yaml")) {
            assertThat(in).as("conformance table on the test class path").isNotNull();
            return new YAMLMapper().readValue(in, new TypeReference<LinkedHashMap<String, List<Expected>>>() {
            });
        }
    }

    static Stream<Scenario> smallScenarios() {
        return Stream.of(Scenario.values()).filter(s -> s.actors().size() <= 2);
    }

    @Test
    void theTableCoversEveryScenarioWithUpToTwoActorsAndNoOther() throws IOException {
        Set<String> small = smallScenarios().map(Scenario::className).collect(Collectors.toCollection(TreeSet::new));
        assertThat(new TreeSet<>(table().keySet())).isEqualTo(small);
        for (List<Expected> outcomes : table().values()) {
            for (Expected e : outcomes) {
                assertThat(e.rows()).as("rows of %s", e.outcome()).isNotEmpty();
                if (e.variants() != null) {
                    for (String v : e.variants()) {
                        assertThat(Variant.valueOf(v)).isNotNull();
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("smallScenarios")
    void theExplorerReachesExactlyTheMatrix(Scenario scenario) throws IOException {
        List<Expected> expected = table().get(scenario.className());
        Map<Variant, Result> results = new EnumMap<>(Variant.class);
        List<String> problems = new ArrayList<>();
        for (Variant v : Variant.values()) {
            Result r = Explorer.explore(new ScenarioSubject(scenario, v), Explorer.Options.defaults());
            results.put(v, r);
            Set<String> want = expected.stream().filter(e -> e.on(v)).map(Expected::outcome)
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> got = DporSoundnessTest.outcomes(r);
            for (String o : want) {
                if (!got.contains(o)) {
                    problems.add(v + " misses " + o + " (rows " + rowsOf(expected, o) + ")");
                }
            }
            for (String o : got) {
                if (!want.contains(o)) {
                    problems.add(v + " reaches " + o + ", which the table does not list; witness "
                            + r.outcome(o).schedule());
                }
            }
        }
        System.out.println("== " + scenario.className());
        System.out.print(VariantDiff.render(results, true));
        assertThat(problems).as("%s against kernel-model.md", scenario.className()).isEmpty();
    }

    private static List<Object> rowsOf(List<Expected> expected, String outcome) {
        return expected.stream().filter(e -> e.outcome().equals(outcome)).findFirst().map(Expected::rows)
                .orElse(List.of());
    }

    @Test
    void theVariantsDifferExactlyWhereTheMatrixSays() throws IOException {
        // L7: V57/RFC1/V2P free at once, V58A/V58B/V58 strand in the swapin window
        assertOnlyOn(Scenario.SWAPIN_VS_PUNCH, "LEAKED_UNTIL_RECLAIM:STRAND@SWAPIN;S=HOLE",
                Set.of(Variant.V58A, Variant.V58B, Variant.V58));
        // L8: V57 strands (Johannes's question), RFC1 deletes on -ENOMEM, V58 never charges in swapin
        assertOnlyOn(Scenario.SWAPIN_VS_PUNCH_CHARGE_FAILS, "LEAKED_UNTIL_RECLAIM:STRAND@SWAPIN;S=HOLE",
                Set.of(Variant.V57, Variant.V2P, Variant.V58A, Variant.V58B));
        // L9: RFC1 rereads, V57 keeps the page cached, V58 fails before any IO
        assertOnlyOn(Scenario.SWAPIN_CHARGE_FAILS, "ACCEPTABLE:REREAD;S=ENOMEM", Set.of(Variant.RFC1));
        assertOnlyOn(Scenario.SWAPIN_CHARGE_FAILS, "ACCEPTABLE:OK_CACHED;S=ENOMEM",
                Set.of(Variant.V57, Variant.V2P, Variant.V58A, Variant.V58B));
        assertOnlyOn(Scenario.SWAPIN_CHARGE_FAILS, "ACCEPTABLE:OK_SWAPPED;S=ENOMEM", Set.of(Variant.V58));
    }

    private static void assertOnlyOn(Scenario s, String outcome, Set<Variant> where) throws IOException {
        Set<Variant> table = table().get(s.className()).stream().filter(e -> e.outcome().equals(outcome))
                .flatMap(e -> Stream.of(Variant.values()).filter(e::on)).collect(Collectors.toSet());
        assertThat(table).as("%s in the table for %s", outcome, s.className()).isEqualTo(where);
    }
}
