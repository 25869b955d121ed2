package dev.swaprace.scenario;

import dev.swaprace.mm.Mm;
import dev.swaprace.mm.Mutant;
import dev.swaprace.mm.Variant;
import dev.swaprace.mm.Vmscan;
import dev.swaprace.race.RaceHook;
import dev.swaprace.race.RacePoint;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Initial states, built single-threaded the way the kernel gets there: a write fault puts data
 * D into index 0, reclaim swaps it out ({@code shmem_writepage}) and frees the clean swap-cache
 * page, readahead brings it back into the swap cache.
 */
public enum Initial {
    /** Index 0 is {@code SWAP(E)}, slot E = {@code SWAP_MAP_SHMEM}, nothing cached. */
    SWAPPED_OUT("index swapped out, nothing cached", 16),
    /** As SWAPPED_OUT, and readahead has read E back into the swap cache (unlocked, clean). */
    CACHED("page already in the swap cache (readahead finished)", 16),
    /** Index 0 holds a dirty page. */
    RESIDENT_DIRTY("page resident and dirty", 16),
    /** As SWAPPED_OUT, with the memcg one page below its limit. */
    SWAPPED_OUT_NEAR_LIMIT("index swapped out, memcg one page from its limit", 1);

    /** The data written to index 0 before it was swapped out. */
    public static final long DATA = 0xD47AL;

    private final String description;
    private final long memcgLimit;

    Initial(String description, long memcgLimit) {
        this.description = description;
        this.memcgLimit = memcgLimit;
    }

    public String description() {
        return description;
    }

    long memcgLimit() {
        return memcgLimit;
    }

    /** Built once per variant and mutant: [variant][mutant ordinal + 1]. */
    private final AtomicReferenceArray<Mm> templates =
            new AtomicReferenceArray<>(Variant.values().length * (Mutant.values().length + 1));

    /** A machine of this state's size and memcg limit, in no state yet. */
    Mm newMachine(Variant variant, Mutant mutant, RaceHook hook) {
        return new Mm(variant, mutant, hook, 1, 2, memcgLimit);
    }

    /**
     * This state on {@code variant} running {@code mutant} (or null), built once through the
     * kernel paths ({@link #build}) with no hook; never run, only copied ({@link Mm#restore}).
     */
    Mm template(Variant variant, Mutant mutant) {
        int i = variant.ordinal() * (Mutant.values().length + 1) + (mutant == null ? 0 : mutant.ordinal() + 1);
        Mm t = templates.get(i);
        if (t == null) {
            t = newMachine(variant, mutant, RaceHook.NONE);
            build(t);
            templates.compareAndSet(i, null, t);
            t = templates.get(i);
        }
        return t;
    }

    /** Bring a fresh {@code mm} into this state. */
    void build(Mm mm) {
        mm.shmem.faultInPage(RacePoint.SETUP, 0, DATA);
        if (this == RESIDENT_DIRTY) {
            return;
        }
        expect(mm.vmscan.swapOut(0) == Vmscan.Result.WRITTEN, "shmem_writepage did not swap index 0 out");
        expect(mm.vmscan.shrinkSwapCachePage(mm.swap.entry(0)) == Vmscan.Result.FREED,
                "reclaim did not free the written page");
        if (this == CACHED) {
            mm.swapState.readahead(mm.swap.entry(0));
            expect(mm.cachedPage(0) != null, "readahead did not cache slot 0");
        }
    }

    private void expect(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("initial state " + name() + ": " + what);
        }
    }
}
