package dev.swaprace.mm;

import dev.swaprace.race.LockHolder;

import static dev.swaprace.race.RacePoint.RC_CLEAN;
import static dev.swaprace.race.RacePoint.RC_DIRTY;
import static dev.swaprace.race.RacePoint.RC_FREE;
import static dev.swaprace.race.RacePoint.RC_ISOLATE;
import static dev.swaprace.race.RacePoint.RC_LOCK;
import static dev.swaprace.race.RacePoint.RC_PUT;
import static dev.swaprace.race.RacePoint.RC_WB;

/**
 * mm/vmscan.c: {@code shrink_page_list} for one page, as page reclaim runs it on a swap-cache
 * page (Rc, kernel-model §3.10) and on a shmem page-cache page (swap-out through
 * {@code pageout} → {@code shmem_writepage}, W).
 */
public final class Vmscan {
    /** What one pass of reclaim did to the page. */
    public enum Result {
        /** There was no page to isolate. */
        NONE,
        /** Kept: lock busy, under writeback, or someone else holds a reference. */
        KEPT,
        /** Written to swap (dirty page); it stays in the swap cache, clean. */
        WRITTEN,
        /** Page freed (and its slot, if nothing else referenced it). */
        FREED
    }

    private final Mm mm;

    Vmscan(Mm mm) {
        this.mm = mm;
    }

    /**
     * Reclaim the page reclaim isolated as the swap-cache page of slot {@code swap}, if there is
     * one: isolate (+1 reference), Rc.lock, then {@code shrink_page_list} on whatever the page
     * is by then ({@link #shrinkLocked}).
     */
    public Result shrinkSwapCachePage(SwapEntry swap) {
        // Rc.isolate: isolate_lru_page; the LRU scan finds the page, we find it by its slot
        Page page = mm.swapState.findGetPage(RC_ISOLATE, swap);
        if (page == null) {
            return Result.NONE;
        }
        // Rc.lock
        LockHolder holder = page.lock.trylock(RC_LOCK, LockHolder.RECLAIM);
        if (holder != null) {
            mm.trace.step(RC_LOCK, "fails: page locked by ", holder, ", keep");
            mm.putPage(RC_PUT, page);
            return Result.KEPT;
        }
        return shrinkLocked(page);
    }

    /**
     * {@code shrink_page_list} after {@code trylock_page} succeeded (5.7.14 mm/vmscan.c:1096-1430).
     * There is no re-check that the page is still what was isolated: a page that swapin moved
     * from the swap cache into {@code i_pages} in the meantime (dirty since S.14) is reclaimed
     * as the shmem page it has become, {@code pageout} → {@code shmem_writepage} again
     * (1307-1346), and a page the punch truncated is kept (its {@code mapping} is NULL, 1430).
     */
    private Result shrinkLocked(Page page) {
        boolean swapCache = page.swapCache();
        if (!swapCache) {
            if (page.pageMapping() != mm.inode || !page.dirty()) {
                // truncated (truncate_cleanup_page cancelled PG_dirty): pageout and
                // __remove_mapping both need a mapping; the last put frees it
                mm.trace.step(RC_LOCK, "no longer in the swap cache, no mapping: keep");
                return keep(page);
            }
            page.lock.relabel(LockHolder.SWAPOUT);   // from here on it is shmem_writepage's page
            mm.trace.step(RC_LOCK, "no longer in the swap cache: a dirty shmem page, pageout");
        }
        // Rc.wb
        if (page.writeback.load(RC_WB) != 0) {
            mm.trace.step(RC_WB, "under writeback, keep");
            return keep(page);
        }
        if (!swapCache) {
            return pageoutShmem(page);
        }
        SwapEntry swap = page.entry();
        // Rc.dirty: pageout → swap_writepage (whose try_to_free_swap drops an unreferenced page)
        if (page.dirty()) {
            if (!pageoutMayStart(page)) {
                return keep(page);
            }
            page.setDirty(false);   // clear_page_dirty_for_io
            boolean written = mm.pageIo.swapWritepage(RC_DIRTY, page, swap);
            mm.putPage(RC_PUT, page);
            return written ? Result.WRITTEN : Result.FREED;
        }
        if (mm.mutated(Mutant.RECLAIM_KEEPS_UNREFERENCED) && mm.swap.swapCount(RC_CLEAN, swap) == 0) {
            mm.trace.step(RC_CLEAN, "no swap count left: taken for a swapin in flight, keep");
            return keep(page);
        }
        // Rc.clean: __remove_mapping
        page.assertLocked(Violation.REMOVE_MAPPING_UNLOCKED);
        mm.swapCache.xaLock.lock(RC_CLEAN);
        if (mm.mutated(Mutant.RECLAIM_NO_FREEZE)) {
            page.refcount.store(RC_CLEAN, 0);   // assumes it holds the last two references
        } else if (page.refcount.compareAndExchange(RC_CLEAN, 2, 0) != 2) {
            mm.trace.step(RC_CLEAN, "freeze fails: someone else holds a reference, keep");
            mm.swapCache.xaLock.unlock(RC_CLEAN);
            return keep(page);
        }
        // Rc.free: __delete_from_swap_cache, put_swap_page, free the page, uncharge
        mm.swapState.deleteFromSwapCacheLocked(RC_FREE, page);
        mm.swapCache.xaLock.unlock(RC_FREE);
        mm.swap.putSwapPage(RC_FREE, swap);
        page.unlock(RC_FREE);
        mm.freePage(RC_FREE, page, true);
        return Result.FREED;
    }

    /**
     * {@code pageout}'s {@code is_page_cache_freeable}: only the cache's and the isolation's
     * references may be held, else the page is kept.
     */
    private boolean pageoutMayStart(Page page) {
        return page.refcount.load(RC_DIRTY) == 2;
    }

    private Result keep(Page page) {
        page.unlock(RC_PUT);
        mm.putPage(RC_PUT, page);
        return Result.KEPT;
    }

    /**
     * {@code pageout} of a dirty shmem page-cache page, locked and isolated:
     * {@code is_page_cache_freeable}, {@code clear_page_dirty_for_io}, {@code shmem_writepage}
     * (W). The page ends in the swap cache, clean once its write completes; a redirtied page
     * (no free slot) is kept. Either way reclaim's reference is dropped.
     */
    private Result pageoutShmem(Page page) {
        if (!pageoutMayStart(page)) {
            return keep(page);
        }
        page.setDirty(false);   // clear_page_dirty_for_io
        Result r = mm.shmem.writepage(page);
        if (r == Result.KEPT) {
            return keep(page);
        }
        mm.putPage(RC_PUT, page);   // putback_lru_page; a later pass frees a written page
        return r;
    }

    /**
     * Reclaim the shmem page at {@code index} (W): isolate, Rc.lock, then {@code pageout}. The
     * page ends in the swap cache, clean once its write completes.
     */
    public Result swapOut(int index) {
        Object entry = mm.inode.iPages.load(RC_ISOLATE, index);
        if (!(entry instanceof Page page) || !mm.getPageUnlessZero(RC_ISOLATE, page)) {
            return Result.NONE;
        }
        if (page.lock.trylock(RC_LOCK, LockHolder.SWAPOUT) != null) {
            mm.putPage(RC_PUT, page);
            return Result.KEPT;
        }
        if (page.pageMapping() != mm.inode || page.pageIndex() != index || !page.dirty()) {
            return keep(page);
        }
        return pageoutShmem(page);
    }

    /**
     * The drain of kernel-model §5: reclaim every swap-cache page until nothing changes. Run
     * single-threaded at quiescence. Returns the number of pages it freed.
     */
    public int drain() {
        // the drain's own swap writes complete: reclaim to a fixpoint would retry a failing
        // write forever. Single-threaded, after the actors: re-arming is safe, and restored.
        Choices actors = mm.choices();
        mm.arm(Choices.ALL_OK);
        try {
            return drainLoop();
        } finally {
            mm.arm(actors);
        }
    }

    private int drainLoop() {
        int freed = 0;
        boolean progress = true;
        while (progress) {
            progress = false;
            for (int o = 0; o < mm.swap.nrSlots(); o++) {
                if (mm.swapCache.quiescent(o) == null) {
                    continue;
                }
                Result r = shrinkSwapCachePage(mm.swap.entry(o));
                if (r == Result.FREED) {
                    freed++;
                    progress = true;
                } else if (r == Result.WRITTEN) {
                    progress = true;
                }
            }
        }
        return freed;
    }
}
