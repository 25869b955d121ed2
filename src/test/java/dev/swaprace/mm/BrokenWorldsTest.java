package dev.swaprace.mm;

import dev.swaprace.check.ActorResult;
import dev.swaprace.check.Checker;
import dev.swaprace.check.Expectations;
import dev.swaprace.check.Outcome;
import dev.swaprace.check.Verdict;
import dev.swaprace.race.ForcedSchedule;
import dev.swaprace.race.LockHolder;
import dev.swaprace.race.RaceHook;
import dev.swaprace.race.RacePoint;
import dev.swaprace.scenario.Initial;
import dev.swaprace.scenario.Run;
import dev.swaprace.scenario.Scenario;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.swaprace.race.RacePoint.SETUP;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checker on hand-built broken worlds: each is a correct initial state damaged the way a
 * kernel bug would damage it (in this package, to reach the model's internals), and must be
 * graded FORBIDDEN with the right code. A stranded page must be LEAKED_UNTIL_RECLAIM and drain.
 */
class BrokenWorldsTest {
    private static final Expectations NO_PUNCH = new Expectations(Initial.DATA, false, false, false);
    private static final Expectations PUNCH = new Expectations(Initial.DATA, true, false, false);

    /** A world in the scenario's initial state, on V58A (no cgroup2 swap undercount to report). */
    private static Mm world(Scenario s) {
        return s.setUp(Variant.V58A, RaceHook.NONE).mm();
    }

    private static String grade(Mm mm, Expectations exp, ActorResult... results) {
        return Checker.check(mm, exp, List.of(results)).toString();
    }

    @Test
    void untouchedStatesAreAcceptable() {
        assertThat(grade(world(Scenario.SWAPIN_VS_PUNCH), NO_PUNCH)).isEqualTo("ACCEPTABLE:OK_SWAPPED");
        assertThat(grade(world(Scenario.SWAPIN_VS_PUNCH_CACHED), NO_PUNCH)).isEqualTo("ACCEPTABLE:OK_CACHED");
        Mm v58 = Scenario.SWAPIN_VS_PUNCH_CACHED.setUp(Variant.V58, RaceHook.NONE).mm();
        assertThat(grade(v58, NO_PUNCH)).isEqualTo("ACCEPTABLE:OK_CACHED+SWAP_UNDERCOUNT");
        assertThat(grade(world(Scenario.SWAPOUT_VS_PUNCH), NO_PUNCH)).isEqualTo("ACCEPTABLE:OK_PAGE");
    }

    @Test
    void entryRemovedWithoutDroppingTheSlotCountIsASlotCountBug() {
        // P.cas without P.dec: i_pages no longer references the slot, swap_map still says SHMEM
        Mm mm = world(Scenario.SWAPIN_VS_PUNCH);
        mm.inode.iPages.cmpxchg(SETUP, 0, mm.swap.entry(0), null);
        assertThat(grade(mm, PUNCH)).isEqualTo("FORBIDDEN:BUG_SLOT_COUNT");
    }

    @Test
    void slotFreedWhileIPagesStillHoldsTheEntryIsUseAfterFree() {
        Mm mm = world(Scenario.SWAPIN_VS_PUNCH);
        mm.swap.swapEntryFree(SETUP, mm.swap.entry(0));
        assertThat(grade(mm, NO_PUNCH)).isEqualTo("FORBIDDEN:BUG_UAF_SLOT");
    }

    @Test
    void droppingTheSlotCountTwiceIsADoubleFree() {
        // S.15 and P.dec both consuming the one i_pages reference
        Mm mm = world(Scenario.SWAPIN_VS_PUNCH);
        mm.inode.iPages.cmpxchg(SETUP, 0, mm.swap.entry(0), null);
        mm.swap.swapEntryFree(SETUP, mm.swap.entry(0));
        mm.swap.swapEntryFree(SETUP, mm.swap.entry(0));
        // __swap_info_get's "Unused swap offset entry" report, as the second free runs
        assertThat(grade(mm, PUNCH)).isEqualTo("FORBIDDEN:BUG_DOUBLEFREE@SWAP_ENTRY_FREE_UNUSED");
    }

    @Test
    void pageInBothTreesAndUnlockedIsForbidden() {
        // swapin without S.13: S.9 inserted the cached page, S.15 dropped the slot count,
        // but the page never left the swap cache before it was unlocked
        Mm mm = world(Scenario.SWAPIN_VS_PUNCH_CACHED);
        SwapEntry e = mm.swap.entry(0);
        Page page = mm.swapState.lookupSwapCache(SETUP, e);
        page.lock.lock(SETUP, LockHolder.SWAPIN);
        assertThat(mm.shmem.addToPageCache(SETUP, page, 0, e)).isZero();
        mm.inode.addSwapped(SETUP, -1);
        mm.swap.swapEntryFree(SETUP, e);
        page.lock.unlock(SETUP);
        mm.putPage(SETUP, page);
        assertThat(grade(mm, NO_PUNCH)).isEqualTo("FORBIDDEN:BUG_BOTH");
    }

    @Test
    void aPageStillLockedAtQuiescenceIsForbidden() {
        Mm mm = world(Scenario.SWAPIN_VS_PUNCH_CACHED);
        mm.cachedPage(0).lock.lock(SETUP, LockHolder.RECLAIM);
        assertThat(grade(mm, NO_PUNCH)).isEqualTo("FORBIDDEN:BUG_LOCKED");
    }

    @Test
    void aChargeWithoutAPageIsAChargeLeak() {
        Mm mm = world(Scenario.SWAPIN_VS_PUNCH);
        mm.memcg.memory.addAndGet(SETUP, 1);
        assertThat(grade(mm, NO_PUNCH)).isEqualTo("FORBIDDEN:BUG_CHARGE_LEAK");
    }

    @Test
    void anOpenTryChargeReservationIsAChargeLeak() {
        // V57: try_charge without commit or cancel
        Mm mm = Scenario.SWAPIN_VS_PUNCH_CACHED.setUp(Variant.V57, RaceHook.NONE).mm();
        Page page = mm.cachedPage(0);
        page.lock.lock(SETUP, LockHolder.SWAPIN);
        assertThat(mm.memcontrol.tryCharge(SETUP, page)).isEqualTo(Memcontrol.Reservation.RESERVED);
        page.lock.unlock(SETUP);
        assertThat(grade(mm, NO_PUNCH)).isEqualTo("FORBIDDEN:BUG_CHARGE_LEAK");
    }

    @Test
    void aLeakedPageReferenceIsARefcountBug() {
        Mm mm = world(Scenario.SWAPIN_VS_PUNCH_CACHED);
        mm.getPage(SETUP, mm.cachedPage(0));
        assertThat(grade(mm, NO_PUNCH)).isEqualTo("FORBIDDEN:BUG_REFCOUNT");
    }

    @Test
    void infoSwappedOutOfStepIsForbidden() {
        Mm mm = world(Scenario.SWAPIN_VS_PUNCH);
        mm.inode.addSwapped(SETUP, 1);
        assertThat(grade(mm, NO_PUNCH)).isEqualTo("FORBIDDEN:BUG_SWAPPED");
    }

    @Test
    void slotDataOverwrittenWhileReferencedIsDataLoss() {
        Mm mm = world(Scenario.SWAPIN_VS_PUNCH);
        mm.swap.writeSlot(SETUP, mm.swap.entry(0), 0xBAD);
        assertThat(grade(mm, NO_PUNCH)).isEqualTo("FORBIDDEN:BUG_DATA");
    }

    @Test
    void aHoleWithoutAPunchIsDataLoss() {
        Mm mm = world(Scenario.SWAPIN_VS_PUNCH);
        mm.shmem.undoRange(0, 1);
        assertThat(grade(mm, NO_PUNCH)).isEqualTo("FORBIDDEN:BUG_DATA");
        Mm punched = world(Scenario.SWAPIN_VS_PUNCH);
        punched.shmem.undoRange(0, 1);
        assertThat(grade(punched, PUNCH)).isEqualTo("ACCEPTABLE:OK_FREED");
    }

    @Test
    void readersAreHeldToWhatTheScenarioAllows() {
        Mm mm = world(Scenario.SWAPIN_VS_PUNCH);
        assertThat(grade(mm, NO_PUNCH, ActorResult.reader("S", ReadResult.data(0xBAD))))
                .isEqualTo("FORBIDDEN:BUG_DATA;S=DATA(bad)");
        assertThat(grade(world(Scenario.SWAPIN_VS_PUNCH), NO_PUNCH, ActorResult.reader("S", ReadResult.hole())))
                .isEqualTo("FORBIDDEN:BUG_DATA;S=HOLE");
        assertThat(grade(world(Scenario.SWAPIN_VS_PUNCH), NO_PUNCH,
                ActorResult.reader("S", ReadResult.error(Errno.ENOMEM))))
                .isEqualTo("FORBIDDEN:BUG_DATA;S=ENOMEM");
        assertThat(grade(world(Scenario.SWAPIN_VS_PUNCH), PUNCH,
                ActorResult.reader("S", ReadResult.error(Errno.ENOENT))))
                .isEqualTo("FORBIDDEN:BUG_SIGBUS;S=ENOENT");
        assertThat(grade(world(Scenario.SWAPIN_VS_PUNCH), PUNCH,
                ActorResult.reader("S", ReadResult.error(Shmem.ELIVELOCK))))
                .isEqualTo("FORBIDDEN:BUG_LIVELOCK;S=LIVELOCK");
    }

    @Test
    void aStrandedPageUnderWritebackCannotBeReclaimed() {
        Mm mm = strandedByIo();
        mm.cachedPage(0).writeback.store(SETUP, 1);
        assertThat(grade(mm, PUNCH)).isEqualTo("FORBIDDEN:BUG_STRAND_UNRECLAIMABLE");
    }

    @Test
    void aStrandedPageOffTheLruCannotBeReclaimed() {
        Mm mm = strandedByIo();
        mm.cachedPage(0).lru.store(SETUP, 0);
        assertThat(grade(mm, PUNCH)).isEqualTo("FORBIDDEN:BUG_STRAND_UNRECLAIMABLE");
    }

    @Test
    void aStrandedPageIsLeakedUntilReclaimAndDrainsClean() {
        Mm mm = strandedByIo();
        Outcome o = Checker.check(mm, PUNCH, List.of());
        assertThat(o.verdict()).isEqualTo(Verdict.LEAKED_UNTIL_RECLAIM);
        assertThat(o.toString()).isEqualTo("LEAKED_UNTIL_RECLAIM:STRAND@IO");
        // drained: page and slot freed, charge gone
        assertThat(mm.cachedPage(0)).isNull();
        assertThat(mm.swap.swapMap(0)).isZero();
        assertThat(mm.memcg.memory.quiescent()).isZero();
        assertThat(mm.memcg.swap.quiescent()).isZero();
    }

    @Test
    void theCgroup2SwapUndercountOfV58IsAnEventNotABug() {
        Mm mm = Scenario.SWAPIN_VS_PUNCH_CACHED.setUp(Variant.V58, RaceHook.NONE).mm();
        assertThat(mm.memcg.swap.quiescent()).as("record cleared by the R.e charge").isZero();
        assertThat(mm.swap.owner(0)).as("the slot still holds the memcg's data").isSameAs(mm.memcg);
        assertThat(grade(mm, NO_PUNCH)).isEqualTo("ACCEPTABLE:OK_CACHED+SWAP_UNDERCOUNT");
    }

    @Test
    void aSwapCounterOutOfStepWithTheOwnersIsForbiddenOutsideV58() {
        Mm mm = world(Scenario.SWAPIN_VS_PUNCH);
        mm.swap.unchargeSwap(SETUP, mm.swap.entry(0));
        assertThat(grade(mm, NO_PUNCH)).isEqualTo("FORBIDDEN:BUG_SWAP_ACCOUNT");
    }

    @Test
    void aStrandedSlotReferencedAgainIsCachedNotStranded() {
        // the classification follows swap_map: once i_pages references the slot again, the
        // page in the swap cache is an ordinary cached copy
        Mm mm = strandedByIo();
        Page cached = mm.cachedPage(0);
        cached.lock.lock(SETUP, LockHolder.RECLAIM);
        cached.setDirty(true);
        cached.unlock(SETUP);
        mm.swap.swapShmemAlloc(SETUP, mm.swap.entry(0));
        mm.inode.iPages.xaLock.lock(SETUP);
        mm.inode.iPages.store(SETUP, 0, mm.swap.entry(0));
        mm.inode.iPages.xaLock.unlock(SETUP);
        mm.inode.addSwapped(SETUP, 1);
        assertThat(grade(mm, PUNCH)).isEqualTo("ACCEPTABLE:OK_CACHED");
    }

    /** Kernel-model L5 forced on real threads: the punch runs while the read IO holds the lock. */
    private static Mm strandedByIo() {
        ForcedSchedule fs = new ForcedSchedule();
        Run run = Scenario.SWAPIN_VS_PUNCH.setUp(Variant.V58A, fs);
        ForcedSchedule.Gate io = fs.gate("S", RacePoint.IO_READ);
        try {
            ForcedSchedule.Actor s = fs.start("S", () -> run.act(0));
            assertThat(io.awaitArrival()).isTrue();
            fs.start("P", () -> run.act(1)).join();
            io.release();
            s.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        return run.mm();
    }
}
