package dev.swaprace.mm;

import dev.swaprace.race.Backoff;
import dev.swaprace.race.LockHolder;
import dev.swaprace.race.RacePoint;

import static dev.swaprace.race.RacePoint.R_A;
import static dev.swaprace.race.RacePoint.R_B;
import static dev.swaprace.race.RacePoint.R_C;
import static dev.swaprace.race.RacePoint.R_D;
import static dev.swaprace.race.RacePoint.R_E;
import static dev.swaprace.race.RacePoint.R_F;

/**
 * mm/swap_state.c: the swap cache ({@code add_to_swap_cache},
 * {@code __delete_from_swap_cache}, {@code delete_from_swap_cache}, {@code lookup_swap_cache})
 * and reading a slot into it ({@code __read_swap_cache_async}, kernel-model §3.5).
 */
public final class SwapState {
    private final Mm mm;

    SwapState(Mm mm) {
        this.mm = mm;
    }

    /** {@code find_get_page(swap_address_space(E), offset)}: RCU lookup plus a speculative reference. */
    Page findGetPage(RacePoint at, SwapEntry e) {
        while (true) {
            Page page = (Page) mm.swapCache.load(at, e.offset());
            if (page == null) {
                return null;
            }
            if (mm.getPageUnlessZero(at, page)) {
                if (mm.swapCache.load(at, e.offset()) == page) {
                    return page;   // xas_reload: still the page at this slot
                }
                mm.putPage(at, page);
                continue;
            }
            // the page is being freed: look again (find_get_entry's repeat)
            Backoff.condResched(mm.hook, at);
        }
    }

    /** {@code lookup_swap_cache} (S.1). */
    Page lookupSwapCache(RacePoint at, SwapEntry e) {
        return findGetPage(at, e);
    }

    /**
     * {@code add_to_swap_cache}: page locked, {@code SWAP_HAS_CACHE} already ours. +1 reference,
     * {@code PG_swapcache}, {@code page_private = E}, then the store under the swap
     * {@code xa_lock}.
     */
    int addToSwapCache(RacePoint at, Page page, SwapEntry e) {
        page.assertLocked(Violation.ADD_TO_SWAP_CACHE_UNLOCKED);
        if (page.swapCache()) {
            mm.trace.violation(Violation.ADD_TO_SWAP_CACHE_TWICE);
        }
        mm.getPage(at, page);
        page.setSwapCache(e);
        page.share();
        mm.swapCache.xaLock.lock(at);
        boolean busy = mm.swapCache.load(at, e.offset()) != null;
        if (!busy) {
            mm.swapCache.store(at, e.offset(), page);
        }
        mm.swapCache.xaLock.unlock(at);
        if (busy) {
            // HAS_CACHE is supposed to make us the only inserter
            mm.trace.violation(Violation.SWAP_CACHE_BUSY);
            page.setSwapCache(null);
            mm.putPage(at, page);
            return Errno.EEXIST;
        }
        return 0;
    }

    /**
     * {@code __delete_from_swap_cache}: with the page locked and the swap {@code xa_lock} held.
     * False, with the violation recorded, for a page not in the swap cache: there is no slot to
     * delete it from (the kernel would oops).
     */
    boolean deleteFromSwapCacheLocked(RacePoint at, Page page) {
        page.assertLocked(Violation.DELETE_FROM_SWAP_CACHE_UNLOCKED);
        if (!page.swapCache()) {
            mm.trace.violation(Violation.DELETE_FROM_SWAP_CACHE_NOT_SWAPCACHE);
            return false;
        }
        page.assertNotWriteback(Violation.DELETE_FROM_SWAP_CACHE_WRITEBACK);
        // xas_store's old entry, part of this step (xa_lock is held)
        if (mm.swapCache.observed(page.entry().offset()) != page) {
            mm.trace.violation(Violation.DELETE_FROM_SWAP_CACHE_OTHER_PAGE);
        }
        mm.swapCache.store(at, page.entry().offset(), null);
        page.setSwapCache(null);
        return true;
    }

    /**
     * {@code delete_from_swap_cache}: page locked. Remove it, {@code put_swap_page} (clears
     * {@code SWAP_HAS_CACHE}, freeing the slot if the count is 0), drop the cache's reference.
     */
    void deleteFromSwapCache(RacePoint at, Page page) {
        SwapEntry e = page.entry();
        mm.swapCache.xaLock.lock(at);
        boolean deleted = deleteFromSwapCacheLocked(at, page);
        mm.swapCache.xaLock.unlock(at);
        if (!deleted) {
            return;
        }
        if (!mm.mutated(Mutant.NO_PUT_SWAP_PAGE)) {
            mm.swap.putSwapPage(at, e);
        }
        mm.putPage(at, page);
    }

    /**
     * {@code swap_cluster_readahead(E)} for a swapin of E (S.2): with a window of more than one
     * page the loop reads E itself like any neighbour and drops that reference (5.7.14
     * mm/swap_state.c:576-591); between that {@code put_page} and the final
     * {@code read_swap_cache_async} (596) reclaim can free the page and the final call reads the
     * slot again, or a punch can free the slot and it returns NULL. Returns the page with a
     * reference held, or null.
     */
    Page swapClusterReadahead(SwapEntry e, boolean skipsReadahead) {
        if (!skipsReadahead) {
            readahead(e);
            // lru_add_drain() (594): the per-CPU pagevec is not modelled (PG_lru is set at R.f)
        }
        return readSwapCacheAsync(e);
    }

    /**
     * Swap readahead on behalf of another fault reading {@code E} as a neighbour
     * ({@code swap_cluster_readahead}, RA): the page is left in the swap cache, locked until its
     * read completes, and nobody keeps a reference.
     */
    public void readahead(SwapEntry e) {
        Page page = readSwapCacheAsync(e);
        if (page != null) {
            mm.putPage(RacePoint.RA_PUT, page);
        }
    }

    /**
     * {@code read_swap_cache_async} → {@code __read_swap_cache_async} (R.a–R.e) and, for a page
     * it allocated, {@code swap_readpage} (R.f). Returns the page with a reference held (locked
     * until its read completes), or null (-ENOMEM to the caller).
     */
    Page readSwapCacheAsync(SwapEntry e) {
        Page newPage = null;
        while (true) {
            // R.a: is it already in the swap cache?
            Page found = findGetPage(R_A, e);
            if (found != null) {
                if (newPage != null) {
                    mm.putPage(R_A, newPage);
                }
                return found;
            }
            // R.b: "skip read ahead for unused swap slot"
            if (mm.swap.swapCount(R_B, e) == 0) {
                mm.trace.step(R_B, "count 0: unused slot, return NULL");
                if (newPage != null) {
                    mm.putPage(R_B, newPage);
                }
                return null;
            }
            // R.c: allocate (5.7 reuses it across iterations), then claim SWAP_HAS_CACHE
            if (newPage == null) {
                newPage = mm.allocPage();
            }
            if (mm.mutated(Mutant.READ_BEFORE_SWAPCACHE_PREPARE)) {
                mm.swap.readSlot(R_C, e);   // the bio goes out before the slot is pinned
            }
            int err = mm.swap.swapcachePrepare(R_C, e);
            if (err == Errno.EEXIST) {
                // someone is inserting or removing a page for E: cond_resched and look again
                mm.trace.step(R_C, "-EEXIST: SWAP_HAS_CACHE taken, cond_resched() and retry");
                Backoff.condResched(mm.hook, R_C);
                continue;
            }
            if (err != 0) {
                mm.trace.step(R_C, "-", Errno.name(err), ": slot unused, return NULL");
                mm.putPage(R_C, newPage);
                return null;
            }
            mm.trace.step(R_C, "0: SWAP_HAS_CACHE is ours");
            break;
        }
        // R.d: __SetPageLocked, __SetPageSwapBacked, add_to_swap_cache
        Page page = newPage;
        boolean chargeFirst = mm.variant.charge() == Variant.Charge.AT_INSTANTIATION
                && !mm.mutated(Mutant.SWAPIN_CHARGES_AFTER_READ);
        page.lock.setLockedPrivate(chargeFirst ? LockHolder.CHARGE : LockHolder.IO);
        if (addToSwapCache(R_D, page, e) != 0) {
            mm.swap.putSwapPage(R_D, e);
            page.unlock(R_D);
            mm.putPage(R_D, page);
            return null;
        }
        // R.e (V58 only): charge before any IO; on failure the page leaves the cache again
        if (chargeFirst && mm.memcontrol.charge(R_E, page, false) != 0) {
            mm.trace.step(R_E, "-ENOMEM: delete_from_swap_cache, return NULL before any IO");
            mm.swapState.deleteFromSwapCache(R_E, page);
            page.unlock(R_E);
            mm.putPage(R_E, page);
            return null;
        }
        if (chargeFirst) {
            // the charge returned: from here on the page lock is the read's
            page.lock.relabel(R_E, LockHolder.IO);
        }
        // R.f: lru_cache_add, then swap_readpage with the page still locked
        page.lru.store(R_F, 1);
        mm.pageIo.swapReadpage(page, e);
        return page;
    }
}
