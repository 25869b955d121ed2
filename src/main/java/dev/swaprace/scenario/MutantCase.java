package dev.swaprace.scenario;

import dev.swaprace.mm.Mutant;

import java.util.Arrays;
import java.util.List;

/**
 * The mutation campaign's table: each seeded bug ({@link Mutant}) with the scenario that
 * exposes it, the one the explorer kills it on and its jcstress test runs. Each scenario has at
 * most two actors, so that jcstress runs it on two CPUs; where one actor is enough the bug
 * needs no race at all, and the one-actor scenario is named.
 *
 * @param mutant   the seeded bug
 * @param scenario where the explorer reaches a FORBIDDEN outcome of it
 */
public record MutantCase(Mutant mutant, Scenario scenario) {

    /** The case of {@code m}. */
    public static MutantCase of(Mutant m) {
        return new MutantCase(m, exposing(m));
    }

    /** Every mutant's case, in {@link Mutant} order. */
    public static List<MutantCase> all() {
        return Arrays.stream(Mutant.values()).map(MutantCase::of).toList();
    }

    /**
     * The scenario that exposes {@code m}. An exhaustive switch: a new mutant does not compile
     * until it names its scenario.
     */
    static Scenario exposing(Mutant m) {
        return switch (m) {
            // P's check and store straddle S.9 ... S.15: both consume the slot reference
            case CHECK_THEN_STORE_FREE_SWAP, DEC_BEFORE_CAS -> Scenario.SWAPIN_VS_PUNCH;
            // the error path alone frees the slot i_pages still refers to
            case SWAP_FREE_ON_ERROR -> Scenario.SWAPIN_CHARGE_FAILS;
            // V58A: S.9 fails -EEXIST after the punch, the reservation is never cancelled
            case NO_CANCEL_CHARGE -> Scenario.SWAPIN_VS_PUNCH;
            // the punch frees the readahead page, charged at R.e under V58
            case NO_UNCHARGE_AT_FREE -> Scenario.SWAPIN_VS_PUNCH_CACHED;
            // a plain swapin breaks the invariant
            case NO_SWAPCACHE_DELETE, NO_SWAPPED_DEC, NO_PUT_SWAP_PAGE -> Scenario.SWAPIN_ALONE;
            // L3: the slot is freed before S.1, the read gets -ENOMEM instead of the hole
            case NO_FAILED_REWRITE -> Scenario.SWAPIN_VS_PUNCH;
            // L14: S holds its lookup reference while reclaim frees the page
            case RECLAIM_NO_FREEZE -> Scenario.SWAPIN_VS_RECLAIM;
            // L16: both readers are granted SWAP_HAS_CACHE
            case SWAPCACHE_PREPARE_NO_EXCL -> Scenario.SWAPIN_VS_SWAPIN;
            // L7: the punch strands the page; the drain cannot free it
            case RECLAIM_KEEPS_UNREFERENCED -> Scenario.SWAPIN_VS_PUNCH;
            // V57: S holds the page lock and wants the cluster lock; P the reverse
            case LOCK_PAGE_UNDER_SPINLOCK -> Scenario.SWAPIN_VS_PUNCH;
            // L15: the punch's try_to_free_swap meets the page under writeback
            case TRY_TO_FREE_SWAP_IGNORES_WRITEBACK -> Scenario.SWAPOUT_VS_PUNCH;
            // a plain swapin charges after its read unlocked the page
            case SWAPIN_CHARGES_AFTER_READ -> Scenario.SWAPIN_ALONE;
            // pass 1's trylock fails on the swap-out's page, pass 2 finds it moved to swap
            case PUNCH_NO_RETRY_ON_SWAPPED_OUT -> Scenario.SWAPOUT_VS_PUNCH;
            // L3: the punch frees the slot between the reader's R.b and R.c
            case SWAPCACHE_PREPARE_ON_FREE_SLOT -> Scenario.SWAPIN_VS_PUNCH;
            // L3: the punch frees the slot before R.b, read_swap_cache_async returns NULL
            case SWAPIN_NO_NULL_CHECK -> Scenario.SWAPIN_VS_PUNCH;
            // the punch alone strands the cached page
            case SHMEM_FREE_SWAP_USES_SWAP_FREE -> Scenario.SWAPIN_VS_PUNCH_CACHED;
            // L3: the punch frees the slot between the reader's R.b and its early read
            case READ_BEFORE_SWAPCACHE_PREPARE -> Scenario.SWAPIN_VS_PUNCH;
            // a plain swapin reaches S.12
            case SWAPPED_DEC_WITHOUT_INFO_LOCK -> Scenario.SWAPIN_ALONE;
            // the charge fails with no race at all
            case SWAPIN_UNLOCKS_TWICE_ON_ENOMEM -> Scenario.SWAPIN_CHARGE_FAILS;
        };
    }

    /**
     * Why jcstress cannot run this mutant's test, or null if it can. A mutant that deadlocks
     * real threads is the explorer's alone: jcstress 0.16 joins the actors of its pre-run checks
     * ({@code Runner.sanityCheck}: the generated {@code jcstress_sanityCheck_API} and
     * {@code _Resource} methods call {@code Thread.join()} without a timeout), so a deadlock
     * there hangs the fork and the host waits for it forever; one in the timed loop ends the
     * fork as TIMEOUT after {@code max(10 * time, 30 s)}, a status, never an outcome.
     */
    public String explorerOnly() {
        return mutant == Mutant.LOCK_PAGE_UNDER_SPINLOCK
                ? "explorer only: deadlocks real threads (jcstress 0.16 would hang in its pre-run checks)"
                : null;
    }

    /** The jcstress test's simple class name, {@code dev.swaprace.mutants.<this>}: the mutant's name. */
    public String className() {
        return mutant.name();
    }
}
