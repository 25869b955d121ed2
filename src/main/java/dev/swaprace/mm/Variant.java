package dev.swaprace.mm;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The kernel versions of docs/kernel-model.md §1.1. They differ in where a swap-cache page is
 * charged, what swapin does when its insertion into {@code i_pages} fails (§3.3), and, for
 * Joonsoo Kim's proposal (KIM57, KIM58), whether the punch waits for the page lock.
 */
public enum Variant {
    V57("v5.1 .. v5.7 (215c02bc33bb cleanup, b56a2d8af914 shmem_swapin_page)",
            Charge.TRY_COMMIT_IN_SWAPIN, Cleanup.DELETE_ON_EEXIST, false,
            "https://git.kernel.org/torvalds/c/215c02bc33bb"),
    RFC1("[PATCH 05/18] first posting, 20 Apr 2020 (never merged)",
            Charge.IN_ADD_TO_PAGE_CACHE, Cleanup.DELETE_ON_ANY_ERROR, false,
            "https://lore.kernel.org/linux-mm/20200420221126.341272-6-hannes@cmpxchg.org/"),
    V2P("Johannes's proposal of 8 May 2020 with the 11 May fix (never merged)",
            Charge.IN_ADD_TO_PAGE_CACHE, Cleanup.DELETE_ON_ENOENT, false,
            "https://lore.kernel.org/linux-mm/20200511150648.GA306292@cmpxchg.org/"),
    V58A("after 14235ab36019, before 3fea5a499d57",
            Charge.TRY_COMMIT_IN_SWAPIN, Cleanup.NONE, false,
            "https://git.kernel.org/torvalds/c/14235ab36019"),
    V58B("after 3fea5a499d57, as it stood at 2d1c498072de, the last commit before 4c6355b25e8b",
            Charge.IN_ADD_TO_PAGE_CACHE, Cleanup.NONE, true,
            "https://git.kernel.org/torvalds/c/3fea5a499d57"),
    V58("v5.8 release (4c6355b25e8b charge swapin pages on instantiation)",
            Charge.AT_INSTANTIATION, Cleanup.NONE, true,
            "https://git.kernel.org/torvalds/c/4c6355b25e8b"),
    /**
     * Joonsoo Kim's suggestion (23 Apr 2020) on V57: the hole punch frees the swap-cache page
     * with {@code lock_page}, taken with no spinlock held, instead of {@code trylock_page}.
     *
     * <p>What the explorer answers (docs/kernel-fidelity.md §4, with witnesses): it removes every
     * strand whose window is a page-lock holder (read IO, V58's charge, swapin's pre-check and
     * L7/L8, reclaim, swap-out before writeback); {@code PREPARE} remains (between
     * {@code swapcache_prepare} and {@code add_to_swap_cache} there is no page to lock), so do
     * {@code WRITEBACK} ({@code try_to_free_swap} refuses a page under writeback) and
     * {@code RACING_READ} (swapin's own {@code swap_free} never tries the page), so reclaim is
     * still needed; the punch now waits for the read IO; and {@code zap_pte_range}, which calls
     * {@code free_swap_and_cache} under the page-table spinlock, cannot use it (sleeping in
     * atomic context, the {@link Mutant#LOCK_PAGE_UNDER_SPINLOCK} shape).
     */
    KIM57("Joonsoo Kim's proposal on v5.7: shmem_undo_range's free_swap_and_cache takes lock_page (never merged);"
                    + " removes the page-lock strands, PREPARE, WRITEBACK and RACING_READ remain (docs/kernel-fidelity.md §4)",
            Charge.TRY_COMMIT_IN_SWAPIN, Cleanup.DELETE_ON_EEXIST, false,
            "https://lore.kernel.org/linux-mm/20200423052450.GA12538@js1304-desktop/"),
    /** Joonsoo Kim's suggestion on V58. */
    KIM58("Joonsoo Kim's proposal on v5.8: shmem_undo_range's free_swap_and_cache takes lock_page (never merged);"
                    + " removes the page-lock strands, PREPARE, WRITEBACK and RACING_READ remain (docs/kernel-fidelity.md §4)",
            Charge.AT_INSTANTIATION, Cleanup.NONE, true,
            "https://lore.kernel.org/linux-mm/20200423052450.GA12538@js1304-desktop/");

    /** Where a page read into the swap cache gets its memcg charge. */
    public enum Charge {
        /** {@code mem_cgroup_try_charge_delay} at S.8, commit at S.11, cancel on error. */
        TRY_COMMIT_IN_SWAPIN,
        /** {@code mem_cgroup_charge} inside {@code shmem_add_to_page_cache} (S.9). */
        IN_ADD_TO_PAGE_CACHE,
        /**
         * {@code mem_cgroup_charge} in {@code __read_swap_cache_async} (R.e);
         * {@code shmem_add_to_page_cache} skips swap-cache pages.
         */
        AT_INSTANTIATION
    }

    /** What the swapin error path does to the swap-cache page. */
    public enum Cleanup {
        /** V57: {@code delete_from_swap_cache} only when the insertion said -EEXIST (S.10). */
        DELETE_ON_EEXIST,
        /** RFC1: {@code delete_from_swap_cache} on any error, -ENOMEM from the charge included. */
        DELETE_ON_ANY_ERROR,
        /** V2P: the insertion says -ENOENT for an empty slot; delete only then, and retry it. */
        DELETE_ON_ENOENT,
        /** 14235ab36019 and later: never delete; reclaim reaps the page. */
        NONE
    }

    private final String where;
    private final Charge charge;
    private final Cleanup cleanup;
    private final boolean chargeUnchargesSwap;
    private final String ref;

    Variant(String where, Charge charge, Cleanup cleanup, boolean chargeUnchargesSwap, String ref) {
        this.where = where;
        this.charge = charge;
        this.cleanup = cleanup;
        this.chargeUnchargesSwap = chargeUnchargesSwap;
        this.ref = ref;
    }

    /**
     * Whether {@code mem_cgroup_charge} of a swap-cache page calls
     * {@code mem_cgroup_uncharge_swap} on cgroup2 too, while the slot stays allocated: the swap
     * undercount that 2d1c498072de ("make swap tracking an integral part of memory control")
     * brought by dropping the {@code do_memsw_account()} guard, and cae3af62b33a fixed (5.8.1
     * mm/memcontrol.c:6508-6516). V58B as modelled is the tree at 2d1c498072de (charge at S.9);
     * V58 charges at R.e. Before 2d1c498072de (V58A, and V58B's earlier commits) the guard held.
     */
    public boolean chargeUnchargesSwap() {
        return chargeUnchargesSwap;
    }

    public String where() {
        return where;
    }

    public Charge charge() {
        return charge;
    }

    public Cleanup cleanup() {
        return cleanup;
    }

    /**
     * Whether the hole punch's {@code free_swap_and_cache} waits for the page lock
     * ({@code lock_page}, no spinlock held) where the kernel only trylocks it (5.7.14
     * mm/swapfile.c:144): Joonsoo Kim's proposal in the thread. Only {@code shmem_undo_range}
     * could do so: {@code zap_pte_range} calls {@code free_swap_and_cache} with the page-table
     * lock held (5.7.14 mm/memory.c:1050, 1137), where sleeping is not allowed.
     */
    public boolean punchLocksPage() {
        return this == KIM57 || this == KIM58;
    }

    /** The commit or message that defines this variant. */
    public String ref() {
        return ref;
    }

    /** Every variant's name, comma separated: what an error about an unknown variant lists. */
    public static String names() {
        return Arrays.stream(values()).map(Variant::name).collect(Collectors.joining(", "));
    }
}
