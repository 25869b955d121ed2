package dev.swaprace.race;

/**
 * Who holds a page lock. A failed {@code trylock_page} in {@code free_swap_and_cache} (P.try)
 * names the window that strands the page.
 */
public enum LockHolder {
    /**
     * Read IO: from {@code add_to_swap_cache} in {@code __read_swap_cache_async} (V58: from the
     * end of {@code mem_cgroup_charge}) until {@code end_swap_bio_read} unlocks the page.
     */
    IO,
    /**
     * V58 only: {@code __read_swap_cache_async} between {@code add_to_swap_cache} and the end of
     * {@code mem_cgroup_charge} (5.8.1 mm/swap_state.c:432-440). No read has been submitted
     * yet; a failed charge deletes the page again.
     */
    CHARGE,
    /**
     * {@code shmem_swapin_page} after its S.4 checks passed, until its caller unlocks (S.4-S.16,
     * failed:/unlock:): the window of kernel-model L7 and L8.
     */
    SWAPIN,
    /**
     * {@code shmem_swapin_page} between {@code lock_page} (S.3) and the end of its S.4 checks:
     * a punch in this window makes S.4 fail, and swapin leaves the page in every variant.
     */
    SWAPIN_PRECHECK,
    /** {@code shmem_undo_range} truncating a page-cache page. */
    PUNCH,
    /** {@code shrink_page_list} (Rc.lock). */
    RECLAIM,
    /** {@code shmem_writepage} under reclaim's {@code pageout} (W). */
    SWAPOUT,
    /** {@code find_lock_entry} on a page-cache page, and the drain. */
    READER
}
