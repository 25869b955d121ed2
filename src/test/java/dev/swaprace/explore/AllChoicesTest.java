package dev.swaprace.explore;

import dev.swaprace.check.Verdict;
import dev.swaprace.mm.Variant;
import dev.swaprace.scenario.Actor;
import dev.swaprace.scenario.Initial;
import dev.swaprace.scenario.Scenario;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No false alarm, with every choice the kernel leaves open: every scenario of up to two actors
 * on every real variant, explored with the memcg charge, the read IO, the write IO and the
 * readahead window branching (not only the scenario's fixed answers), reaches no FORBIDDEN
 * outcome. And the choices are really taken: wherever a swapin reads the slot, a failed read
 * reaches the reader as -EIO (5.7.14 mm/shmem.c:1655-1658, {@code !PageUptodate} after
 * {@code lock_page}: {@code end_swap_bio_read} left the page not uptodate, page_io.c:121-138),
 * and a failed charge reaches it as -ENOMEM only in the scenarios whose caller can fail one.
 *
 * <p>SwapinVsSwapin is the exception to "every schedule": with both readers' readahead windows,
 * reads, and V58 charges branching, its closure exceeds 200,000 schedules per variant (50 s on
 * 2 cores); here it is searched for its first {@value #BOUNDED} schedules, which must be free of
 * FORBIDDEN outcomes too.
 */
class AllChoicesTest {
    private static final long BOUNDED = 20_000;

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Scenario s : Scenario.values()) {
            if (s.actors().size() <= 2) {
                for (Variant v : Variant.values()) {
                    out.add(Arguments.of(s, v));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void everyChoiceOfEveryScheduleIsFreeOfForbiddenOutcomes(Scenario s, Variant v) {
        boolean bounded = s == Scenario.SWAPIN_VS_SWAPIN;
        Explorer.Options options = Explorer.Options.defaults().withAllChoices(true);
        Result r = Explorer.explore(new ScenarioSubject(s, v), bounded ? options.withBudget(BOUNDED) : options);
        assertThat(r.complete()).as("%s on %s explored to the end", s, v).isNotEqualTo(bounded);
        List<String> forbidden = r.outcomes().stream().filter(o -> o.outcome().verdict() == Verdict.FORBIDDEN)
                .map(o -> o.outcome() + " <- " + o.schedule()).toList();
        assertThat(forbidden).as("%s on %s with every choice", s, v).isEmpty();
        // a reader of a slot nothing caches reads it (not so for CACHED: the readahead page is uptodate)
        if (s.actors().contains(Actor.S) && s.initial() == Initial.SWAPPED_OUT && !bounded) {
            assertThat(r.outcomes()).as("%s on %s: a failed read reaches the reader", s, v)
                    .anyMatch(o -> o.outcome().toString().contains(";S=EIO"));
        }
        // only the charge-failure scenarios' caller (cgroup1 oom_kill_disable) sees -ENOMEM: a
        // read() on cgroup2 charges with GFP_HIGHUSER_MOVABLE, which try_charge never fails
        // (5.7.14 mm/memcontrol.c:2518-2569)
        if (s.choices().chargeCanFail()) {
            assertThat(r.outcomes()).as("%s on %s: a failed charge reaches the reader", s, v)
                    .anyMatch(o -> o.outcome().toString().contains("=ENOMEM"));
        } else {
            assertThat(r.outcomes()).as("%s on %s: no charge fails for a plain read()", s, v)
                    .noneMatch(o -> o.outcome().toString().contains("ENOMEM"));
        }
    }
}
