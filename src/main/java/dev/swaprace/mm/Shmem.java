package dev.swaprace.mm;

import dev.swaprace.mm.Memcontrol.Reservation;
import dev.swaprace.race.LockHolder;
import dev.swaprace.race.RacePoint;

import static dev.swaprace.race.RacePoint.G_CHECK;
import static dev.swaprace.race.RacePoint.G_LOCK;
import static dev.swaprace.race.RacePoint.G_UNLOCK;
import static dev.swaprace.race.RacePoint.P_0;
import static dev.swaprace.race.RacePoint.P_1;
import static dev.swaprace.race.RacePoint.P_2;
import static dev.swaprace.race.RacePoint.P_3;
import static dev.swaprace.race.RacePoint.P_CAS;
import static dev.swaprace.race.RacePoint.S_0;
import static dev.swaprace.race.RacePoint.S_1;
import static dev.swaprace.race.RacePoint.S_10;
import static dev.swaprace.race.RacePoint.S_11;
import static dev.swaprace.race.RacePoint.S_12;
import static dev.swaprace.race.RacePoint.S_13;
import static dev.swaprace.race.RacePoint.S_15;
import static dev.swaprace.race.RacePoint.S_3;
import static dev.swaprace.race.RacePoint.S_4;
import static dev.swaprace.race.RacePoint.S_6;
import static dev.swaprace.race.RacePoint.S_8;
import static dev.swaprace.race.RacePoint.S_9;
import static dev.swaprace.race.RacePoint.S_FAILED;
import static dev.swaprace.race.RacePoint.S_UNLOCK;
import static dev.swaprace.race.RacePoint.W_ADD;
import static dev.swaprace.race.RacePoint.W_ALLOC;
import static dev.swaprace.race.RacePoint.W_DEL;
import static dev.swaprace.race.RacePoint.W_SHMEM;
import static dev.swaprace.race.RacePoint.W_SWAPPED;
import static dev.swaprace.race.RacePoint.W_WB;

/**
 * mm/shmem.c: {@code shmem_getpage_gfp} (read mode), {@code shmem_swapin_page},
 * {@code shmem_add_to_page_cache}, {@code shmem_undo_range} with {@code shmem_free_swap}, and
 * {@code shmem_writepage}. Kernel-model §3.1–§3.4, §3.7, §3.9; step labels as there.
 */
public final class Shmem {
    /** Retries of {@code shmem_getpage_gfp} after which the reader is stuck (invariant 20). */
    public static final int MAX_RETRIES = 100_000;
    /** The error a stuck reader reports; never a kernel errno. */
    public static final int ELIVELOCK = -1000;

    private final Mm mm;

    Shmem(Mm mm) {
        this.mm = mm;
    }

    /**
     * {@code shmem_getpage_gfp(SGP_READ)} and what {@code shmem_file_read_iter} does with the
     * page: read index {@code index}.
     */
    public ReadResult read(int index) {
        XArray iPages = mm.inode.iPages;
        Boolean skipsReadahead = null;   // asked at the fault's first swapin; its retries keep it
        for (int retry = 0; retry < MAX_RETRIES; retry++) {
            // repeat: find_lock_entry, a lockless lookup
            Object entry = iPages.load(S_0, index);
            Page page;
            if (entry instanceof SwapEntry swap) {
                if (skipsReadahead == null) {
                    skipsReadahead = mm.choices().swapinSkipsReadahead(RacePoint.S_2);
                }
                SwapinResult r = swapinPage(index, swap, skipsReadahead);
                if (r.error == Errno.EEXIST
                        || (r.error == Errno.ENOENT && mm.variant.cleanup() == Variant.Cleanup.DELETE_ON_ENOENT)) {
                    continue;
                }
                if (r.error != 0) {
                    return ReadResult.error(r.error);
                }
                page = r.page;
            } else if (entry instanceof Page p) {
                if (!mm.getPageUnlessZero(G_LOCK, p)) {
                    continue;
                }
                p.lock.lock(G_LOCK, LockHolder.READER);
                if (p.pageMapping() != mm.inode || p.pageIndex() != index) {
                    // truncated or swapped out under us: find_lock_entry retries
                    p.unlock(G_CHECK);
                    mm.putPage(G_CHECK, p);
                    continue;
                }
                page = p;
            } else {
                return ReadResult.hole();   // SGP_READ on a hole: no page, the reader sees zeros
            }
            long data = page.readData();
            page.unlock(G_UNLOCK);
            mm.putPage(G_UNLOCK, page);
            return ReadResult.data(data);
        }
        return ReadResult.error(ELIVELOCK);
    }

    /** What {@code shmem_swapin_page} returns: 0 and the locked, referenced page, or an error. */
    record SwapinResult(int error, Page page) {
    }

    /** {@code shmem_confirm_swap}: lockless {@code xa_load(i_pages, index) == SWAP(E)}. */
    boolean confirmSwap(RacePoint at, int index, SwapEntry swap) {
        return mm.inode.iPages.load(at, index) == swap;
    }

    /**
     * {@code shmem_swapin_page} (S.1–S.16, {@code failed:}, {@code unlock:}), per variant.
     * {@code skipsReadahead}: {@link Choices#swapinSkipsReadahead}, asked once per fault (its
     * retries keep the answer, which bounds the explorer's choice closure).
     */
    SwapinResult swapinPage(int index, SwapEntry swap, boolean skipsReadahead) {
        int error;
        // S.1
        Page page = mm.swapState.lookupSwapCache(S_1, swap);
        if (page == null) {
            // S.2: shmem_swapin → swap_cluster_readahead → read_swap_cache_async
            page = mm.swapState.swapClusterReadahead(swap, skipsReadahead);
            if (page == null && !mm.mutated(Mutant.SWAPIN_NO_NULL_CHECK)) {
                error = Errno.ENOMEM;
                return failed(index, swap, null, error);
            }
            if (mm.mutated(Mutant.SWAPIN_CHARGES_AFTER_READ)) {
                mm.memcontrol.charge(RacePoint.S_2, page, true);   // before lock_page: the read unlocked it
            }
        }
        // S.3: waits for the read IO and for any other holder
        page.lock.lock(S_3, LockHolder.SWAPIN_PRECHECK);
        // S.4: this step decides the window. A punch whose P.cas ran before the
        // shmem_confirm_swap load below fails it and strands the page in SWAPIN_PRECHECK; one
        // whose P.cas runs after it meets a swapin that goes on to S.9: SWAPIN (L7/L8). The
        // relabel runs in the load's step (PageLock.relabel has no race point of its own).
        String stale = !page.swapCache() ? "!PageSwapCache" : page.entry() != swap ? "page_private != E"
                : !confirmSwap(S_4, index, swap) ? "shmem_confirm_swap() false: i_pages[i] != SWAP(E)" : null;
        if (stale != null) {
            mm.trace.step(S_4, "", stale, " -> -EEXIST");
            return unlock(page, Errno.EEXIST);
        }
        page.lock.relabel(LockHolder.SWAPIN);
        // S.5
        if (!page.uptodate()) {
            mm.trace.step(RacePoint.S_5, "!PageUptodate -> -EIO");
            return failed(index, swap, page, Errno.EIO);
        }
        // S.6
        page.writeback.waitForZero(S_6);
        // S.8 (V57, V58a)
        Reservation reservation = Reservation.NONE;
        if (mm.variant.charge() == Variant.Charge.TRY_COMMIT_IN_SWAPIN) {
            reservation = mm.memcontrol.tryCharge(S_8, page);
            mm.trace.step(S_8, reservation == Reservation.FAILED ? "-ENOMEM"
                    : reservation == Reservation.NONE ? "page->mem_cgroup already set: nothing to charge" : "charged");
            if (reservation == Reservation.FAILED) {
                if (mm.mutated(Mutant.SWAPIN_UNLOCKS_TWICE_ON_ENOMEM)) {
                    page.unlock(S_8);
                }
                return failed(index, swap, page, Errno.ENOMEM);
            }
        }
        // S.9
        error = addToPageCache(S_9, page, index, swap);
        mm.trace.step(S_9, error == 0 ? "0: i_pages[i] = page" : "-", error == 0 ? "" : Errno.name(error), "");
        if (error != 0) {
            // S.10
            if (!mm.mutated(Mutant.NO_CANCEL_CHARGE)) {
                mm.memcontrol.cancelCharge(S_10, reservation);
            }
            boolean deleted = deletesOnError(error);
            if (deleted) {
                mm.swapState.deleteFromSwapCache(S_10, page);
            }
            mm.trace.step(S_10, deleted ? "page deleted from the swap cache" : "no delete_from_swap_cache");
            SwapinResult r = failed(index, swap, page, error);
            if (deleted && r.error != Errno.EEXIST) {
                mm.trace.reread();   // SWAP(E) stays, its cached copy is gone
            }
            return r;
        }
        // S.11
        mm.memcontrol.commitCharge(S_11, page, reservation);
        // S.12
        if (mm.mutated(Mutant.SWAPPED_DEC_WITHOUT_INFO_LOCK)) {
            mm.inode.addSwappedWithoutLock(-1);
        } else if (!mm.mutated(Mutant.NO_SWAPPED_DEC)) {
            mm.inode.addSwapped(S_12, -1);
        }
        // S.13: out of the swap cache; the page was in both trees since S.9, always locked
        if (!mm.mutated(Mutant.NO_SWAPCACHE_DELETE)) {
            mm.swapState.deleteFromSwapCache(S_13, page);
        }
        // S.14: memory now holds the only copy
        page.setDirty(true);
        // S.15
        if (mm.swap.swapEntryFree(S_15, swap) == SwapInfo.SWAP_HAS_CACHE) {
            // another reader's page holds the cache bit: nobody will try it now
            mm.trace.strand(swap.offset(), Swapfile.WINDOW_RACING_READ);
        }
        // S.16: return with the page locked and our reference held
        return new SwapinResult(0, page);
    }

    private boolean deletesOnError(int error) {
        return switch (mm.variant.cleanup()) {
            case DELETE_ON_EEXIST -> error == Errno.EEXIST;
            case DELETE_ON_ANY_ERROR -> true;
            case DELETE_ON_ENOENT -> error == Errno.ENOENT;
            case NONE -> false;
        };
    }

    /** {@code failed:}: "charge failed and entry gone" becomes a silent retry. */
    private SwapinResult failed(int index, SwapEntry swap, Page page, int error) {
        if (mm.mutated(Mutant.SWAP_FREE_ON_ERROR)) {
            mm.swap.swapEntryFree(S_FAILED, swap);
        }
        if (!mm.mutated(Mutant.NO_FAILED_REWRITE) && !confirmSwap(S_FAILED, index, swap)) {
            mm.trace.step(S_FAILED, "SWAP(E) gone: -", Errno.name(error),
                    error == Errno.EEXIST ? ", caller retries" : " becomes -EEXIST, caller retries");
            error = Errno.EEXIST;
        } else {
            mm.trace.step(S_FAILED, "SWAP(E) still there: returns -", Errno.name(error), "");
        }
        return page == null ? new SwapinResult(error, null) : unlock(page, error);
    }

    /** {@code unlock:}. */
    private SwapinResult unlock(Page page, int error) {
        page.unlock(S_UNLOCK);
        mm.putPage(S_UNLOCK, page);
        return new SwapinResult(error, null);
    }

    /**
     * {@code shmem_add_to_page_cache(page, mapping, index, expected)} with the page locked: the
     * charge where the variant has it, then +1 reference, {@code mapping}/{@code index}, and
     * under {@code xa_lock} the expected-entry check and the store. Returns 0, -ENOMEM (charge),
     * -EEXIST, or in V2P -ENOENT for an empty slot.
     */
    int addToPageCache(RacePoint at, Page page, int index, Object expected) {
        page.assertLocked(Violation.SHMEM_ADD_TO_PAGE_CACHE_UNLOCKED);
        Variant.Charge charge = mm.variant.charge();
        if (charge == Variant.Charge.IN_ADD_TO_PAGE_CACHE
                || (charge == Variant.Charge.AT_INSTANTIATION && !page.swapCache())) {
            int err = mm.memcontrol.charge(at, page, true);
            if (err != 0) {
                return err;
            }
        }
        mm.getPage(at, page);
        page.setMapping(mm.inode, index);
        XArray iPages = mm.inode.iPages;
        iPages.xaLock.lock(at);
        Object cur = iPages.load(at, index);
        int error = 0;
        if (cur != expected) {
            error = (cur == null && mm.variant.cleanup() == Variant.Cleanup.DELETE_ON_ENOENT)
                    ? Errno.ENOENT : Errno.EEXIST;
        } else {
            page.share();
            iPages.store(at, index, page);
        }
        iPages.xaLock.unlock(at);
        if (error != 0) {
            page.setMapping(null, -1);
            mm.putPage(at, page);
        }
        return error;
    }

    /**
     * {@code shmem_undo_range(inode, start, end, unfalloc=false)} for a hole punch: pass 1
     * (trylock), pass 2 (lock, retry on replaced entries), then {@code info->swapped}.
     */
    public void undoRange(int start, int end) {
        XArray iPages = mm.inode.iPages;
        long nrSwapsFreed = 0;
        // P.1: pass 1
        for (int index = start; index < end; index++) {
            Object entry = findGetEntry(index);
            if (entry instanceof SwapEntry swap) {
                nrSwapsFreed += freeSwap(index, swap) == 0 ? 1 : 0;
            } else if (entry instanceof Page page) {
                if (page.lock.trylock(P_1, LockHolder.PUNCH) == null) {
                    if (page.pageMapping() == mm.inode) {
                        truncateInodePage(P_1, page);
                    }
                    page.unlock(P_1);
                }
                mm.putPage(P_1, page);
            }
        }
        // P.2: pass 2, the thorough one
        for (int index = start; index < end; index++) {
            Object entry = findGetEntry(index);
            if (entry instanceof SwapEntry swap) {
                if (freeSwap(index, swap) != 0) {
                    index--;   // "Swap was replaced by page: retry"
                    continue;
                }
                nrSwapsFreed++;
            } else if (entry instanceof Page page) {
                page.lock.lock(P_2, LockHolder.PUNCH);
                if (page.pageMapping() != mm.inode) {
                    page.unlock(P_2);   // "Page was replaced by swap: retry"
                    mm.putPage(P_2, page);
                    if (!mm.mutated(Mutant.PUNCH_NO_RETRY_ON_SWAPPED_OUT)) {
                        index--;
                    }
                    continue;
                }
                truncateInodePage(P_2, page);
                page.unlock(P_2);
                mm.putPage(P_2, page);
            }
        }
        // P.3
        if (nrSwapsFreed != 0) {
            mm.inode.addSwapped(P_3, -nrSwapsFreed);
        }
        // fallocate(PUNCH_HOLE)'s contract: the range is a hole when it returns. Nothing in the
        // model can refill a hole (swapin and swap-out only replace an entry they expect), so
        // an entry still there is the punch's own failure. A check, part of P.3's step.
        for (int index = start; index < end; index++) {
            if (iPages.observed(index) != null) {
                mm.trace.violation(Violation.PUNCH_HOLE_LEFT_ENTRY);
            }
        }
    }

    /** {@code find_get_entries} for one index (P.0): value entries as they are, pages referenced. */
    private Object findGetEntry(int index) {
        while (true) {
            Object entry = mm.inode.iPages.load(P_0, index);
            if (!(entry instanceof Page page)) {
                return entry;
            }
            if (mm.getPageUnlessZero(P_0, page)) {
                if (mm.inode.iPages.load(P_0, index) == page) {
                    return page;   // xas_reload confirmed it
                }
                mm.putPage(P_0, page);
            }
        }
    }

    /** {@code shmem_free_swap}: P.cas, then {@code free_swap_and_cache} (P.fsc). 0 or -ENOENT. */
    int freeSwap(int index, SwapEntry swap) {
        if (mm.mutant != null) {
            Integer mutated = freeSwapMutated(index, swap);
            if (mutated != null) {
                return mutated;
            }
        }
        Object old = mm.inode.iPages.cmpxchg(P_CAS, index, swap, null);
        if (old != swap) {
            mm.trace.step(P_CAS, "i_pages[i] != SWAP(E): -ENOENT");
            return Errno.ENOENT;
        }
        mm.trace.step(P_CAS, "SWAP(E) replaced by NULL");
        mm.swapfile.freeSwapAndCache(swap);
        return 0;
    }

    /** The seeded bugs of {@code shmem_free_swap}; null when {@link Mm#mutant} is not one of them. */
    private Integer freeSwapMutated(int index, SwapEntry swap) {
        XArray iPages = mm.inode.iPages;
        switch (mm.mutant) {
            case CHECK_THEN_STORE_FREE_SWAP -> {
                iPages.xaLock.lock(P_CAS);
                boolean ours = iPages.load(P_CAS, index) == swap;
                iPages.xaLock.unlock(P_CAS);
                if (!ours) {
                    return Errno.ENOENT;
                }
                iPages.xaLock.lock(P_CAS);
                iPages.store(P_CAS, index, null);
                iPages.xaLock.unlock(P_CAS);
                mm.swapfile.freeSwapAndCache(swap);
                return 0;
            }
            case DEC_BEFORE_CAS -> {
                mm.swapfile.freeSwapAndCache(swap);
                return iPages.cmpxchg(P_CAS, index, swap, null) == swap ? 0 : Errno.ENOENT;
            }
            default -> {
                return null;
            }
        }
    }

    /**
     * {@code truncate_inode_page} → {@code delete_from_page_cache}: page locked. Remove it from
     * {@code i_pages}, clear {@code mapping}, drop the mapping's reference.
     */
    private void truncateInodePage(RacePoint at, Page page) {
        page.assertNotWriteback(Violation.SHMEM_UNDO_RANGE_WRITEBACK);
        XArray iPages = mm.inode.iPages;
        iPages.xaLock.lock(at);
        iPages.store(at, page.pageIndex(), null);
        iPages.xaLock.unlock(at);
        page.setMapping(null, -1);
        page.setDirty(false);   // truncate_cleanup_page: cancel_dirty_page (5.7.14 mm/truncate.c:192)
        mm.putPage(at, page);
    }

    /**
     * {@code shmem_writepage(page)}: called by reclaim's {@code pageout} with the page locked
     * and clean for IO. Moves the page from {@code i_pages} into the swap cache under a new slot
     * and starts the write. Returns KEPT (page redirtied, still locked) if no slot is free,
     * WRITTEN, or FREED if {@code swap_writepage} found the slot already unreferenced (a punch
     * ran after W.del) and dropped the page from the swap cache; unlocked but for KEPT.
     */
    Vmscan.Result writepage(Page page) {
        page.assertLocked(Violation.SHMEM_WRITEPAGE_UNLOCKED);
        int index = page.pageIndex();
        // W.alloc: get_swap_page; mem_cgroup_try_charge_swap records the memcg (cgroup2)
        SwapEntry swap = mm.swap.getSwapPage(W_ALLOC, page.pageMemcg());
        if (swap == null) {
            page.setDirty(true);
            return Vmscan.Result.KEPT;
        }
        // W.add
        if (mm.swapState.addToSwapCache(W_ADD, page, swap) != 0) {
            mm.swap.putSwapPage(W_ADD, swap);
            page.setDirty(true);
            return Vmscan.Result.KEPT;
        }
        // W.swapped
        mm.inode.addSwapped(W_SWAPPED, 1);
        // W.shmem
        mm.swap.swapShmemAlloc(W_SHMEM, swap);
        // W.del: shmem_delete_from_page_cache(page, SWAP(E))
        XArray iPages = mm.inode.iPages;
        iPages.xaLock.lock(W_DEL);
        if (iPages.load(W_DEL, index) != page) {
            mm.trace.violation(Violation.SHMEM_DELETE_FROM_PAGE_CACHE_REPLACE);
        }
        iPages.store(W_DEL, index, swap);
        iPages.xaLock.unlock(W_DEL);
        page.setMapping(null, -1);
        mm.putPage(W_DEL, page);
        // W.wb: swap_writepage (try_to_free_swap, or writeback + unlock + submit); IO.w ends it
        return mm.pageIo.swapWritepage(W_WB, page, swap) ? Vmscan.Result.WRITTEN : Vmscan.Result.FREED;
    }

    /**
     * A write fault on a hole: {@code shmem_getpage_gfp(SGP_WRITE)} allocating, charging and
     * inserting a new page, then {@code set_page_dirty}. Used to build initial states.
     */
    public void faultInPage(RacePoint at, int index, long data) {
        Page page = mm.allocPage();
        page.lock.setLockedPrivate(LockHolder.READER);
        page.writeData(data);
        page.setUptodate(true);
        if (mm.memcontrol.charge(at, page, true) != 0) {
            throw new IllegalStateException("set-up: memcg charge failed for index " + index);
        }
        if (addToPageCache(at, page, index, null) != 0) {
            throw new IllegalStateException("set-up: index " + index + " is not a hole");
        }
        page.lru.store(at, 1);
        page.setDirty(true);
        page.unlock(at);
        mm.putPage(at, page);
    }
}
