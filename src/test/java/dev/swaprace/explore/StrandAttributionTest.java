package dev.swaprace.explore;

import dev.swaprace.mm.Variant;
import dev.swaprace.race.Op;
import dev.swaprace.race.RacePoint;
import dev.swaprace.scenario.Actor;
import dev.swaprace.scenario.Scenario;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Strand attribution follows the kernel step that decides it, over every schedule the explorer
 * runs (not only the shortest witnesses). In 5.7.14 mm/shmem.c:1650-1651 (5.8.1: 1665-1666)
 * swapin checks {@code shmem_confirm_swap} under the page lock: a punch whose
 * {@code xa_cmpxchg} (shmem_free_swap, 5.7.14 mm/shmem.c:688, 5.8.1: 704) ran before that load makes the
 * check fail, so its failed trylock strands the page in SWAPIN_PRECHECK; a punch whose
 * cmpxchg ran after it meets a swapin that goes on to S.9 (the L7/L8 window), SWAPIN.
 */
class StrandAttributionTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(Variant.class)
    void precheckStrandsHadTheCmpxchgBeforeTheConfirmLoadAndSwapinStrandsAfterIt(Variant v) {
        long[] strands = new long[2];
        List<String> wrong = new ArrayList<>();
        for (Scenario s : Scenario.values()) {
            // not the costly SwapinVsSwapoutVsPunch: with an observer of every execution it takes minutes
            if (s.actors().contains(Actor.S) && s.actors().contains(Actor.P) && !s.costly()) {
                check(s, v, strands, wrong);
            }
        }
        // the figures docs/kernel-fidelity.md §3 quotes (surefire keeps them in the test's -output.txt)
        System.out.printf("attribution %s: %d schedules ending STRAND@SWAPIN_PRECHECK, %d ending STRAND@SWAPIN,"
                + " %d misattributed%n", v, strands[0], strands[1], wrong.size());
        assertThat(wrong).as("on %s", v).isEmpty();
        if (v.punchLocksPage()) {
            // Joonsoo's proposal: the punch waits for swapin's lock instead of giving up
            assertThat(strands).as("swapin-window strands on %s", v).containsExactly(0, 0);
            return;
        }
        assertThat(strands[0]).as("SWAPIN_PRECHECK strands on %s", v).isPositive();
        if (v.cleanup() == Variant.Cleanup.NONE) {
            assertThat(strands[1]).as("SWAPIN strands on %s (L7)", v).isPositive();
        }
    }

    private static void check(Scenario s, Variant v, long[] strands, List<String> wrong) {
        int swapin = s.actors().indexOf(Actor.S);
        int punch = s.actors().indexOf(Actor.P);
        Explorer.Options options = Explorer.Options.defaults().withObserver(e -> {
            String outcome = e.outcome().toString();
            boolean precheck = outcome.contains("STRAND@SWAPIN_PRECHECK");
            boolean inSwapin = outcome.contains("STRAND@SWAPIN;") || outcome.contains("STRAND@SWAPIN+");
            if (!precheck && !inSwapin) {
                return;
            }
            int confirm = first(e, swapin, RacePoint.S_4, Op.LOAD);
            int cmpxchg = successfulCmpxchg(e, punch);
            assertThat(cmpxchg).as("a strand needs the punch's cmpxchg: %s", outcome).isGreaterThanOrEqualTo(0);
            strands[precheck ? 0 : 1]++;
            boolean cmpxchgFirst = confirm < 0 || cmpxchg < confirm;
            if (precheck != cmpxchgFirst && wrong.size() < 5) {
                wrong.add(outcome + " with P.cas's store at step " + cmpxchg + ", S.4's load at step " + confirm
                        + ": " + Schedule.of(new ScenarioSubject(s, v), e));
            }
        });
        Explorer.explore(new ScenarioSubject(s, v), options);
    }

    private static int first(Execution e, int actor, RacePoint point, Op op) {
        for (Event ev : e.events) {
            if (ev.actor() == actor && ev.step.point == point && ev.step.op == op) {
                return ev.index;
            }
        }
        return -1;
    }

    /**
     * The store of the punch's successful {@code xa_cmpxchg}: what a lockless
     * {@code shmem_confirm_swap} sees it by (the compare runs under {@code xa_lock} before it).
     */
    private static int successfulCmpxchg(Execution e, int punch) {
        return first(e, punch, RacePoint.P_CAS, Op.STORE);
    }
}
