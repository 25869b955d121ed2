package dev.swaprace.mm;

/**
 * Seeded bugs: each is one idea, a change a kernel developer could plausibly have made, applied
 * on top of a real {@link Variant}. They exist to prove that the checker, the explorer and the
 * JCStress suite catch real bugs (kernel-model §4.3); they never run in the default suite.
 */
public enum Mutant {
    CHECK_THEN_STORE_FREE_SWAP(Variant.V58,
            "shmem_free_swap checks i_pages[i] == SWAP(E) under xa_lock, drops the lock, then stores NULL:"
                    + " swapin's S.9 can slip in between and both consume the slot reference (BUG-DOUBLEFREE)"),
    DEC_BEFORE_CAS(Variant.V58,
            "free_swap_and_cache runs before the xa_cmpxchg that proves the entry is still ours:"
                    + " when the cmpxchg then fails, S.15 drops the same count again"),
    SWAP_FREE_ON_ERROR(Variant.V58,
            "shmem_swapin_page calls swap_free(E) on its error path too: the slot is freed while"
                    + " i_pages still holds SWAP(E), or freed twice with the punch (BUG-UAF-SLOT)"),
    NO_CANCEL_CHARGE(Variant.V58A,
            "V57/V58a S.10 forgets mem_cgroup_cancel_charge when shmem_add_to_page_cache fails (BUG-CHARGE-LEAK)"),
    NO_UNCHARGE_AT_FREE(Variant.V58,
            "the last put_page frees the page without mem_cgroup_uncharge (BUG-CHARGE-LEAK)"),
    NO_SWAPCACHE_DELETE(Variant.V58,
            "shmem_swapin_page skips S.13 delete_from_swap_cache: the page stays in both trees (BUG-BOTH)"),
    NO_SWAPPED_DEC(Variant.V58,
            "shmem_swapin_page skips S.12 info->swapped-- (shmem accounting)"),
    NO_FAILED_REWRITE(Variant.V58,
            "the failed: label no longer rewrites the error to -EEXIST when the entry is gone: a punched"
                    + " index returns a spurious -ENOMEM (VM_FAULT_OOM) instead of retrying into the hole"),
    NO_PUT_SWAP_PAGE(Variant.V58,
            "delete_from_swap_cache forgets put_swap_page: SWAP_HAS_CACHE stays set with no page in the"
                    + " swap cache, and the slot is never freed"),
    RECLAIM_NO_FREEZE(Variant.V58,
            "__remove_mapping frees a clean swap-cache page without page_ref_freeze(page, 2): a swapin"
                    + " holding a lookup reference is left with a freed page (use after free)"),
    SWAPCACHE_PREPARE_NO_EXCL(Variant.V58,
            "swapcache_prepare grants SWAP_HAS_CACHE even when it is already set: two readers allocate"
                    + " and insert two pages for one slot"),
    RECLAIM_KEEPS_UNREFERENCED(Variant.V58,
            "shrink_page_list keeps a clean swap-cache page whose slot has no swap count left"
                    + " (page_swapcount() == 0 taken for a swapin in flight): the page a failed trylock_page"
                    + " in free_swap_and_cache stranded is never reclaimed (LEAK_SURVIVES_RECLAIM, inv. 10)"),
    LOCK_PAGE_UNDER_SPINLOCK(Variant.V57,
            "Joonsoo's suggestion done wrong: free_swap_and_cache takes lock_page (blocking) while still"
                    + " holding the swap cluster lock; V57 swapin's S.10 delete needs the cluster lock under the"
                    + " page lock (BUG-DEADLOCK)"),

    // caught by the checks of the kernel's own assertions, lock discipline and postconditions
    TRY_TO_FREE_SWAP_IGNORES_WRITEBACK(Variant.V58,
            "try_to_free_swap forgets its PageWriteback test: the punch deletes a page from the swap cache"
                    + " while its swap write is in flight (VM_BUG_ON_PAGE(PageWriteback) in __delete_from_swap_cache)"),
    SWAPIN_CHARGES_AFTER_READ(Variant.V58,
            "4c6355b25e8b's charge moved from __read_swap_cache_async into shmem_swapin_page, right after"
                    + " shmem_swapin() returns: the read's completion has unlocked the page, so page->mem_cgroup is set"
                    + " before lock_page, without the page lock (lockdep)"),
    PUNCH_NO_RETRY_ON_SWAPPED_OUT(Variant.V58,
            "shmem_undo_range's second pass skips a page whose mapping changed under lock_page instead of"
                    + " retrying the index: the page swap-out moved to swap leaves SWAP(E) behind the punch"
                    + " (fallocate(PUNCH_HOLE) postcondition)"),
    SWAPCACHE_PREPARE_ON_FREE_SLOT(Variant.V58,
            "__swap_duplicate(SWAP_HAS_CACHE) forgets the -ENOENT case: swapcache_prepare of a slot the punch"
                    + " just freed marks it SWAP_HAS_CACHE, bringing a free slot back to life"),
    SWAPIN_NO_NULL_CHECK(Variant.V58,
            "shmem_swapin_page does not check shmem_swapin()'s NULL return (the slot was freed, or the charge"
                    + " failed): lock_page(NULL), an oops (a model exception)"),
    SHMEM_FREE_SWAP_USES_SWAP_FREE(Variant.V58,
            "shmem_free_swap calls swap_free(E) instead of free_swap_and_cache(E): the count drops, the cached"
                    + " page is never tried and is stranded with no window to explain it"),
    READ_BEFORE_SWAPCACHE_PREPARE(Variant.V58,
            "__read_swap_cache_async starts reading the slot before swapcache_prepare has claimed"
                    + " SWAP_HAS_CACHE, to overlap the IO with the insertion: the read can land on a slot the punch"
                    + " has just freed (swap IO on a free slot; the -ENOENT that follows drops the page)"),
    SWAPPED_DEC_WITHOUT_INFO_LOCK(Variant.V58,
            "shmem_swapin_page drops info->swapped without spin_lock_irq(&info->lock): a lost update against"
                    + " the punch's info->swapped -= nr_swaps_freed, which no interleaving of race points shows (lockdep)"),
    SWAPIN_UNLOCKS_TWICE_ON_ENOMEM(Variant.V57,
            "shmem_swapin_page unlocks the page when mem_cgroup_try_charge fails and again at its unlock: label"
                    + " (VM_BUG_ON_PAGE(!PageLocked) in unlock_page)");

    private final Variant base;
    private final String bug;

    Mutant(Variant base, String bug) {
        this.base = base;
        this.bug = bug;
    }

    /** The real kernel variant the bug is seeded into. */
    public Variant base() {
        return base;
    }

    /** The bug, in kernel terms. */
    public String bug() {
        return bug;
    }
}
