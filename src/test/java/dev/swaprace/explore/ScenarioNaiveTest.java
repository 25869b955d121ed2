package dev.swaprace.explore;

import dev.swaprace.mm.Variant;
import dev.swaprace.scenario.Scenario;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reduction against the naive enumeration of every schedule on a real scenario. Naive
 * enumeration is feasible only for the smallest: SwapinVsReclaim on V57 has 61,971 schedules
 * (the other two-actor scenarios have from 0.7 million to 4 * 10^11; their naive counts are
 * computed from the explored traces, see {@code swaprace explore --naive}).
 */
class ScenarioNaiveTest {

    @Test
    void swapinVsReclaimReachesTheSameOutcomesWithAndWithoutReduction() {
        Subject s = new ScenarioSubject(Scenario.SWAPIN_VS_RECLAIM, Variant.V57);
        Result naive = Explorer.explore(s, Explorer.Options.defaults().withNaiveSearch(true));
        Result reduced = Explorer.explore(s, Explorer.Options.defaults().withCountNaive(true));
        System.out.printf("%s: naive %d schedules in %d ms; source-DPOR %d schedules in %d ms (%d pruned)%n",
                s.id(), naive.schedules(), naive.elapsedMillis(), reduced.schedules(), reduced.elapsedMillis(),
                reduced.pruned());
        assertThat(DporSoundnessTest.outcomes(reduced)).isEqualTo(DporSoundnessTest.outcomes(naive));
        assertThat(reduced.naive()).as("schedules without reduction, counted from the traces")
                .isEqualTo(BigInteger.valueOf(naive.schedules()));
        for (Result.Reached r : reduced.outcomes()) {
            assertThat(r.naive()).as("naive schedules to %s", r.outcome())
                    .isEqualTo(BigInteger.valueOf(naive.outcome(r.outcome().toString()).schedules()));
        }
        assertThat(reduced.schedules() * 1000).isLessThan(naive.schedules());
    }
}
