package dev.swaprace.mm;

/**
 * What a modelled path detects at the moment it happens: the kernel's own assertions
 * ({@code VM_BUG_ON_PAGE}, {@code BUG_ON}, {@code bad_page}, the swap-free error reports), the
 * page-lock discipline (lockdep for the model's plain page fields), the postconditions of the
 * operations, and the model's own impossible states. {@link Trace#violation} records them; the
 * checker grades the first one as {@code FORBIDDEN:<kind's code>@<name>}.
 *
 * <p>Each kernel assertion cites where it sits in 5.7.14 (and 5.8.1 where the line differs);
 * {@code docs/kernel-model.md} §8 lists them with those left out and why.
 */
public enum Violation {
    // ---- refcount: bad_page and the page_ref assertions (graded BUG_REFCOUNT)
    GET_PAGE_OF_FREED(Kind.REFCOUNT, "include/linux/mm.h:get_page:1142 (5.8.1 1137)",
            "VM_BUG_ON_PAGE(page_ref_zero_or_close_to_overflow(page), page)"),
    PUT_PAGE_UNDERFLOW(Kind.REFCOUNT, "include/linux/mm.h:put_page_testzero:699 (5.8.1 695)",
            "VM_BUG_ON_PAGE(page_ref_count(page) == 0, page)"),
    FREE_PAGE_IN_USE(Kind.REFCOUNT, "mm/page_alloc.c:free_pages_prepare:1209 -> bad_page:1091-1100 (5.8.1 1207, 1081-1092)",
            "a page freed while locked, under writeback, with a mapping or still charged (bad_page);"
                    + " or, the model's addition, still in the swap cache"),
    PAGE_USE_AFTER_FREE(Kind.REFCOUNT, "(KASAN/page poisoning)",
            "a page field read or written after the page's last reference was dropped"),
    UNCHARGE_PAGE_IN_USE(Kind.REFCOUNT, "mm/memcontrol.c:uncharge_page:6642 (5.7.14 only)",
            "VM_BUG_ON_PAGE(page_count(page) && ..., page): mem_cgroup_uncharge of a page still referenced"),

    // ---- swap slot counts (graded BUG_DOUBLEFREE)
    SWAP_ENTRY_FREE_UNUSED(Kind.DOUBLE_FREE, "mm/swapfile.c:_swap_info_get:1145 (5.8.1 1181)",
            "pr_err(\"swap_info_get: Unused swap offset entry\") for a free slot; a cache-only slot's count"
                    + " would wrap silently (__swap_entry_free_locked): either way a reference dropped twice"),
    PUT_SWAP_PAGE_NO_CACHE(Kind.DOUBLE_FREE, "mm/swapfile.c:__swap_entry_free_locked:1190 (5.8.1 1226)",
            "VM_BUG_ON(!has_cache): put_swap_page of a slot without SWAP_HAS_CACHE"),

    // ---- VM_BUG_ON_PAGE / BUG_ON of the modelled functions (graded BUG_ON)
    ADD_TO_SWAP_CACHE_UNLOCKED(Kind.BUG_ON, "mm/swap_state.c:add_to_swap_cache:122 (5.8.1 120)",
            "VM_BUG_ON_PAGE(!PageLocked(page), page)"),
    ADD_TO_SWAP_CACHE_TWICE(Kind.BUG_ON, "mm/swap_state.c:add_to_swap_cache:123 (5.8.1 121)",
            "VM_BUG_ON_PAGE(PageSwapCache(page), page)"),
    DELETE_FROM_SWAP_CACHE_UNLOCKED(Kind.BUG_ON, "mm/swap_state.c:__delete_from_swap_cache:166 (5.8.1 164)",
            "VM_BUG_ON_PAGE(!PageLocked(page), page)"),
    DELETE_FROM_SWAP_CACHE_NOT_SWAPCACHE(Kind.BUG_ON, "mm/swap_state.c:__delete_from_swap_cache:167 (5.8.1 165)",
            "VM_BUG_ON_PAGE(!PageSwapCache(page), page)"),
    DELETE_FROM_SWAP_CACHE_WRITEBACK(Kind.BUG_ON, "mm/swap_state.c:__delete_from_swap_cache:168 (5.8.1 166)",
            "VM_BUG_ON_PAGE(PageWriteback(page), page)"),
    DELETE_FROM_SWAP_CACHE_OTHER_PAGE(Kind.BUG_ON, "mm/swap_state.c:__delete_from_swap_cache:172 (5.8.1 170)",
            "VM_BUG_ON_PAGE(entry != page, entry): the swap cache holds another page at page_private"),
    SHMEM_ADD_TO_PAGE_CACHE_UNLOCKED(Kind.BUG_ON, "mm/shmem.c:shmem_add_to_page_cache:616 (5.8.1 617)",
            "VM_BUG_ON_PAGE(!PageLocked(page), page)"),
    SHMEM_DELETE_FROM_PAGE_CACHE_REPLACE(Kind.BUG_ON, "mm/shmem.c:shmem_delete_from_page_cache:677 (5.8.1 693)",
            "BUG_ON(error): shmem_replace_entry did not find the page at its index"),
    SHMEM_WRITEPAGE_UNLOCKED(Kind.BUG_ON, "mm/shmem.c:shmem_writepage:1290 (5.8.1 1306)",
            "BUG_ON(!PageLocked(page))"),
    SHMEM_UNDO_RANGE_WRITEBACK(Kind.BUG_ON, "mm/shmem.c:shmem_undo_range:869, 952 (5.8.1 885, 968)",
            "VM_BUG_ON_PAGE(PageWriteback(page), page): the punch truncates a page under writeback"),
    SWAP_READPAGE_UNLOCKED(Kind.BUG_ON, "mm/page_io.c:swap_readpage:364 (5.8.1 363)",
            "VM_BUG_ON_PAGE(!PageLocked(page), page)"),
    SWAP_READPAGE_UPTODATE(Kind.BUG_ON, "mm/page_io.c:swap_readpage:365 (5.8.1 364)",
            "VM_BUG_ON_PAGE(PageUptodate(page), page): a read over data already in memory"),
    SWAP_READPAGE_NOT_SWAPCACHE(Kind.BUG_ON, "mm/page_io.c:swap_readpage:363 (5.8.1 362)",
            "VM_BUG_ON_PAGE(!PageSwapCache(page) && !synchronous, page)"),
    SWAP_WRITEPAGE_NOT_SWAPCACHE(Kind.BUG_ON, "mm/page_io.c:__swap_writepage:288 (5.8.1 287)",
            "VM_BUG_ON_PAGE(!PageSwapCache(page), page)"),
    UNLOCK_PAGE_UNLOCKED(Kind.BUG_ON, "mm/filemap.c:unlock_page:1293 (5.8.1 1290)",
            "VM_BUG_ON_PAGE(!PageLocked(page), page)"),
    END_PAGE_WRITEBACK_NOT_WRITEBACK(Kind.BUG_ON, "mm/filemap.c:end_page_writeback:1317-1318 (5.8.1 1314-1315)",
            "if (!test_clear_page_writeback(page)) BUG()"),
    TRY_TO_FREE_SWAP_UNLOCKED(Kind.BUG_ON, "mm/swapfile.c:try_to_free_swap:1695 (5.8.1 1732)",
            "VM_BUG_ON_PAGE(!PageLocked(page), page)"),
    REMOVE_MAPPING_UNLOCKED(Kind.BUG_ON, "mm/vmscan.c:__remove_mapping:857 (5.8.1 863)",
            "BUG_ON(!PageLocked(page))"),
    COMMIT_CHARGE_CHARGED(Kind.BUG_ON, "mm/memcontrol.c:commit_charge:2660 (5.8.1 2659)",
            "VM_BUG_ON_PAGE(page->mem_cgroup, page): a page charged twice"),

    // ---- lock discipline: a guarded field touched without its guard (graded BUG_LOCKDEP)
    PG_UPTODATE(Kind.LOCKDEP, "docs/model.md", "PG_uptodate without the page lock"),
    PG_DIRTY(Kind.LOCKDEP, "docs/model.md", "PG_dirty without the page lock (or PG_writeback, at write completion)"),
    PG_SWAPCACHE(Kind.LOCKDEP, "docs/model.md", "PG_swapcache or page_private without the page lock"),
    MAPPING(Kind.LOCKDEP, "docs/model.md", "page->mapping or page->index without the page lock"),
    MEM_CGROUP(Kind.LOCKDEP, "docs/model.md", "page->mem_cgroup without the page lock"),
    DATA(Kind.LOCKDEP, "docs/model.md", "the page's data written without the page lock"),
    INFO_SWAPPED(Kind.LOCKDEP, "mm/shmem.c (every info->swapped update is under spin_lock_irq(&info->lock))",
            "info->swapped changed without info->lock"),
    SWAP_MAP(Kind.LOCKDEP, "mm/swapfile.c (swap_map[] is written under lock_cluster_or_swap_info)",
            "swap_map[] written without the swap cluster lock"),

    // ---- postconditions of the operations (graded BUG_POSTCONDITION)
    PUNCH_HOLE_LEFT_ENTRY(Kind.POSTCONDITION, "mm/shmem.c:shmem_undo_range (fallocate(2) FALLOC_FL_PUNCH_HOLE)",
            "the punch returned with a page or swap entry still at a punched index"),
    SLOT_RESURRECTED(Kind.POSTCONDITION, "mm/swapfile.c:__swap_duplicate (returns -ENOENT for an unused entry)",
            "a free swap slot came back to life without get_swap_page"),
    SWAP_IO_ON_FREE_SLOT(Kind.POSTCONDITION, "mm/page_io.c (SWAP_HAS_CACHE pins the slot during IO)",
            "a swap read or write of a slot that is free"),

    // ---- states the kernel does not assert but the model cannot continue from (graded BUG_MODEL)
    SWAP_SHMEM_ALLOC_BAD_STATE(Kind.MODEL, "mm/swapfile.c:__swap_duplicate (error ignored by swap_shmem_alloc)",
            "swap_shmem_alloc on a slot that is free or already counted"),
    SWAP_CACHE_BUSY(Kind.MODEL, "mm/swap_state.c:add_to_swap_cache (xas_store overwrites)",
            "add_to_swap_cache found another page at the slot SWAP_HAS_CACHE made ours"),
    MODEL_EXCEPTION(Kind.MODEL, "(Java)", "the model threw: the actor died like a task after BUG()");

    /** How the checker grades a violation: each kind is one outcome code. */
    public enum Kind { REFCOUNT, DOUBLE_FREE, BUG_ON, LOCKDEP, POSTCONDITION, MODEL }

    private final Kind kind;
    private final String where;
    private final String condition;

    Violation(Kind kind, String where, String condition) {
        this.kind = kind;
        this.where = where;
        this.condition = condition;
    }

    public Kind kind() {
        return kind;
    }

    /** The kernel file:function:line (5.7.14, 5.8.1 in brackets) or document that defines it. */
    public String where() {
        return where;
    }

    /** The condition, as in the source where there is one. */
    public String condition() {
        return condition;
    }
}
