package dev.swaprace.mm;

import dev.swaprace.race.LockHolder;
import dev.swaprace.race.RacePoint;

import static dev.swaprace.race.RacePoint.P_DEC;
import static dev.swaprace.race.RacePoint.P_FIND;
import static dev.swaprace.race.RacePoint.P_FREE;
import static dev.swaprace.race.RacePoint.P_PUT;
import static dev.swaprace.race.RacePoint.P_TRY;

/**
 * mm/swapfile.c: {@code free_swap_and_cache}, {@code __try_to_reclaim_swap} and
 * {@code try_to_free_swap} (kernel-model §3.8). The decrement (P.dec) and the trylock (P.try)
 * are separate steps: the gap between them is what strands a page.
 */
public final class Swapfile {
    /** Why {@code free_swap_and_cache} left a page behind: no page found yet (L6). */
    public static final String WINDOW_PREPARE = "PREPARE";
    /** {@code try_to_free_swap} refused: the page is under writeback (L15). */
    public static final String WINDOW_WRITEBACK = "WRITEBACK";
    /**
     * Swapin's {@code swap_free} (S.15) dropped the slot's last reference while a second reader
     * held {@code SWAP_HAS_CACHE} for its own page (it ran {@code swapcache_prepare} after S.13);
     * unlike {@code free_swap_and_cache}, {@code swap_free} never tries the page (kernel-model
     * L16 is silent on this).
     */
    public static final String WINDOW_RACING_READ = "RACING_READ";

    private final Mm mm;

    Swapfile(Mm mm) {
        this.mm = mm;
    }

    /** {@code free_swap_and_cache(E)} (P.fsc), for a shmem slot: drop the count, then try the page. */
    void freeSwapAndCache(SwapEntry e) {
        if (mm.mutated(Mutant.SHMEM_FREE_SWAP_USES_SWAP_FREE)) {
            mm.swap.swapEntryFree(P_DEC, e);   // swap_free: the count only
            return;
        }
        int left = mm.swap.swapEntryFree(P_DEC, e);
        mm.trace.step(P_DEC, left == 0 ? "count 0, no cache: slot freed"
                : left == SwapInfo.SWAP_HAS_CACHE ? "swap_map = SWAP_HAS_CACHE: try to reclaim the cache page"
                : "swap_map = 0x" + Integer.toHexString(left));
        if (left == SwapInfo.SWAP_HAS_CACHE) {
            tryToReclaimSwap(e);
        }
    }

    /** {@code __try_to_reclaim_swap(si, offset, TTRS_UNMAPPED | TTRS_FULL)}. */
    private void tryToReclaimSwap(SwapEntry e) {
        Page page = mm.swapState.findGetPage(P_FIND, e);
        if (page == null) {
            // HAS_CACHE is held between swapcache_prepare and add_to_swap_cache
            mm.trace.step(P_FIND, "no page in the swap cache yet: give up");
            mm.trace.strand(e.offset(), WINDOW_PREPARE);
            return;
        }
        LockHolder holder = null;
        if (mm.mutated(Mutant.LOCK_PAGE_UNDER_SPINLOCK)) {
            // sleeping on the page lock with a spinlock held
            mm.swap.clusterLock.lock(P_TRY);
            page.lock.lock(P_TRY, LockHolder.PUNCH);
            mm.swap.clusterLock.unlock(P_TRY);
        } else if (mm.variant.punchLocksPage()) {
            // Joonsoo's proposal: wait for the lock (read IO, swapin, reclaim) with no spinlock held
            page.lock.lock(P_TRY, LockHolder.PUNCH);
        } else {
            holder = page.lock.trylock(P_TRY, LockHolder.PUNCH);
        }
        if (holder != null) {
            // the stranding point: whoever holds the lock will not free the page
            mm.trace.step(P_TRY, "fails: page locked by ", holder, "; the page stays in the swap cache");
            mm.trace.strand(e.offset(), holder.name());
            mm.putPage(P_PUT, page);
            return;
        }
        // shmem pages in the swap cache are never mapped: TTRS_UNMAPPED always passes
        if (!tryToFreeSwap(P_FREE, page) && page.swapCache()) {
            mm.trace.strand(e.offset(), WINDOW_WRITEBACK);
        }
        page.unlock(P_PUT);
        mm.putPage(P_PUT, page);
    }

    /**
     * {@code try_to_free_swap(page)}: page locked. Delete it from the swap cache unless it is
     * not there, under writeback, or its slot is still referenced; then {@code SetPageDirty}.
     */
    boolean tryToFreeSwap(RacePoint at, Page page) {
        page.assertLocked(Violation.TRY_TO_FREE_SWAP_UNLOCKED);
        if (!page.swapCache()) {
            mm.trace.step(at, "try_to_free_swap: !PageSwapCache");
            return false;
        }
        if (!mm.mutated(Mutant.TRY_TO_FREE_SWAP_IGNORES_WRITEBACK) && page.writeback.load(at) != 0) {
            mm.trace.step(at, "try_to_free_swap: PageWriteback, keep");
            return false;
        }
        if (mm.swap.swapCount(at, page.entry()) != 0) {
            mm.trace.step(at, "try_to_free_swap: slot still referenced, keep");
            return false;
        }
        mm.swapState.deleteFromSwapCache(at, page);
        page.setDirty(true);
        mm.trace.step(at, "try_to_free_swap: deleted from the swap cache");
        return true;
    }
}
