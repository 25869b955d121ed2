package dev.swaprace.campaign;

import dev.swaprace.mm.Variant;
import dev.swaprace.scenario.Scenario;
import dev.swaprace.suite.StressSuite;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardTest {

    private static List<String> suite() {
        List<String> tests = new ArrayList<>();
        for (Scenario s : Scenario.values()) {
            for (Variant v : Variant.values()) {
                tests.add(StressSuite.testName(s, v));
            }
        }
        return tests;
    }

    @Test
    void shardsAreDisjointBalancedAndTogetherTheCampaign() {
        List<String> tests = suite();
        for (int n = 1; n <= 9; n++) {
            Set<String> union = new HashSet<>();
            int total = 0;
            for (int i = 0; i < n; i++) {
                List<String> mine = new Shard(i, n).select(tests);
                assertThat(mine.size()).isBetween(tests.size() / n, tests.size() / n + 1);
                total += mine.size();
                union.addAll(mine);
            }
            assertThat(total).as("disjoint").isEqualTo(tests.size());
            assertThat(union).containsExactlyInAnyOrderElementsOf(tests);
        }
    }

    @Test
    void theSplitDoesNotDependOnTheOrderTestsAreListedIn() {
        List<String> tests = suite();
        List<String> shuffled = new ArrayList<>(tests);
        Collections.shuffle(shuffled, new java.util.Random(42));
        assertThat(new Shard(2, 5).select(shuffled)).isEqualTo(new Shard(2, 5).select(tests));
    }

    @Test
    void badShardsAreOneLineErrors() {
        assertThat(Shard.parse("1/4")).isEqualTo(new Shard(1, 4));
        assertThatThrownBy(() -> Shard.parse("4/4")).hasMessage("--shard 4/4: need 0 <= I < N");
        assertThatThrownBy(() -> Shard.parse("x")).hasMessageContaining("expected I/N");
        assertThatThrownBy(() -> Shard.parse("a/b")).hasMessageContaining("expected I/N");
    }
}
