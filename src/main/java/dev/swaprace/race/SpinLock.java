package dev.swaprace.race;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A kernel spinlock ({@code xa_lock}, the swap cluster lock, {@code info->lock}). Only its
 * owner releases it. Data guarded by it is plain Java fields, read and written only while it is
 * held: the acquire and release give the happens-before edges, so those accesses need no race
 * point of their own.
 */
public final class SpinLock implements Primitive {
    private final String name;
    private final RaceHook hook;
    private final AtomicReference<Thread> owner = new AtomicReference<>();

    public SpinLock(String name, RaceHook hook) {
        this.name = name;
        this.hook = hook;
    }

    public void lock(RacePoint at) {
        hook.before(at, Op.LOCK, this);
        Thread me = Thread.currentThread();
        int spins = 0;
        while (!owner.compareAndSet(null, me)) {
            spins = Backoff.relax(spins);
        }
    }

    public void unlock(RacePoint at) {
        hook.before(at, Op.UNLOCK, this);
        if (!owner.compareAndSet(Thread.currentThread(), null)) {
            throw new IllegalMonitorStateException(name + " unlocked by a thread that does not hold it");
        }
    }

    /** For assertions and the checker: whether the current thread holds this lock. */
    public boolean heldByCurrentThread() {
        return owner.get() == Thread.currentThread();
    }

    public boolean isLocked() {
        return owner.get() != null;
    }

    @Override
    public boolean wouldBlock(Op op) {
        return op == Op.LOCK && owner.get() != null;
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
