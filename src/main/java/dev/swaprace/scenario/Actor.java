package dev.swaprace.scenario;

import dev.swaprace.check.ActorResult;
import dev.swaprace.mm.Mm;
import dev.swaprace.mm.Vmscan;

/**
 * The actors of docs/kernel-model.md §2.1, each one call into the model. Every actor works on index
 * 0 of the inode and on swap slot 0, where the scenario's initial state put the page.
 */
public enum Actor {
    /** {@code read()} of index 0: {@code shmem_getpage_gfp(SGP_READ)} → {@code shmem_swapin_page}. */
    S("S", "swapin: read() of the index, shmem_getpage_gfp -> shmem_swapin_page"),
    /** A second, concurrent reader of the same index (L16). */
    S2("S2", "a second swapin of the same index"),
    /** Hole punch over index 0: {@code shmem_undo_range} → {@code shmem_free_swap} → {@code free_swap_and_cache}. */
    P("P", "hole punch: shmem_undo_range -> shmem_free_swap -> free_swap_and_cache (trylock)"),
    /** Page reclaim of slot 0's swap-cache page: {@code shrink_page_list}. */
    RC("Rc", "page reclaim of the swap-cache page: shrink_page_list -> __remove_mapping"),
    /** Swap readahead reading slot 0 as a neighbour of another fault. */
    RA("RA", "swap readahead of the slot on behalf of another fault (page locked for IO)"),
    /** Reclaim swapping out the resident page: {@code pageout} → {@code shmem_writepage}. */
    W("W", "swap-out: shrink_page_list -> pageout -> shmem_writepage"),
    /** Another task of the same memcg charging and freeing a page. */
    MC("MC", "a charger in the same memcg, near its limit");

    private final String label;
    private final String description;
    /** This actor's results for each reclaim result, and the charger's two: values, built once. */
    private final ActorResult[] byVmscanResult;
    private final ActorResult charged;
    private final ActorResult enomem;

    Actor(String label, String description) {
        this.label = label;
        this.description = description;
        this.byVmscanResult = new ActorResult[Vmscan.Result.values().length];
        for (Vmscan.Result r : Vmscan.Result.values()) {
            byVmscanResult[r.ordinal()] = ActorResult.of(label, r.name());
        }
        this.charged = ActorResult.of(label, "CHARGED");
        this.enomem = ActorResult.of(label, "ENOMEM");
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    /** Run this actor once on {@code mm}; the result names it by its label. */
    public ActorResult run(Mm mm) {
        return switch (this) {
            case S, S2 -> ActorResult.reader(label, mm.shmem.read(0));
            case P -> {
                mm.shmem.undoRange(0, 1);
                yield null;
            }
            case RC -> byVmscanResult[mm.vmscan.shrinkSwapCachePage(mm.swap.entry(0)).ordinal()];
            case RA -> {
                mm.swapState.readahead(mm.swap.entry(0));
                yield null;
            }
            case W -> byVmscanResult[mm.vmscan.swapOut(0).ordinal()];
            case MC -> mm.memcontrol.chargeAndRelease() ? charged : enomem;
        };
    }

    /** Whether this actor's result is part of the outcome (a hole punch always just finishes). */
    public boolean reports() {
        return this != P && this != RA;
    }
}
