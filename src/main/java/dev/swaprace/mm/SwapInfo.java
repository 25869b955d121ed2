package dev.swaprace.mm;

import dev.swaprace.race.IndexedName;
import dev.swaprace.race.RaceHook;
import dev.swaprace.race.RaceLong;
import dev.swaprace.race.RacePoint;
import dev.swaprace.race.RaceRef;
import dev.swaprace.race.SpinLock;

/**
 * One swap device ({@code struct swap_info_struct}): {@code swap_map[]} under the cluster lock,
 * the {@code swap_cgroup} records, and the slot contents on disk. The swapfile.c functions that
 * read or change {@code swap_map} live here. Slot free is atomic (no per-CPU slot cache,
 * kernel-model §2.2).
 *
 * <p>Everything the cluster lock guards ({@code swap_map[]}, the records, the memcg swap counter)
 * is a primitive touched only inside its critical sections, so the lock's critical sections are
 * single steps to the explorer ({@link SpinLock#sectionIsOneStep}): which slot a section reads or
 * writes, not the lock, decides what it conflicts with. ({@code owner} is a checker instrument
 * that the modelled paths never read.)
 */
public final class SwapInfo {
    public static final int SWAP_HAS_CACHE = 0x40;
    public static final int SWAP_MAP_SHMEM = 0xbf;
    private static final IndexedName SLOT_DATA = new IndexedName("slot", ".data");
    private static final IndexedName SWAP_MAP = new IndexedName("swap_map[", "]");
    private static final IndexedName SWAP_CGROUP = new IndexedName("swap_cgroup[", "]");
    /** The entries of the scenarios' two-slot device, shared by every machine of that size. */
    private static final SwapEntry[] ENTRIES = entries(2);

    /** {@code lock_cluster_or_swap_info}: one lock for all slots of this small device. */
    public final SpinLock clusterLock;
    /** {@code SWAP(o)} for each slot o (shared by all machines: entries are values). */
    private final SwapEntry[] entries;
    // guarded by clusterLock
    private final RaceLong[] swapMap;
    private final RaceRef<MemCgroup>[] swapCgroup;
    /**
     * Checker instrument, not kernel state: the memcg whose data the slot holds, from
     * allocation to free, independent of the record (kernel-model §5.15).
     */
    private final MemCgroup[] owner;
    /** What is on disk in each slot: written by swap-out IO, read by swap-in IO. */
    private final RaceLong[] slotData;
    private final Trace trace;

    /** SWAPCACHE_PREPARE_NO_EXCL: swapcache_prepare grants SWAP_HAS_CACHE twice. */
    private final boolean prepareNoExcl;
    /** SWAPCACHE_PREPARE_ON_FREE_SLOT: swapcache_prepare grants SWAP_HAS_CACHE on a free slot. */
    private final boolean prepareOnFree;

    @SuppressWarnings("unchecked")
    SwapInfo(int nrSlots, RaceHook hook, Trace trace, Mutant mutant) {
        this.prepareNoExcl = mutant == Mutant.SWAPCACHE_PREPARE_NO_EXCL;
        this.prepareOnFree = mutant == Mutant.SWAPCACHE_PREPARE_ON_FREE_SLOT;
        this.clusterLock = new SpinLock("swap_info.lock", hook, true);
        this.entries = ENTRIES.length == nrSlots ? ENTRIES : entries(nrSlots);
        this.swapMap = new RaceLong[nrSlots];
        this.swapCgroup = new RaceRef[nrSlots];
        this.owner = new MemCgroup[nrSlots];
        this.slotData = new RaceLong[nrSlots];
        for (int i = 0; i < nrSlots; i++) {
            swapMap[i] = new RaceLong(SWAP_MAP.of(i), hook, 0);
            swapCgroup[i] = new RaceRef<>(SWAP_CGROUP.of(i), hook, null);
            slotData[i] = new RaceLong(SLOT_DATA.of(i), hook, 0);
        }
        this.trace = trace;
    }

    private static SwapEntry[] entries(int nrSlots) {
        SwapEntry[] e = new SwapEntry[nrSlots];
        for (int i = 0; i < nrSlots; i++) {
            e[i] = SwapEntry.of(i);
        }
        return e;
    }

    public int nrSlots() {
        return entries.length;
    }

    public SwapEntry entry(int offset) {
        return entries[offset];
    }

    private static int count(int map) {
        return map & ~SWAP_HAS_CACHE;
    }

    /** {@code swap_map[o]}, with the cluster lock held. */
    private int map(RacePoint at, int o) {
        return (int) swapMap[o].load(at);
    }

    /**
     * {@code get_swap_page} → {@code scan_swap_map_slots}: take the first free slot, mark it
     * {@code SWAP_HAS_CACHE}; {@code mem_cgroup_try_charge_swap} records and charges the page's
     * memcg (cgroup2). Returns null when swap is full.
     */
    SwapEntry getSwapPage(RacePoint at, MemCgroup memcg) {
        clusterLock.lock(at);
        try {
            for (int i = 0; i < swapMap.length; i++) {
                if (map(at, i) == 0) {
                    storeMap(at, i, SWAP_HAS_CACHE);
                    owner[i] = memcg;
                    if (memcg != null) {
                        swapCgroup[i].store(at, memcg);
                        memcg.swap.addAndGet(at, 1);
                    }
                    return entries[i];
                }
            }
            return null;
        } finally {
            clusterLock.unlock(at);
        }
    }

    /** {@code swap_shmem_alloc}: {@code __swap_duplicate(E, SWAP_MAP_SHMEM)}. */
    void swapShmemAlloc(RacePoint at, SwapEntry e) {
        clusterLock.lock(at);
        int o = e.offset();
        int map = map(at, o);
        if (map == 0 || count(map) != 0) {
            trace.violation(Violation.SWAP_SHMEM_ALLOC_BAD_STATE);
        }
        setMap(at, o, map, map | SWAP_MAP_SHMEM);
        clusterLock.unlock(at);
    }

    /**
     * {@code swapcache_prepare}: {@code __swap_duplicate(E, SWAP_HAS_CACHE)}. Returns 0 (the
     * bit is now ours), -EEXIST (someone else has it) or -ENOENT (the slot is unused).
     */
    int swapcachePrepare(RacePoint at, SwapEntry e) {
        clusterLock.lock(at);
        try {
            int map = map(at, e.offset());
            boolean hasCache = (map & SWAP_HAS_CACHE) != 0;
            if ((!hasCache || prepareNoExcl) && (count(map) != 0 || prepareOnFree)) {
                setMap(at, e.offset(), map, map | SWAP_HAS_CACHE);
                return 0;
            }
            return hasCache ? Errno.EEXIST : Errno.ENOENT;
        } finally {
            clusterLock.unlock(at);
        }
    }

    /** {@code __swp_swapcount} / {@code page_swapcount}: the count part of the map. */
    int swapCount(RacePoint at, SwapEntry e) {
        clusterLock.lock(at);
        int c = count(map(at, e.offset()));
        clusterLock.unlock(at);
        return c;
    }

    /** {@code put_swap_page}: clear {@code SWAP_HAS_CACHE}; free the slot if nothing is left. */
    void putSwapPage(RacePoint at, SwapEntry e) {
        clusterLock.lock(at);
        int o = e.offset();
        int map = map(at, o);
        if ((map & SWAP_HAS_CACHE) == 0) {
            trace.violation(Violation.PUT_SWAP_PAGE_NO_CACHE);
        } else {
            map &= ~SWAP_HAS_CACHE;
            setMap(at, o, map | SWAP_HAS_CACHE, map);
            if (map == 0) {
                slotFree(at, o);
            }
        }
        clusterLock.unlock(at);
    }

    /**
     * {@code __swap_entry_free}: drop the {@code i_pages} reference ({@code SWAP_MAP_SHMEM → 0})
     * and return what is left of the map; frees the slot when that is 0. Used by
     * {@code swap_free} (S.15) and {@code free_swap_and_cache} (P.dec).
     */
    int swapEntryFree(RacePoint at, SwapEntry e) {
        clusterLock.lock(at);
        try {
            int o = e.offset();
            int map = map(at, o);
            if (count(map) == 0) {
                // "swap_free: Unused swap offset entry" / "Bad swap file entry"
                trace.violation(Violation.SWAP_ENTRY_FREE_UNUSED);
                return map;
            }
            int old = map;
            map &= SWAP_HAS_CACHE;
            setMap(at, o, old, map);
            if (map == 0) {
                slotFree(at, o);
            }
            return map;
        } finally {
            clusterLock.unlock(at);
        }
    }

    /**
     * Store {@code swap_map[o]}, cluster lock held, {@code old} the value just loaded. Only
     * {@code get_swap_page} may take a slot from free (0) to used: a store that does is a slot
     * brought back to life ({@link Violation#SLOT_RESURRECTED}).
     */
    private void setMap(RacePoint at, int o, int old, int map) {
        if (old == 0 && map != 0) {
            trace.violation(Violation.SLOT_RESURRECTED);
        }
        storeMap(at, o, map);
    }

    /** Lockdep for {@code swap_map[]}: every store holds the cluster lock (loads may not: {@code __swap_count}). */
    private void storeMap(RacePoint at, int o, int map) {
        if (!clusterLock.heldByCurrentThread()) {
            trace.violation(Violation.SWAP_MAP);
        }
        swapMap[o].store(at, map);
    }

    /** {@code swap_entry_free}: the slot is free; {@code mem_cgroup_uncharge_swap}. */
    private void slotFree(RacePoint at, int o) {
        owner[o] = null;
        unchargeSwapLocked(at, o);
    }

    private void unchargeSwapLocked(RacePoint at, int o) {
        MemCgroup memcg = swapCgroup[o].load(at);
        if (memcg != null) {
            swapCgroup[o].store(at, null);
            memcg.swap.addAndGet(at, -1);
        }
    }

    /**
     * {@code mem_cgroup_uncharge_swap(E)}: clear the record and uncharge whichever memcg it
     * named. Idempotent. (V58's swapin charge calls it while the slot stays allocated: the
     * cgroup2 undercount fixed by cae3af62b33a.)
     */
    void unchargeSwap(RacePoint at, SwapEntry e) {
        clusterLock.lock(at);
        unchargeSwapLocked(at, e.offset());
        clusterLock.unlock(at);
    }

    /** The memcg the slot's {@code swap_cgroup} record names (lookup_swap_cgroup_id). */
    MemCgroup swapCgroup(RacePoint at, SwapEntry e) {
        clusterLock.lock(at);
        MemCgroup m = swapCgroup[e.offset()].load(at);
        clusterLock.unlock(at);
        return m;
    }

    /** The write bio of {@code swap_writepage}: the page's {@code SWAP_HAS_CACHE} pins the slot. */
    void writeSlot(RacePoint at, SwapEntry e, long data) {
        slotData[e.offset()].store(at, data);
        checkInUse(e);
    }

    /** The read bio of {@code swap_readpage}: the page's {@code SWAP_HAS_CACHE} pins the slot. */
    long readSlot(RacePoint at, SwapEntry e) {
        long d = slotData[e.offset()].load(at);
        checkInUse(e);
        return d;
    }

    /**
     * Postcondition of the IO's caller: the slot is allocated (the actor doing the IO holds
     * {@code SWAP_HAS_CACHE}, so no other actor may free it meanwhile). A check, part of the IO's step.
     */
    private void checkInUse(SwapEntry e) {
        if (swapMap[e.offset()].observed() == 0) {
            trace.violation(Violation.SWAP_IO_ON_FREE_SLOT);
        }
    }

    /** Become a copy of {@code t}, the swap device of template {@code tm}, memcgs mapped into {@code mm}. */
    void restore(SwapInfo t, Mm mm, Mm tm) {
        clusterLock.reset();
        for (int o = 0; o < swapMap.length; o++) {
            swapMap[o].reset(t.swapMap[o].quiescent());
            swapCgroup[o].reset(mm.memcg(tm, t.swapCgroup[o].quiescent()));
            owner[o] = mm.memcg(tm, t.owner[o]);
            slotData[o].reset(t.slotData[o].quiescent());
        }
    }

    // Quiescent reads for the checker.
    public int swapMap(int offset) {
        return (int) swapMap[offset].quiescent();
    }

    public MemCgroup owner(int offset) {
        return owner[offset];
    }

    public MemCgroup swapCgroupRecord(int offset) {
        return swapCgroup[offset].quiescent();
    }

    public long slotData(int offset) {
        return slotData[offset].quiescent();
    }
}
