package dev.swaprace.explore;

import dev.swaprace.mm.Variant;
import dev.swaprace.race.RacePoint;
import dev.swaprace.scenario.Actor;
import dev.swaprace.scenario.Scenario;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The readahead loop's dropped reference (5.7.14 mm/swap_state.c:576-596, 5.8.1: 592-612): with
 * a window wider than one page, {@code swap_cluster_readahead} reads the target slot inside its
 * loop, {@code put_page}s it (590) and only then calls {@code read_swap_cache_async} again
 * (596). In between, swapin holds no reference, so a punch's {@code __try_to_reclaim_swap} can
 * free the page (5.7.14 mm/swapfile.c:144-148) and the final call finds the slot unused
 * ({@code __swp_swapcount} == 0, mm/swap_state.c:392-393): swapin returns -ENOMEM, which
 * {@code failed:} (mm/shmem.c:1706-1708) turns into a retry into the hole.
 */
class ReadaheadWindowTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(Variant.class)
    void thePunchFreesThePageBetweenTheLoopsPutAndTheFinalLookup(Variant v) {
        Scenario s = Scenario.SWAPIN_VS_PUNCH;
        int swapin = s.actors().indexOf(Actor.S);
        Set<String> inTheWindow = new TreeSet<>();
        Explorer.Options options = Explorer.Options.defaults().withAllChoices(true).withObserver(e -> {
            int put = -1;
            for (Event ev : e.events) {
                if (ev.actor() != swapin) {
                    continue;
                }
                if (ev.step.point == RacePoint.RA_PUT && put < 0) {
                    put = ev.index;
                } else if (put >= 0 && ev.step.point == RacePoint.R_B) {
                    inTheWindow.add(e.outcome().toString());   // the final lookup missed
                    return;
                }
            }
        });
        Explorer.explore(new ScenarioSubject(s, v), options);
        assertThat(inTheWindow).as("outcomes of schedules where the page left between RA.put and the final R.a, %s", v)
                .contains("ACCEPTABLE:OK_FREED;S=HOLE");
    }
}
