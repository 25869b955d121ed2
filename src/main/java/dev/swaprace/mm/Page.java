package dev.swaprace.mm;

import dev.swaprace.race.IndexedName;
import dev.swaprace.race.PageLock;
import dev.swaprace.race.RaceHook;
import dev.swaprace.race.RaceLong;

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
 *     still private to the thread that allocated it, or after its last reference is gone), so
 *     they are plain fields: the page lock orders them.</li>
 * </ul>
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

    // guarded by the page lock
    boolean uptodate;
    boolean dirty;
    boolean swapCache;
    SwapEntry privateEntry;
    ShmemInode mapping;
    int index = -1;
    MemCgroup memcg;
    long data;

    /** Set once by the thread that drops the last reference ({@code __put_page}). */
    boolean freed;

    /** The page allocated before this one ({@link Trace}'s list); written before the page is published. */
    Page older;

    Page(int id, RaceHook hook) {
        this.id = id;
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
        freed = false;
        older = null;
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
