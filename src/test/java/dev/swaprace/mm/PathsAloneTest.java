package dev.swaprace.mm;

import dev.swaprace.race.RaceHook;
import static dev.swaprace.race.RacePoint.SETUP;
import dev.swaprace.scenario.Initial;
import dev.swaprace.scenario.Run;
import dev.swaprace.scenario.Scenario;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every path run alone, per variant, from each state it can meet, asserting the kernel's end
 * state: i_pages, swap_map, the swap cache, page flags, info->swapped and the memcg counters.
 */
class PathsAloneTest {

    private static Run setUp(Scenario s, Variant v) {
        return s.setUp(v, RaceHook.NONE);
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void initialStatesAreBuiltTheKernelWay(Variant v) {
        Mm out = setUp(Scenario.SWAPIN_VS_PUNCH, v).mm();
        assertThat(out.inode.iPages.quiescent(0)).isSameAs(out.swap.entry(0));
        assertThat(out.swap.swapMap(0)).isEqualTo(SwapInfo.SWAP_MAP_SHMEM);
        assertThat(out.swap.slotData(0)).isEqualTo(Initial.DATA);
        assertThat(out.cachedPage(0)).isNull();
        assertThat(out.inode.swapped()).isEqualTo(1);
        assertThat(out.memcg.memory.quiescent()).as("written page freed by reclaim, uncharged").isZero();
        assertThat(out.memcg.swap.quiescent()).as("cgroup2 swap charge of the slot").isEqualTo(1);

        Mm cached = setUp(Scenario.SWAPIN_VS_PUNCH_CACHED, v).mm();
        Page p = cached.cachedPage(0);
        assertThat(cached.swap.swapMap(0)).isEqualTo(SwapInfo.SWAP_MAP_SHMEM | SwapInfo.SWAP_HAS_CACHE);
        assertThat(p.isUptodate()).isTrue();
        assertThat(p.lock.isLocked()).isFalse();
        assertThat(p.refcount.quiescent()).as("only the swap cache holds it").isEqualTo(1);
        // only 5.8 charges a page at instantiation; before, a readahead page is uncharged
        assertThat(p.memcg() != null).isEqualTo(v.charge() == Variant.Charge.AT_INSTANTIATION);
        assertThat(cached.memcg.swap.quiescent()).as("V58 uncharges swap at the charge (cgroup2 undercount)")
                .isEqualTo(v.charge() == Variant.Charge.AT_INSTANTIATION ? 0 : 1);

        Mm resident = setUp(Scenario.SWAPOUT_VS_PUNCH, v).mm();
        Page r = (Page) resident.inode.iPages.quiescent(0);
        assertThat(r.isDirty()).isTrue();
        assertThat(r.mapping()).isSameAs(resident.inode);
        assertThat(resident.memcg.memory.quiescent()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void swapinFromSwapInstallsTheDirtyPageAndFreesTheSlot(Variant v) {
        Run run = setUp(Scenario.SWAPIN_ALONE, v);
        Mm mm = run.mm();
        assertThat(mm.shmem.read(0)).isEqualTo(ReadResult.data(Initial.DATA));
        Page p = (Page) mm.inode.iPages.quiescent(0);
        assertThat(p.isDirty()).as("S.14: memory holds the only copy").isTrue();
        assertThat(p.isSwapCache()).isFalse();
        assertThat(p.memcg()).isSameAs(mm.memcg);
        assertThat(p.refcount.quiescent()).isEqualTo(1);
        assertThat(mm.swap.swapMap(0)).as("S.15 swap_free").isZero();
        assertThat(mm.cachedPage(0)).isNull();
        assertThat(mm.inode.swapped()).isZero();
        assertThat(mm.memcg.memory.quiescent()).isEqualTo(1);
        assertThat(mm.memcg.swap.quiescent()).isZero();
        assertThat(mm.trace.readIos()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void swapinOfACachedPageNeedsNoIo(Variant v) {
        Run run = setUp(Scenario.SWAPIN_VS_PUNCH_CACHED, v);
        Mm mm = run.mm();
        int ios = mm.trace.readIos();
        assertThat(mm.shmem.read(0)).isEqualTo(ReadResult.data(Initial.DATA));
        assertThat(mm.trace.readIos()).isEqualTo(ios);
        assertThat(mm.memcg.memory.quiescent()).isEqualTo(1);
        assertThat(mm.swap.swapMap(0)).isZero();
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void readOfAResidentPageTakesThePageCachePath(Variant v) {
        Mm mm = setUp(Scenario.SWAPOUT_VS_PUNCH, v).mm();
        assertThat(mm.shmem.read(0)).isEqualTo(ReadResult.data(Initial.DATA));
        assertThat(mm.trace.readIos()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void readIoErrorLeavesANonUptodatePageCachedAndReturnsEio(Variant v) {
        Run run = Scenario.SWAPIN_ALONE.setUp(v, RaceHook.NONE, Choices.fixed(true, false));
        run.act(0);
        Page p = run.mm().cachedPage(0);
        assertThat(p).isNotNull();
        assertThat(p.isUptodate()).isFalse();
        // V58 charged the page at R.e, which uncharged the swap record of a slot still in use
        assertThat(run.outcome().toString()).isEqualTo(
                v.charge() == Variant.Charge.AT_INSTANTIATION ? "ACCEPTABLE:OK_CACHED+SWAP_UNDERCOUNT;S=EIO" : "ACCEPTABLE:OK_CACHED;S=EIO");
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void punchOfASwapEntryFreesTheSlot(Variant v) {
        Mm mm = setUp(Scenario.SWAPIN_VS_PUNCH, v).mm();
        mm.shmem.undoRange(0, 1);
        assertThat(mm.inode.iPages.quiescent(0)).isNull();
        assertThat(mm.swap.swapMap(0)).isZero();
        assertThat(mm.inode.swapped()).isZero();
        assertThat(mm.memcg.swap.quiescent()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void punchOfAnIdleCachedPageFreesPageAndSlot(Variant v) {
        Mm mm = setUp(Scenario.SWAPIN_VS_PUNCH_CACHED, v).mm();
        Page p = mm.cachedPage(0);
        mm.shmem.undoRange(0, 1);
        assertThat(mm.cachedPage(0)).isNull();
        assertThat(p.isFreed()).isTrue();
        assertThat(mm.swap.swapMap(0)).isZero();
        assertThat(mm.memcg.memory.quiescent()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void punchOfAResidentPageTruncatesIt(Variant v) {
        Mm mm = setUp(Scenario.SWAPOUT_VS_PUNCH, v).mm();
        Page p = (Page) mm.inode.iPages.quiescent(0);
        mm.shmem.undoRange(0, 1);
        assertThat(mm.inode.iPages.quiescent(0)).isNull();
        assertThat(p.isFreed()).isTrue();
        assertThat(mm.memcg.memory.quiescent()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void reclaimEvictsACleanCachedPageAndKeepsTheSlot(Variant v) {
        Mm mm = setUp(Scenario.SWAPIN_VS_RECLAIM, v).mm();
        assertThat(mm.vmscan.shrinkSwapCachePage(mm.swap.entry(0))).isEqualTo(Vmscan.Result.FREED);
        assertThat(mm.cachedPage(0)).isNull();
        assertThat(mm.swap.swapMap(0)).isEqualTo(SwapInfo.SWAP_MAP_SHMEM);
        assertThat(mm.memcg.memory.quiescent()).isZero();
        assertThat(mm.vmscan.shrinkSwapCachePage(mm.swap.entry(0))).isEqualTo(Vmscan.Result.NONE);
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void readaheadCachesTheSlotUnlockedAndUnreferenced(Variant v) {
        Mm mm = setUp(Scenario.READAHEAD_VS_PUNCH, v).mm();
        mm.swapState.readahead(mm.swap.entry(0));
        Page p = mm.cachedPage(0);
        assertThat(p.isUptodate()).isTrue();
        assertThat(p.isLru()).isTrue();
        assertThat(p.lock.isLocked()).isFalse();
        assertThat(p.refcount.quiescent()).isEqualTo(1);
        // a second readahead finds it at R.a and issues no IO
        mm.swapState.readahead(mm.swap.entry(0));
        assertThat(mm.trace.readIos()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void swapoutMovesTheDirtyPageIntoTheSwapCache(Variant v) {
        Mm mm = setUp(Scenario.SWAPOUT_VS_PUNCH, v).mm();
        Page p = (Page) mm.inode.iPages.quiescent(0);
        assertThat(mm.vmscan.swapOut(0)).isEqualTo(Vmscan.Result.WRITTEN);
        assertThat(mm.inode.iPages.quiescent(0)).isSameAs(mm.swap.entry(0));
        assertThat(mm.cachedPage(0)).isSameAs(p);
        assertThat(p.isDirty()).isFalse();
        assertThat(p.isWriteback()).isFalse();
        assertThat(p.mapping()).isNull();
        assertThat(p.memcg()).as("the charge stays on the page while it is in the swap cache").isSameAs(mm.memcg);
        assertThat(mm.swap.swapMap(0)).isEqualTo(SwapInfo.SWAP_MAP_SHMEM | SwapInfo.SWAP_HAS_CACHE);
        assertThat(mm.swap.slotData(0)).isEqualTo(Initial.DATA);
        assertThat(mm.inode.swapped()).isEqualTo(1);
        assertThat(mm.memcg.swap.quiescent()).isEqualTo(1);
        // a second pass finds no page-cache page to write
        assertThat(mm.vmscan.swapOut(0)).isEqualTo(Vmscan.Result.NONE);
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void swapcachePrepareFollowsTheSwapDuplicateRules(Variant v) {
        Mm mm = setUp(Scenario.SWAPIN_VS_PUNCH, v).mm();
        SwapEntry e = mm.swap.entry(0);
        SwapEntry unused = mm.swap.entry(1);
        assertThat(mm.swap.swapcachePrepare(SETUP, unused)).isEqualTo(Errno.ENOENT);
        assertThat(mm.swap.swapcachePrepare(SETUP, e)).isZero();
        assertThat(mm.swap.swapcachePrepare(SETUP, e)).isEqualTo(Errno.EEXIST);
        mm.swap.putSwapPage(SETUP, e);
        assertThat(mm.swap.swapMap(0)).isEqualTo(SwapInfo.SWAP_MAP_SHMEM);
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void aRereadAfterTheRecordWasClearedIsChargedToRootInV58(Variant v) {
        // V58's R.e charges with mm == NULL: the swap record's memcg, else the root memcg;
        // the set-up readahead's charge already cleared the record
        Mm mm = setUp(Scenario.SWAPIN_VS_RECLAIM, v).mm();
        assertThat(mm.vmscan.shrinkSwapCachePage(mm.swap.entry(0))).isEqualTo(Vmscan.Result.FREED);
        mm.arm(Choices.fixed(false, true));   // a charge of our memcg would fail; root's cannot
        ReadResult r = mm.shmem.read(0);
        if (v.charge() == Variant.Charge.AT_INSTANTIATION) {
            assertThat(r).isEqualTo(ReadResult.data(Initial.DATA));
            assertThat(((Page) mm.inode.iPages.quiescent(0)).memcg()).isSameAs(mm.rootMemcg);
            assertThat(mm.memcg.memory.quiescent()).isZero();
        } else {
            assertThat(r).isEqualTo(ReadResult.error(Errno.ENOMEM));
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void aPageStillChargedFromSwapOutNeverFailsItsCharge(Variant v) {
        // kernel-model §4.1 note: only never-charged read-ins can fail the charge; a page that
        // came from shmem_writepage keeps its charge in the swap cache (early bail-out)
        Mm mm = setUp(Scenario.SWAPOUT_VS_PUNCH, v).mm();
        assertThat(mm.vmscan.swapOut(0)).isEqualTo(Vmscan.Result.WRITTEN);
        mm.arm(Choices.fixed(false, true));
        assertThat(mm.shmem.read(0)).isEqualTo(ReadResult.data(Initial.DATA));
        assertThat(mm.memcg.memory.quiescent()).as("charged once, at the write fault").isEqualTo(1);
        assertThat(mm.trace.readIos()).isZero();
        assertThat(mm.swap.swapMap(0)).isZero();
    }
}
