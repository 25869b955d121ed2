package dev.swaprace.check;

/**
 * The outcome vocabulary: every end state and every bug the checker can name, with the
 * kernel-model terms it stands for. Reports and histories key on these names: keep them
 * stable, add rather than rename.
 *
 * <p>An outcome string is {@code VERDICT:END[@WINDOW][+EVENT][;ACTOR=RESULT]...}, for example
 * {@code LEAKED_UNTIL_RECLAIM:STRAND@SWAPIN;S=HOLE} or {@code ACCEPTABLE:OK_FREED+REREAD;S=ENOMEM}.
 * WINDOW (for STRAND) is who held the page lock when {@code free_swap_and_cache}'s trylock
 * failed ({@code IO}, {@code CHARGE} (V58: R.d-R.e, the charge before any read), {@code SWAPIN}
 * (from S.4's {@code shmem_confirm_swap} load to the caller's unlock: L7/L8),
 * {@code SWAPIN_PRECHECK} (S.3 up to that load),
 * {@code RECLAIM SWAPOUT PUNCH READER}), or {@code PREPARE} (slot claimed by
 * {@code swapcache_prepare}, page not yet inserted) or {@code WRITEBACK}
 * ({@code try_to_free_swap} refused). EVENTs are {@code REREAD} and {@code SWAP_UNDERCOUNT}. A bug found only after
 * the drain carries {@code @DRAIN}. A violation a path detected when it happened
 * ({@code mm.Violation}) is graded by its kind and names itself: {@code FORBIDDEN:BUG_ON@UNLOCK_PAGE_UNLOCKED}.
 */
public enum Code {
    // end states, kernel-model §4
    OK_PAGE(Verdict.ACCEPTABLE, "the page with D is in i_pages; slot freed; not in the swap cache"),
    OK_FREED(Verdict.ACCEPTABLE, "hole punched: slot and any swap-cache page freed"),
    OK_CACHED(Verdict.ACCEPTABLE, "i_pages still holds SWAP(E) and the page stays in the swap cache"),
    OK_SWAPPED(Verdict.ACCEPTABLE, "i_pages still holds SWAP(E), nothing cached (evicted, or V58 charge failed before IO)"),
    REREAD(Verdict.ACCEPTABLE, "swapin's error path deleted a valid swap-cache page while SWAP(E) stays: the next access re-reads it (RFC1, L9);"
            + " as +REREAD an event on another end state"),
    SWAP_UNDERCOUNT(Verdict.ACCEPTABLE, "event: memcg.swap is below the slots the memcg's data occupies, because the V58B/V58"
            + " swapin charge (2d1c498072de) uncharged the swap record of a slot that stays allocated (cgroup2, fixed by cae3af62b33a;"
            + " an accounting defect unrelated to the race)"),
    STRAND(Verdict.LEAKED_UNTIL_RECLAIM, "page left in the swap cache with swap_map == SWAP_HAS_CACHE only, until reclaim reaps it;"
            + " @window: who held the page lock when free_swap_and_cache's trylock failed"),

    // bugs, kernel-model §4.3 and §5
    BUG_DATA(Verdict.FORBIDDEN, "a reader or the final state holds data that is neither D nor a punched hole (inv. 18, 19)"),
    BUG_DOUBLEFREE(Verdict.FORBIDDEN, "a swap slot's count or SWAP_HAS_CACHE dropped twice (inv. 3)"),
    BUG_UAF_SLOT(Verdict.FORBIDDEN, "i_pages holds SWAP(E) but slot E is free (inv. 4)"),
    BUG_SLOT_COUNT(Verdict.FORBIDDEN, "swap_map count disagrees with the i_pages references (inv. 1)"),
    BUG_HAS_CACHE(Verdict.FORBIDDEN, "SWAP_HAS_CACHE disagrees with the swap cache at quiescence (inv. 2)"),
    BUG_SWAPCACHE(Verdict.FORBIDDEN, "PG_swapcache/page_private disagree with the swap cache (inv. 5)"),
    BUG_MAPPING(Verdict.FORBIDDEN, "page->mapping/index disagree with i_pages (inv. 6)"),
    BUG_BOTH(Verdict.FORBIDDEN, "a page is in i_pages and in the swap cache at quiescence (inv. 7)"),
    BUG_REFCOUNT(Verdict.FORBIDDEN, "page refcount disagrees with its holders, or a page in use was freed (inv. 8)"),
    BUG_LOCKED(Verdict.FORBIDDEN, "a page is still locked at quiescence"),
    BUG_STRAND_UNRECLAIMABLE(Verdict.FORBIDDEN, "a stranded page is under writeback or off the LRU (inv. 9)"),
    BUG_CHARGE_LEAK(Verdict.FORBIDDEN, "memcg.memory disagrees with the charged live pages, or a reservation is open (inv. 13, 14)"),
    BUG_SWAP_ACCOUNT(Verdict.FORBIDDEN, "memcg.swap disagrees with the swap_cgroup records (inv. 15)"),
    BUG_SWAPPED(Verdict.FORBIDDEN, "info->swapped disagrees with the SWAP entries in i_pages (inv. 17)"),
    BUG_MODEL(Verdict.FORBIDDEN, "the model met a state it cannot continue from, or threw (@ names it: mm.Violation)"),
    BUG_ON(Verdict.FORBIDDEN, "a kernel assertion failed: VM_BUG_ON_PAGE, BUG_ON, BUG (@ names it: mm.Violation)"),
    BUG_LOCKDEP(Verdict.FORBIDDEN, "a page field guarded by the page lock was touched without it (@ names the field)"),
    BUG_POSTCONDITION(Verdict.FORBIDDEN, "an operation broke its contract: a punch that left an entry, a freed swap slot"
            + " used again (@ names it)"),
    STRAND_UNATTRIBUTED(Verdict.FORBIDDEN, "a page stranded in the swap cache that no known window explains"),
    BUG_SIGBUS(Verdict.FORBIDDEN, "-ENOENT reached the reader instead of a retry: SIGBUS (kernel-model §4.3 BUG-SIGBUS)"),
    BUG_LIVELOCK(Verdict.FORBIDDEN, "shmem_getpage_gfp kept retrying after the other actors stopped (inv. 20)"),
    DEADLOCK(Verdict.FORBIDDEN, "every actor blocked with work left (inv. 20)"),
    BUG_SLEEP_IN_ATOMIC(Verdict.FORBIDDEN, "lock_page or wait_on_page_writeback with a spinlock held: may sleep in"
            + " atomic context (inv. 20, kernel-model §4.3 BUG-DEADLOCK)"),
    LEAK_SURVIVES_RECLAIM(Verdict.FORBIDDEN, "after reclaim ran to a fixpoint a page or slot is still stranded (inv. 10)");

    private final Verdict verdict;
    private final String description;

    Code(Verdict verdict, String description) {
        this.verdict = verdict;
        this.description = description;
    }

    public Verdict verdict() {
        return verdict;
    }

    /** True for a code that only ever appears as a {@code +EVENT} after another end state. */
    public boolean eventOnly() {
        return this == SWAP_UNDERCOUNT;
    }

    public String description() {
        return description;
    }
}
