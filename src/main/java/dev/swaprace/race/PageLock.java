package dev.swaprace.race;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * {@code PG_locked}: a sleeping bit lock that any context may release (read IO takes it at
 * {@code __SetPageLocked} and {@code end_swap_bio_read} releases it), so not a
 * {@code ReentrantLock}. The lock word records <em>who</em> holds it, like a lockdep owner:
 * a failed {@code trylock_page} learns the holder from the same atomic read, which is how the
 * checker attributes a stranded page to the window that stranded it.
 */
public final class PageLock implements Primitive {
    private static final int UNLOCKED = 0;
    /** The lock word is a field of this object, not a separate {@code AtomicInteger}. */
    private static final VarHandle WORD = Atomics.field(MethodHandles.lookup(), "word", int.class);
    private static final VarHandle OWNER = Atomics.field(MethodHandles.lookup(), "owner", Thread.class);
    /** {@code values()} clones its array on every call. */
    private static final LockHolder[] HOLDERS = LockHolder.values();

    private final String name;
    private final RaceHook hook;
    /** 0 when unlocked, otherwise {@code holder.ordinal() + 1}. */
    private volatile int word;   // UNLOCKED
    /**
     * Lockdep's view, not the kernel's: the thread that took the lock, so the model can check
     * that a plain page field is written by the lock's holder ({@link #heldByCurrentThread}).
     * Written only by that thread while it holds the lock, opaque: no race point.
     */
    private Thread owner;

    public PageLock(String name, RaceHook hook) {
        this.name = name;
        this.hook = hook;
    }

    /** {@code lock_page}: blocks until the bit is clear, then takes it for {@code holder}. */
    public void lock(RacePoint at, LockHolder holder) {
        hook.before(at, Op.LOCK, this);
        int code = holder.ordinal() + 1;
        int spins = 0;
        while (!WORD.compareAndSet(this, UNLOCKED, code)) {
            spins = Backoff.relax(spins);
        }
        OWNER.setOpaque(this, Thread.currentThread());
    }

    /**
     * {@code trylock_page}: returns null on success, otherwise the holder seen by the failed
     * attempt.
     */
    public LockHolder trylock(RacePoint at, LockHolder holder) {
        hook.before(at, Op.TRYLOCK, this);
        int seen = (int) WORD.compareAndExchange(this, UNLOCKED, holder.ordinal() + 1);
        if (seen == UNLOCKED) {
            OWNER.setOpaque(this, Thread.currentThread());
            return null;
        }
        return HOLDERS[seen - 1];
    }

    /**
     * {@code __SetPageLocked}: lock a page nobody else can see yet (a page just allocated by
     * {@code __read_swap_cache_async}). No race point: the page is still private.
     */
    public void setLockedPrivate(LockHolder holder) {
        if (!WORD.compareAndSet(this, UNLOCKED, holder.ordinal() + 1)) {
            throw new IllegalStateException(name + " already locked");
        }
        OWNER.setOpaque(this, Thread.currentThread());
    }

    /**
     * The holder moves on to another window of the same critical section. Attribution only:
     * the lock bit stays set, so no model path behaves differently. No race point of its own:
     * it runs inside the step of the race point just before it, the kernel step that decides
     * the window. Sound for the explorer only where that step already orders it against every
     * failed trylock that could see it: the step is a trylock of this lock (its access is this
     * word), or every such trylock follows, in its own actor, a step that conflicts with it (S.4:
     * P.try follows P.cas, which conflicts with S.4's load). Otherwise use
     * {@link #relabel(RacePoint, LockHolder)}.
     */
    public void relabel(LockHolder holder) {
        int old = (int) WORD.getAndSet(this, holder.ordinal() + 1);
        if (old == UNLOCKED) {
            throw new IllegalMonitorStateException("relabel of unlocked " + name);
        }
    }

    /**
     * As {@link #relabel(LockHolder)}, as a step of its own at {@code at}: a store to the lock
     * word, so the explorer orders it against every trylock of this lock.
     */
    public void relabel(RacePoint at, LockHolder holder) {
        hook.before(at, Op.STORE, this);
        relabel(holder);
    }

    /** {@code unlock_page}; any thread may call it (IO completion does). */
    public void unlock(RacePoint at) {
        if (!release(at)) {
            throw new IllegalMonitorStateException("unlock_page of unlocked " + name);
        }
    }

    /**
     * {@code unlock_page} that reports instead of throwing: false if the lock was not held (the
     * kernel's {@code VM_BUG_ON_PAGE(!PageLocked(page))}, which the caller records).
     */
    public boolean release(RacePoint at) {
        hook.before(at, Op.UNLOCK, this);
        OWNER.setOpaque(this, null);
        return (int) WORD.getAndSet(this, UNLOCKED) != UNLOCKED;
    }

    /**
     * Whether the calling thread took this lock and has not released it: lockdep's question,
     * for the model's own checks. No race point; only the holder's own writes can make it true.
     */
    public boolean heldByCurrentThread() {
        return word != UNLOCKED && OWNER.getOpaque(this) == Thread.currentThread();
    }

    /** Quiescent read for the checker: the current holder, or null. No race point. */
    public LockHolder holder() {
        int w = word;
        return w == UNLOCKED ? null : HOLDERS[w - 1];
    }

    /** A checker's test of the bit between race points ({@link RaceHook#observe}): no step of its own. */
    public boolean observedLocked() {
        hook.observe(Op.LOAD, this);
        return word != UNLOCKED;
    }

    public boolean isLocked() {
        return word != UNLOCKED;
    }

    @Override
    public boolean wouldBlock(Op op) {
        return op == Op.LOCK && word != UNLOCKED;
    }

    @Override
    public boolean isLock() {
        return true;
    }

    /** {@code lock_page} sleeps while the bit is set. */
    @Override
    public boolean maySleep(Op op) {
        return op == Op.LOCK;
    }

    @Override
    public String blockedBy() {
        LockHolder h = holder();
        return h == null ? null : "page locked by " + h;
    }

    /** The holder: what a trylock that fails finds. */
    @Override
    public Object seenBy(Op op) {
        return holder();
    }

    /** Quiescent copy of {@code other}'s word for set-up, before the actors start; no race point. */
    public void reset(PageLock other) {
        WORD.set(this, other.word);
        OWNER.set(this, null);
    }

    /** Quiescent unlock for set-up, before the actors start; no race point. */
    public void resetUnlocked() {
        WORD.set(this, UNLOCKED);
        OWNER.set(this, null);
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
