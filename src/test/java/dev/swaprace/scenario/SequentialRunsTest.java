package dev.swaprace.scenario;

import dev.swaprace.check.Outcome;
import dev.swaprace.check.Verdict;
import dev.swaprace.mm.Variant;
import dev.swaprace.race.RaceHook;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every scenario with its actors run one after another, in every order, on every variant. */
class SequentialRunsTest {

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void everySerialOrderIsAcceptableOnEveryVariant(Scenario scenario) {
        for (Variant v : Variant.values()) {
            for (List<Integer> order : permutations(scenario.actors().size())) {
                Run run = scenario.setUp(v, RaceHook.NONE);
                for (int i : order) {
                    run.act(i);
                }
                Outcome o = run.outcome();
                assertThat(o.verdict()).as("%s %s order %s: %s", scenario, v, order, o).isNotEqualTo(Verdict.FORBIDDEN);
            }
        }
    }

    static List<List<Integer>> permutations(int n) {
        List<List<Integer>> out = new ArrayList<>();
        permute(new ArrayList<>(), n, out);
        return out;
    }

    private static void permute(List<Integer> prefix, int n, List<List<Integer>> out) {
        if (prefix.size() == n) {
            out.add(List.copyOf(prefix));
            return;
        }
        for (int i = 0; i < n; i++) {
            if (!prefix.contains(i)) {
                prefix.add(i);
                permute(prefix, n, out);
                prefix.remove(prefix.size() - 1);
            }
        }
    }
}
