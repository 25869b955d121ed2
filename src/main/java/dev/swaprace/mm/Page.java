package dev.swaprace.mm;

import dev.swaprace.race.IndexedName;
import dev.swaprace.race.PageLock;
import dev.swaprace.race.RaceHook;
import dev.swaprace.race.RaceLong;
import dev.swaprace.race.RacePoint;

/**
 * {@code struct page} for one base page.
 *
 * <p>Shared state and how it is guarded, as in the kernel:
 * <ul>
 * <li>{@link #lock} ({@code PG_locked}), {@link #refcount} ({@code _refcount}),
 *     {@link #writeback} ({@code PG_writeback}, ended by IO completion without the page lock)
 *     and {@link #lru} ({@code PG_lru}) are model primitives: every access passes a race
 *     point.</li>
 * <li>The other flags, {@code page_private}, {@code mapping}/{@code index}, {@code mem_cgroup}
 *     and the data are read and written only with the page lock held (or while the page is
 *     still private to the thread that allocated it, or while its last reference is dropped), so
 *     they are plain fields: the page lock orders them.</li>
 * </ul>
 *
 * <p>That rule is checked, as lockdep would: the model reaches those fields only through the
 * accessors below, which record a {@link Violation} of kind {@code LOCKDEP} when the calling
 * thread does not hold the page lock of a page others can see, and {@code PAGE_USE_AFTER_FREE}
 * for a page already freed. The public quiescent getters ({@link #isUptodate()} ...) are the
 * checker's, for after the actors are joined.
 */
public final class Page {
    private static final IndexedName LOCK = new IndexedName("page", ".lock");
    private static final IndexedName REFCOUNT = new IndexedName("page", "._refcount");
    private static final IndexedName WRITEBACK = new IndexedName("page", ".PG_writeback");
    private static final IndexedName LRU = new IndexedName("page", ".PG_lru");

    final int id;
    public final PageLock lock;
    public final RaceLong refcount;
    /** {@code PG_writeback}: 1 while a swap write is in flight. */
    public final RaceLong writeback;
    /** {@code PG_lru}: 1 once {@code lru_cache_add} ran. */
    public final RaceLong lru;

    private final Trace trace;

    // guarded by the page lock: read and written through the checked accessors only
    private boolean uptodate;
    private boolean dirty;
    private boolean swapCache;
    private SwapEntry privateEntry;
    private ShmemInode mapping;
    private int index = -1;
    private MemCgroup memcg;
    private long data;

    /**
     * Lockdep's state, not the kernel's: set by the thread that first inserts the page into
     * {@code i_pages} or the swap cache (before the store that publishes it). Until then the page
     * is private to its allocator and needs no lock.
     */
    private boolean shared;
    /** Set by the thread dropping the last reference while {@code __put_page} tears the page down. */
    private boolean freeing;
    /** Set once by the thread that drops the last reference ({@code __put_page}). */
    private volatile boolean freed;

    /** The page allocated before this one ({@link Trace}'s list); written before the page is published. */
    Page older;

    Page(int id, RaceHook hook, Trace trace) {
        this.id = id;
        this.trace = trace;
        this.lock = new PageLock(LOCK.of(id), hook);
        this.refcount = new RaceLong(REFCOUNT.of(id), hook, 1);
        this.writeback = new RaceLong(WRITEBACK.of(id), hook, 0);
        this.lru = new RaceLong(LRU.of(id), hook, 0);
    }

    /**
     * Become a copy of {@code t}, a page of a quiescent template machine with the same id, its
     * references replaced by this machine's {@code mapping}, {@code memcg} and {@code entry}.
     * Single-threaded, before the actors start; {@link Trace#restore} links {@link #older}.
     */
    void restore(Page t, ShmemInode mapping, MemCgroup memcg, SwapEntry entry) {
        lock.reset(t.lock);
        refcount.reset(t.refcount.quiescent());
        writeback.reset(t.writeback.quiescent());
        lru.reset(t.lru.quiescent());
        uptodate = t.uptodate;
        dirty = t.dirty;
        swapCache = t.swapCache;
        privateEntry = entry;
        this.mapping = mapping;
        index = t.index;
        this.memcg = memcg;
        data = t.data;
        shared = t.shared;
        freeing = false;
        freed = t.freed;
    }

    /** A page handed out again by {@code alloc_page}: as the constructor leaves it. */
    void renew() {
        lock.resetUnlocked();
        refcount.reset(1);
        writeback.reset(0);
        lru.reset(0);
        uptodate = false;
        dirty = false;
        swapCache = false;
        privateEntry = null;
        mapping = null;
        index = -1;
        memcg = null;
        data = 0;
        shared = false;
        freeing = false;
        freed = false;
        older = null;
    }

    // ---- the model's accessors: lockdep for the plain fields

    /** Lockdep: a guarded field of this page is touched by the calling thread. */
    private void access(Violation field) {
        if (freed) {
            trace.violation(Violation.PAGE_USE_AFTER_FREE);
        } else if (shared && !freeing && !lock.heldByCurrentThread()) {
            trace.violation(field);
        }
    }

    /** The page is about to become visible to other threads (inserted into i_pages or the swap cache). */
    void share() {
        shared = true;
    }

    /** {@code __put_page}: the caller dropped the last reference and tears the page down. */
    void beginFree() {
        freeing = true;
    }

    /** {@code free_unref_page}: the page is back in the allocator. */
    void endFree() {
        freeing = false;
        freed = true;
    }

    /** {@code PageUptodate}. */
    boolean uptodate() {
        access(Violation.PG_UPTODATE);
        return uptodate;
    }

    /** {@code SetPageUptodate} / {@code ClearPageUptodate}. */
    void setUptodate(boolean v) {
        access(Violation.PG_UPTODATE);
        uptodate = v;
    }

    /** {@code PageDirty}. */
    boolean dirty() {
        access(Violation.PG_DIRTY);
        return dirty;
    }

    /** {@code SetPageDirty} / {@code ClearPageDirty} ({@code clear_page_dirty_for_io}, {@code cancel_dirty_page}). */
    void setDirty(boolean v) {
        access(Violation.PG_DIRTY);
        dirty = v;
    }

    /**
     * {@code set_page_dirty} from {@code end_swap_bio_write} on a write error: no page lock, but
     * {@code PG_writeback} is still set, and every path that reads {@code PG_dirty} of a
     * swap-cache page first waits for, or gives up on, writeback; clearing writeback
     * (a race point) publishes this store.
     */
    void setDirtyUnderWriteback() {
        if (writeback.observed() == 0) {
            access(Violation.PG_DIRTY);
        }
        dirty = true;
    }

    /** {@code PageSwapCache}. */
    boolean swapCache() {
        access(Violation.PG_SWAPCACHE);
        return swapCache;
    }

    /** {@code page_private}: the swap entry of a swap-cache page. */
    SwapEntry entry() {
        access(Violation.PG_SWAPCACHE);
        return privateEntry;
    }

    /** {@code SetPageSwapCache} + {@code set_page_private(E)}, or with null their clearing. */
    void setSwapCache(SwapEntry e) {
        access(Violation.PG_SWAPCACHE);
        swapCache = e != null;
        privateEntry = e;
    }

    /** {@code page->mapping}. */
    ShmemInode pageMapping() {
        access(Violation.MAPPING);
        return mapping;
    }

    /** {@code page->index}. */
    int pageIndex() {
        access(Violation.MAPPING);
        return index;
    }

    /** {@code page->mapping} and {@code page->index}; null and -1 clear them. */
    void setMapping(ShmemInode m, int i) {
        access(Violation.MAPPING);
        mapping = m;
        index = i;
    }

    /** {@code page->mem_cgroup}. */
    MemCgroup pageMemcg() {
        access(Violation.MEM_CGROUP);
        return memcg;
    }

    void setMemcg(MemCgroup m) {
        access(Violation.MEM_CGROUP);
        memcg = m;
    }

    /**
     * The page's contents, as {@code copy_page_to_iter} or the write bio reads them. Not
     * guarded: the kernel reads an uptodate page's data with only a reference held
     * ({@code shmem_file_read_iter} copies after {@code unlock_page}); only a freed page's is wrong.
     */
    long readData() {
        if (freed) {
            trace.violation(Violation.PAGE_USE_AFTER_FREE);
        }
        return data;
    }

    /** The page's contents, as the read bio or a write fault fills them. */
    void writeData(long d) {
        access(Violation.DATA);
        data = d;
    }

    /**
     * {@code VM_BUG_ON_PAGE(!PageLocked(page))}: record {@code v} unless the caller holds the page
     * lock. Stricter than the kernel's test of the bit (which another task's lock satisfies), and
     * no race point: in the model every lock is released by the thread that took it (IO
     * completion runs in the submitter's thread), so the caller's own history decides it.
     */
    void assertLocked(Violation v) {
        if (!lock.heldByCurrentThread()) {
            trace.violation(v);
        }
    }

    /** {@code VM_BUG_ON_PAGE(PageWriteback(page))}: record {@code v} if a write is in flight. */
    void assertNotWriteback(Violation v) {
        if (writeback.observed() != 0) {
            trace.violation(v);
        }
    }

    /** {@code unlock_page}, with its {@code VM_BUG_ON_PAGE(!PageLocked(page))}. */
    void unlock(RacePoint at) {
        if (!lock.release(at)) {
            trace.violation(Violation.UNLOCK_PAGE_UNLOCKED);
        }
    }

    public int id() {
        return id;
    }

    // Quiescent accessors for the checker and tests (actors are joined; no race point).
    public boolean isUptodate() {
        return uptodate;
    }

    public boolean isDirty() {
        return dirty;
    }

    public boolean isSwapCache() {
        return swapCache;
    }

    public SwapEntry privateEntry() {
        return privateEntry;
    }

    public ShmemInode mapping() {
        return mapping;
    }

    public int index() {
        return index;
    }

    public MemCgroup memcg() {
        return memcg;
    }

    public long data() {
        return data;
    }

    /** The page allocated before this one, or null: {@link Trace#newestPage()} lists pages this way. */
    public Page older() {
        return older;
    }

    public boolean isFreed() {
        return freed;
    }

    public boolean isWriteback() {
        return writeback.quiescent() != 0;
    }

    public boolean isLru() {
        return lru.quiescent() != 0;
    }

    @Override
    public String toString() {
        return "page" + id;
    }
}
