package dev.swaprace.mm;

import dev.swaprace.race.RaceHook;
import dev.swaprace.race.RacePoint;
import dev.swaprace.race.SpinLock;

/**
 * One modelled machine: a tmpfs inode, a swap device with its swap cache, one memcg, the kernel
 * variant, and the paths that act on them (named after their kernel files). Every actor of a
 * scenario works on one {@code Mm}.
 */
public final class Mm {
    public final Variant variant;
    /** A seeded bug, or null for the real kernel. */
    public final Mutant mutant;
    public final RaceHook hook;
    public final Trace trace;
    public final ShmemInode inode;
    public final SwapInfo swap;
    /** The swap address space: offset → page, writers under its {@code xa_lock}. */
    public final XArray swapCache;
    /** The memcg the tmpfs file's tasks run in. */
    public final MemCgroup memcg;
    /** The root memcg: what a charge with neither a swap record nor an mm lands in. */
    public final MemCgroup rootMemcg;

    public final Memcontrol memcontrol;
    public final SwapState swapState;
    public final Swapfile swapfile;
    public final PageIo pageIo;
    public final Shmem shmem;
    public final Vmscan vmscan;

    /**
     * Set once by the scenario between building the initial state (which must not fail) and
     * starting the actors; thread start (or JCStress's state publication) orders it.
     */
    private Choices choices = Choices.ALL_OK;

    /**
     * Pages of this machine by id, kept for {@link #restore}: a recycled machine hands them out
     * again ({@link #allocPage}) instead of allocating, and maps a template's pages onto them.
     */
    private final Page[] pagesById = new Page[REUSED_PAGE_IDS];
    private static final int REUSED_PAGE_IDS = 8;

    public Mm(Variant variant, RaceHook hook, int nrIndexes, int nrSlots, long memcgLimit) {
        this(variant, null, hook, nrIndexes, nrSlots, memcgLimit);
    }

    /** A machine running {@code mutant}'s seeded bug on top of its base variant. */
    public Mm(Variant variant, Mutant mutant, RaceHook hook, int nrIndexes, int nrSlots, long memcgLimit) {
        this.variant = variant;
        this.mutant = mutant;
        this.hook = hook;
        this.trace = new Trace(nrSlots);
        this.inode = new ShmemInode(nrIndexes, hook, trace);
        this.swap = new SwapInfo(nrSlots, hook, trace, mutant);
        this.swapCache = new XArray("swap_cache", nrSlots, hook);
        this.memcg = MemCgroup.tasks(memcgLimit, hook);
        this.rootMemcg = MemCgroup.root(hook);
        this.memcontrol = new Memcontrol(this);
        this.swapState = new SwapState(this);
        this.swapfile = new Swapfile(this);
        this.pageIo = new PageIo(this);
        this.shmem = new Shmem(this);
        this.vmscan = new Vmscan(this);
    }

    /** True if this machine runs seeded bug {@code m}. */
    boolean mutated(Mutant m) {
        return mutant == m;
    }

    public void arm(Choices c) {
        this.choices = c;
    }

    Choices choices() {
        return choices;
    }

    /** {@code alloc_page}: a new page, private to the caller, holding the allocation reference. */
    Page allocPage() {
        int id = trace.nextPageId();
        Page p = id < pagesById.length ? pagesById[id] : null;
        if (p == null) {
            p = new Page(id, hook, trace);
            if (id < pagesById.length) {
                pagesById[id] = p;   // each id has one allocating thread: no two write one element
            }
        } else {
            p.renew();   // a page of an earlier run: restore() left nothing referencing it
        }
        trace.allocated(p);
        return p;
    }

    /**
     * Become a copy of {@code t}, a quiescent machine of the same variant, mutant and size built
     * through the kernel paths (a scenario's initial state): every field of every component,
     * every page, references mapped to this machine's own objects. Single-threaded, with no
     * actor running; whoever starts the actors publishes the result. Used both for fresh
     * machines and to recycle a finished one, so that a sample costs no replay of the set-up paths.
     */
    public void restore(Mm t) {
        if (t.variant != variant || t.mutant != mutant || t.swap.nrSlots() != swap.nrSlots()
                || t.inode.iPages.size() != inode.iPages.size() || t.memcg.limit() != memcg.limit()) {
            throw new IllegalArgumentException(this + " cannot copy " + t);
        }
        for (Page tp = t.trace.newestPage(); tp != null; tp = tp.older) {
            if (tp.id >= pagesById.length) {
                throw new IllegalArgumentException("template page id " + tp.id + " >= " + pagesById.length);
            }
            Page p = pagesById[tp.id];
            if (p == null) {
                p = new Page(tp.id, hook, trace);
                pagesById[tp.id] = p;
            }
            p.restore(tp, tp.mapping() == null ? null : inode, memcg(t, tp.memcg()),
                    tp.privateEntry() == null ? null : swap.entry(tp.privateEntry().offset()));
        }
        trace.restore(t.trace, pagesById);
        inode.restore(t.inode, this);
        swapCache.restore(t.swapCache, this);
        swap.restore(t.swap, this, t);
        memcg.restore(t.memcg);
        rootMemcg.restore(t.rootMemcg);
        choices = t.choices;
    }

    /** {@code t}'s xarray entry {@code e} as an entry of this machine (restore). */
    Object entry(Object e) {
        if (e instanceof Page p) {
            return pagesById[p.id];
        }
        return e == null ? null : swap.entry(((SwapEntry) e).offset());
    }

    /** The memcg of this machine that plays {@code m}'s part in {@code t} (restore). */
    MemCgroup memcg(Mm t, MemCgroup m) {
        return m == null ? null : m == t.memcg ? memcg : m == t.rootMemcg ? rootMemcg : fail(m);
    }

    private static MemCgroup fail(MemCgroup m) {
        throw new IllegalArgumentException("foreign memcg " + m);
    }

    /** {@code get_page}. */
    void getPage(RacePoint at, Page page) {
        if (page.refcount.addAndGet(at, 1) <= 1) {
            trace.violation(Violation.GET_PAGE_OF_FREED);
        }
    }

    /**
     * {@code get_page_unless_zero}: the speculative reference of an RCU lookup. One atomic step,
     * {@code atomic_add_unless(&page->_refcount, 1, 0)}, as in the kernel.
     */
    boolean getPageUnlessZero(RacePoint at, Page page) {
        return page.refcount.getAndUpdate(at, v -> v == 0 ? 0 : v + 1) != 0;
    }

    /** {@code put_page}: drop a reference; the last one frees the page. */
    void putPage(RacePoint at, Page page) {
        long left = page.refcount.addAndGet(at, -1);
        if (left == 0) {
            freePage(at, page, !mutated(Mutant.NO_UNCHARGE_AT_FREE));
        } else if (left < 0) {
            trace.violation(Violation.PUT_PAGE_UNDERFLOW);
        }
    }

    /**
     * {@code __put_page} → {@code mem_cgroup_uncharge}: the page goes back to the allocator.
     * Also the end of {@code __remove_mapping} after a successful refcount freeze.
     */
    void freePage(RacePoint at, Page page, boolean uncharge) {
        page.beginFree();
        // free_pages_check (bad_page): still locked, under writeback or mapped; or, the model's
        // addition, still in the swap cache, whose xarray would then point at a free page
        if (page.swapCache() || page.pageMapping() != null || page.lock.observedLocked() || page.writeback.observed() != 0) {
            trace.violation(Violation.FREE_PAGE_IN_USE);
        }
        if (uncharge) {
            memcontrol.uncharge(at, page);
        }
        if (page.pageMemcg() != null) {
            trace.violation(Violation.FREE_PAGE_IN_USE);   // bad_page: "page still charged to cgroup"
        }
        page.endFree();
    }

    /**
     * An actor died in a model exception (as a task in {@code BUG()}): its thread drops the locks
     * it still holds, spinlocks first, so that the other actors finish instead of waiting forever
     * (under jcstress an endless wait ends as TIMEOUT, a status and not an outcome). The kernel
     * would leave them held; the violation recorded first is the outcome either way.
     */
    public void dropLocksOfDeadActor() {
        for (SpinLock l : new SpinLock[] {swap.clusterLock, swapCache.xaLock, inode.iPages.xaLock}) {
            if (l.heldByCurrentThread()) {
                l.unlock(RacePoint.OOPS);
            }
        }
        for (Page p = trace.newestPage(); p != null; p = p.older) {
            if (p.lock.heldByCurrentThread()) {
                p.lock.release(RacePoint.OOPS);
            }
        }
    }

    /** Quiescent: the page in swap-cache slot {@code offset}, or null. */
    public Page cachedPage(int offset) {
        return (Page) swapCache.quiescent(offset);
    }

    @Override
    public String toString() {
        return "mm[" + variant + (mutant == null ? "" : "+" + mutant) + "]";
    }
}
