package dev.swaprace.race;

import static dev.swaprace.race.Words.LONGS;

/**
 * {@code PG_locked}: a sleeping bit lock that any context may release (read IO takes it at
 * {@code __SetPageLocked} and {@code end_swap_bio_read} releases it), so not a
 * {@code ReentrantLock}. The lock word records <em>who</em> holds it, like a lockdep owner:
 * a failed {@code trylock_page} learns the holder from the same atomic read, which is how the
 * checker attributes a stranded page to the window that stranded it.
 */
public final class PageLock implements Primitive {
    private static final long UNLOCKED = 0;
    /** {@code values()} clones its array on every call. */
    private static final LockHolder[] HOLDERS = LockHolder.values();

    private final String name;
    private final RaceHook hook;
    /** The lock word, an element of the machine's {@link Words}: 0 when unlocked, otherwise {@code holder.ordinal() + 1}. */
    private final long[] words;
    private final int i;

    public PageLock(Words words, String name, RaceHook hook) {
        this.name = name;
        this.hook = hook;
        this.words = words.longs;
        this.i = words.allocLong(UNLOCKED);
    }

    /** A lock with words of its own (litmus tests). */
    public PageLock(String name, RaceHook hook) {
        this(Words.standalone(), name, hook);
    }

    private static long code(LockHolder holder) {
        return holder.ordinal() + 1;
    }

    private long word() {
        return (long) LONGS.getVolatile(words, i);
    }

    /** {@code lock_page}: blocks until the bit is clear, then takes it for {@code holder}. */
    public void lock(RacePoint at, LockHolder holder) {
        hook.before(at, Op.LOCK, this);
        long code = code(holder);
        int spins = 0;
        while (!LONGS.compareAndSet(words, i, UNLOCKED, code)) {
            spins = Backoff.relax(spins);
        }
    }

    /**
     * {@code trylock_page}: returns null on success, otherwise the holder seen by the failed
     * attempt.
     */
    public LockHolder trylock(RacePoint at, LockHolder holder) {
        hook.before(at, Op.TRYLOCK, this);
        long seen = (long) LONGS.compareAndExchange(words, i, UNLOCKED, code(holder));
        return seen == UNLOCKED ? null : HOLDERS[(int) seen - 1];
    }

    /**
     * {@code __SetPageLocked}: lock a page nobody else can see yet (a page just allocated by
     * {@code __read_swap_cache_async}). No race point: the page is still private.
     */
    public void setLockedPrivate(LockHolder holder) {
        if (!LONGS.compareAndSet(words, i, UNLOCKED, code(holder))) {
            throw new IllegalStateException(name + " already locked");
        }
    }

    /**
     * The holder moves on to another window of the same critical section (attribution only:
     * the lock stays held). A race point, because a concurrent failed trylock reads the word.
     */
    public void relabel(RacePoint at, LockHolder holder) {
        hook.before(at, Op.STORE, this);
        long old = (long) LONGS.getAndSet(words, i, code(holder));
        if (old == UNLOCKED) {
            throw new IllegalMonitorStateException("relabel of unlocked " + name);
        }
    }

    /** {@code unlock_page}; any thread may call it (IO completion does). */
    public void unlock(RacePoint at) {
        hook.before(at, Op.UNLOCK, this);
        if ((long) LONGS.getAndSet(words, i, UNLOCKED) == UNLOCKED) {
            throw new IllegalMonitorStateException("unlock_page of unlocked " + name);
        }
    }

    /** Quiescent read for the checker: the current holder, or null. No race point. */
    public LockHolder holder() {
        long w = words[i];   // plain: the join already ordered every write before it
        return w == UNLOCKED ? null : HOLDERS[(int) w - 1];
    }

    public boolean isLocked() {
        return word() != UNLOCKED;
    }

    @Override
    public boolean wouldBlock(Op op) {
        return op == Op.LOCK && word() != UNLOCKED;
    }

    /** Quiescent unlock for set-up, before the actors start; no race point. */
    public void resetUnlocked() {
        words[i] = UNLOCKED;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
