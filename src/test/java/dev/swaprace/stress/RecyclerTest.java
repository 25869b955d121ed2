package dev.swaprace.stress;

import dev.swaprace.mm.Variant;
import dev.swaprace.race.RaceHook;
import dev.swaprace.scenario.Run;
import dev.swaprace.scenario.Scenario;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Recycled runs give the outcomes fresh runs give, interned, and are handed back on the same thread. */
class RecyclerTest {

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void recycledRunsGiveTheOutcomesOfFreshRuns(Scenario s) {
        for (Variant v : Variant.values()) {
            Recycler recycler = new Recycler(() -> s.setUp(v, RaceHook.NONE));
            Run run = recycler.take();
            for (int round = 0; round < 3; round++) {
                for (boolean reverse : new boolean[] {false, true}) {
                    Run fresh = s.setUp(v, RaceHook.NONE);
                    int n = s.actors().size();
                    for (int k = 0; k < n; k++) {
                        int i = reverse ? n - 1 - k : k;
                        run.act(i);
                        fresh.act(i);
                    }
                    String expected = fresh.outcome().toString();
                    String id = recycler.finish(run);
                    assertThat(id).as("%s %s", s, v).isEqualTo(expected);
                    Run next = recycler.take();
                    assertThat(next).as("the finished run comes back").isSameAs(run);
                    run = next;
                    Run again = s.setUp(v, RaceHook.NONE);
                    for (int k = 0; k < n; k++) {
                        again.act(reverse ? n - 1 - k : k);
                    }
                    assertThat(again.outcomeId()).as("interned").isSameAs(id);
                }
            }
        }
    }
}
