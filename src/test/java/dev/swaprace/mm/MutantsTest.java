package dev.swaprace.mm;

import dev.swaprace.check.Outcome;
import dev.swaprace.check.Verdict;
import dev.swaprace.race.ForcedSchedule;
import dev.swaprace.race.RaceHook;
import dev.swaprace.race.RacePoint;
import dev.swaprace.scenario.Run;
import dev.swaprace.scenario.Scenario;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each seeded bug (but the deadlock, which needs the explorer: on real threads it would hang)
 * is caught by the checker on a schedule that exposes it, forced on real threads; the same
 * schedule on the base variant is not FORBIDDEN.
 */
class MutantsTest {

    private static String serial(Scenario s, Mutant m) {
        Run run = s.setUp(m, RaceHook.NONE);
        for (int i = 0; i < s.actors().size(); i++) {
            run.act(i);
        }
        return run.outcome().toString();
    }

    /** Actor 0 stops at its n0-th op of {@code p0}; actor 1 runs to its n1-th op of {@code p1} (or the end). */
    private static String forced(Scenario s, Mutant m, Variant base, RacePoint p0, RacePoint p1, int n1)
            throws InterruptedException {
        ForcedSchedule fs = new ForcedSchedule();
        Run run = m == null ? s.setUp(base, fs) : s.setUp(m, fs);
        String a0 = s.actors().get(0).label();
        String a1 = s.actors().get(1).label();
        ForcedSchedule.Gate g0 = fs.gate(a0, p0);
        ForcedSchedule.Gate g1 = p1 == null ? null : fs.gate(a1, p1, n1);
        ForcedSchedule.Actor t0 = fs.start(a0, () -> run.act(0));
        assertThat(g0.awaitArrival()).as("%s reaches %s", a0, p0).isTrue();
        ForcedSchedule.Actor t1 = fs.start(a1, () -> run.act(1));
        if (g1 == null) {
            t1.join();
            g0.release();
            t0.join();
        } else {
            assertThat(g1.awaitArrival()).as("%s reaches %s #%d", a1, p1, n1).isTrue();
            g0.release();
            t0.join();
            g1.release();
            t1.join();
        }
        return run.outcome().toString();
    }

    @Test
    void everyMutantHasABaseAndABug() {
        for (Mutant m : Mutant.values()) {
            assertThat(m.bug()).isNotBlank();
            assertThat(m.base()).isNotNull();
        }
    }

    @Test
    void checkThenStoreInShmemFreeSwapDoubleFrees() throws Exception {
        // P checked SWAP(E) (P.cas op 1-3) and stops before its store (op 4); S.9 ... S.15 run
        Mutant m = Mutant.CHECK_THEN_STORE_FREE_SWAP;
        assertThat(forced(Scenario.SWAPIN_VS_PUNCH, m, m.base(), RacePoint.S_9, RacePoint.P_CAS, 4))
                .startsWith("FORBIDDEN:BUG_DOUBLEFREE");
        // the real xa_cmpxchg is one atomic step: stopping P before it, S.9 wins and P.cas fails
        assertThat(forced(Scenario.SWAPIN_VS_PUNCH, null, m.base(), RacePoint.S_9, RacePoint.P_CAS, 1))
                .isEqualTo("ACCEPTABLE:OK_FREED;S=DATA");
    }

    @Test
    void decrementBeforeTheCmpxchgDoubleFrees() throws Exception {
        Mutant m = Mutant.DEC_BEFORE_CAS;
        assertThat(forced(Scenario.SWAPIN_VS_PUNCH, m, m.base(), RacePoint.S_9, RacePoint.P_DEC, 1))
                .startsWith("FORBIDDEN:BUG_DOUBLEFREE");
    }

    @Test
    void swapFreeOnTheErrorPathFreesAReferencedSlot() {
        assertThat(serial(Scenario.SWAPIN_CHARGE_FAILS, Mutant.SWAP_FREE_ON_ERROR))
                .isEqualTo("FORBIDDEN:BUG_UAF_SLOT;S=ENOMEM");
    }

    @Test
    void forgottenCancelLeaksTheReservation() throws Exception {
        Mutant m = Mutant.NO_CANCEL_CHARGE;
        assertThat(forced(Scenario.SWAPIN_VS_PUNCH, m, m.base(), RacePoint.S_6, null, 0))
                .isEqualTo("FORBIDDEN:BUG_CHARGE_LEAK;S=HOLE");
        assertThat(forced(Scenario.SWAPIN_VS_PUNCH, null, m.base(), RacePoint.S_6, null, 0))
                .isEqualTo("LEAKED_UNTIL_RECLAIM:STRAND@SWAPIN;S=HOLE");
    }

    @Test
    void freeWithoutUnchargeLeaksTheCharge() {
        // the punch frees the readahead page, charged at R.e under V58: free_pages_prepare's
        // bad_page ("page still charged to cgroup", 5.7.14 mm/page_alloc.c:1100) sees it first
        Run run = Scenario.SWAPIN_VS_PUNCH_CACHED.setUp(Mutant.NO_UNCHARGE_AT_FREE, RaceHook.NONE);
        run.act(1);
        run.act(0);
        assertThat(run.outcome().toString()).isEqualTo("FORBIDDEN:BUG_REFCOUNT@FREE_PAGE_IN_USE;S=HOLE");
    }

    @Test
    void swapinLeavingThePageInTheSwapCacheIsInBothTrees() {
        assertThat(serial(Scenario.SWAPIN_ALONE, Mutant.NO_SWAPCACHE_DELETE)).isEqualTo("FORBIDDEN:BUG_BOTH;S=DATA");
    }

    @Test
    void swapinForgettingInfoSwappedBreaksShmemAccounting() {
        assertThat(serial(Scenario.SWAPIN_ALONE, Mutant.NO_SWAPPED_DEC)).isEqualTo("FORBIDDEN:BUG_SWAPPED;S=DATA");
    }

    @Test
    void withoutTheFailedRewriteAPunchedReadGetsEnomem() throws Exception {
        // L3: the slot is freed before S.1; R.b returns NULL
        Mutant m = Mutant.NO_FAILED_REWRITE;
        assertThat(forced(Scenario.SWAPIN_VS_PUNCH, m, m.base(), RacePoint.S_1, null, 0))
                .isEqualTo("FORBIDDEN:BUG_DATA;S=ENOMEM");
    }

    @Test
    void deleteWithoutPutSwapPageLeavesHasCacheBehind() {
        assertThat(serial(Scenario.SWAPIN_ALONE, Mutant.NO_PUT_SWAP_PAGE)).isEqualTo("FORBIDDEN:BUG_HAS_CACHE;S=DATA");
    }

    @Test
    void reclaimWithoutTheFreezeFreesAPageSwapinStillHolds() throws Exception {
        // L14: S holds its lookup reference at S.3 while Rc reclaims
        Mutant m = Mutant.RECLAIM_NO_FREEZE;
        assertThat(forced(Scenario.SWAPIN_VS_RECLAIM, m, m.base(), RacePoint.S_3, null, 0))
                .startsWith("FORBIDDEN:BUG_REFCOUNT");
        assertThat(forced(Scenario.SWAPIN_VS_RECLAIM, null, m.base(), RacePoint.S_3, null, 0))
                .isEqualTo("ACCEPTABLE:OK_PAGE;S=DATA;Rc=KEPT");
    }

    @Test
    void nonExclusiveSwapcachePrepareLetsTwoPagesIntoOneSlot() throws Exception {
        // S holds SWAP_HAS_CACHE (stopped before R.d); S2 is granted it again
        Mutant m = Mutant.SWAPCACHE_PREPARE_NO_EXCL;
        String o = forced(Scenario.SWAPIN_VS_SWAPIN, m, m.base(), RacePoint.R_D, null, 0);
        // (on the real kernel S2 would loop in R.c until S inserts: no such schedule completes)
        assertThat(Outcome.parse(o).verdict()).isEqualTo(Verdict.FORBIDDEN);
    }

    @Test
    void reclaimThatKeepsAnUnreferencedSwapCachePageLeaksTheStrandForGood() throws Exception {
        // L7: S holds the page lock at S.9 while P's trylock fails; the drain cannot free the strand
        Mutant m = Mutant.RECLAIM_KEEPS_UNREFERENCED;
        assertThat(forced(Scenario.SWAPIN_VS_PUNCH, m, m.base(), RacePoint.S_9, null, 0))
                .isEqualTo("FORBIDDEN:LEAK_SURVIVES_RECLAIM;S=HOLE");
        assertThat(forced(Scenario.SWAPIN_VS_PUNCH, null, m.base(), RacePoint.S_9, null, 0))
                .startsWith("LEAKED_UNTIL_RECLAIM:STRAND@SWAPIN");
    }
}
