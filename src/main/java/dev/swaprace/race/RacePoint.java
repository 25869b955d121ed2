package dev.swaprace.race;

/**
 * The named race points: the step labels of {@code docs/kernel-model.md} §3, each with the kernel
 * function it stands for. Every synchronization operation of the model passes one of these.
 * A witness timeline prints {@code label() + "  " + function()}.
 */
public enum RacePoint {
    // shmem_getpage_gfp (SGP_READ), kernel-model §3.1
    S_0("S.0", "find_lock_entry(): xa_load(i_pages, i)"),
    G_LOCK("G.lock", "find_lock_entry(): lock_page(page)"),
    G_CHECK("G.check", "find_lock_entry(): page->mapping == mapping"),
    G_UNLOCK("G.unlock", "shmem_file_read_iter(): unlock_page(page); put_page(page)"),

    // shmem_swapin_page, kernel-model §3.2 / §3.3
    S_1("S.1", "lookup_swap_cache(E)"),
    S_2("S.2", "shmem_swapin(): swap_cluster_readahead(E)"),
    S_3("S.3", "lock_page(page)"),
    S_4("S.4", "PageSwapCache && page_private == E && shmem_confirm_swap()"),
    S_5("S.5", "PageUptodate(page)"),
    S_6("S.6", "wait_on_page_writeback(page)"),
    S_8("S.8", "mem_cgroup_try_charge_delay()"),
    S_9("S.9", "shmem_add_to_page_cache(expected=SWAP(E))"),
    S_10("S.10", "mem_cgroup_cancel_charge(); delete_from_swap_cache()"),
    S_11("S.11", "mem_cgroup_commit_charge()"),
    S_12("S.12", "info->swapped--"),
    S_13("S.13", "delete_from_swap_cache(page)"),
    S_14("S.14", "set_page_dirty(page)"),
    S_15("S.15", "swap_free(E)"),
    S_FAILED("S.failed", "failed: shmem_confirm_swap() ? error : -EEXIST"),
    S_UNLOCK("S.unlock", "unlock: unlock_page(page); put_page(page)"),

    // __read_swap_cache_async / swap_readpage, kernel-model §3.5 (shared by S and RA)
    R_A("R.a", "__read_swap_cache_async(): find_get_page(swap_cache, E)"),
    R_B("R.b", "__read_swap_cache_async(): __swp_swapcount(E) == 0 ?"),
    R_C("R.c", "__read_swap_cache_async(): swapcache_prepare(E)"),
    R_D("R.d", "__read_swap_cache_async(): __SetPageLocked; add_to_swap_cache()"),
    R_E("R.e", "__read_swap_cache_async(): mem_cgroup_charge(page)"),
    R_F("R.f", "swap_readpage(): submit read IO, page locked"),
    IO_READ("IO.r", "end_swap_bio_read(): SetPageUptodate; unlock_page"),
    RA_PUT("RA.put", "swap_cluster_readahead(): put_page(page) in the readahead loop"),

    // shmem_undo_range / shmem_free_swap / free_swap_and_cache, kernel-model §3.7 / §3.8
    P_0("P.0", "find_get_entries(i_pages, range)"),
    P_1("P.1", "pass 1: trylock_page(page); truncate_inode_page()"),
    P_2("P.2", "pass 2: lock_page(page); truncate_inode_page()"),
    P_CAS("P.cas", "shmem_free_swap(): xa_cmpxchg(i_pages, i, SWAP(E), NULL)"),
    P_DEC("P.dec", "free_swap_and_cache(): __swap_entry_free(E)"),
    P_FIND("P.find", "__try_to_reclaim_swap(): find_get_page(swap_cache, E)"),
    P_TRY("P.try", "__try_to_reclaim_swap(): trylock_page(page)"),
    P_FREE("P.free", "__try_to_reclaim_swap(): try_to_free_swap(page)"),
    P_PUT("P.put", "__try_to_reclaim_swap(): unlock_page(page); put_page(page)"),
    P_3("P.3", "shmem_undo_range(): info->swapped -= nr_swaps_freed"),

    // shrink_page_list on a swap-cache page, kernel-model §3.10
    RC_ISOLATE("Rc.isolate", "isolate_lru_page(): get_page_unless_zero(page)"),
    RC_LOCK("Rc.lock", "shrink_page_list(): trylock_page(page)"),
    RC_WB("Rc.wb", "shrink_page_list(): PageWriteback(page) ?"),
    RC_DIRTY("Rc.dirty", "pageout(): is_page_cache_freeable; clear_page_dirty_for_io; swap_writepage()"),
    RC_CLEAN("Rc.clean", "__remove_mapping(): page_ref_freeze(page, 2)"),
    RC_FREE("Rc.free", "__remove_mapping(): __delete_from_swap_cache; put_swap_page(E)"),
    RC_PUT("Rc.put", "shrink_page_list(): unlock_page(page); putback_lru_page(page)"),

    // shmem_writepage (swap-out), kernel-model §3.9
    W_ALLOC("W.alloc", "get_swap_page(): slot E = HAS_CACHE"),
    W_ADD("W.add", "add_to_swap_cache(page, E)"),
    W_SWAPPED("W.swapped", "info->swapped++"),
    W_SHMEM("W.shmem", "swap_shmem_alloc(E)"),
    W_DEL("W.del", "shmem_delete_from_page_cache(page, SWAP(E))"),
    W_WB("W.wb", "swap_writepage(): try_to_free_swap, else set_page_writeback; unlock_page"),
    IO_WRITE("IO.w", "end_swap_bio_write(): end_page_writeback"),

    // a second charger in the same memcg (memcg pressure)
    MC_CHARGE("MC.charge", "mem_cgroup_charge(): try_charge(memcg, 1)"),
    MC_UNCHARGE("MC.uncharge", "mem_cgroup_uncharge(): page_counter_uncharge(memcg, 1)"),

    // an actor died in a model exception: its thread drops the locks it held (scenario.Run#act)
    OOPS("oops", "the actor died (BUG, a model exception): its locks are dropped so the others finish"),

    // building initial states single-threaded (never seen by a scheduler)
    SETUP("setup", "scenario set-up");

    private final String label;
    private final String function;

    RacePoint(String label, String function) {
        this.label = label;
        this.function = function;
    }

    /** The kernel-model step label, e.g. {@code S.9}. */
    public String label() {
        return label;
    }

    /** The kernel function and what it does at this step. */
    public String function() {
        return function;
    }

    @Override
    public String toString() {
        return label;
    }
}
