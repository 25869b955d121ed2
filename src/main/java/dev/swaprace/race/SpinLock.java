package dev.swaprace.race;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A kernel spinlock ({@code xa_lock}, the swap cluster lock, {@code info->lock}). Only its
 * owner releases it. Data guarded by it is plain Java fields, read and written only while it is
 * held: the acquire and release give the happens-before edges, so those accesses need no race
 * point of their own.
 *
 * <p>A lock built with {@code sectionIsOneStep} promises more: every access to the data it guards
 * passes a race point inside its critical sections (the data are primitives, touched only with
 * the lock held), and nothing in a critical section blocks or touches data read without the
 * lock. Then a critical section is one atomic step as far as any other thread can tell (Lipton's
 * reduction: the acquisition moves right, the release left, the guarded accesses both ways), and
 * the explorer may run it as one step whose footprint is those accesses.
 */
public final class SpinLock implements Primitive {
    /**
     * The owner word is a field of this object, not a separate {@code AtomicReference}; it holds
     * the owner's thread id, not the {@code Thread}: a CAS of a reference field pays the
     * collector's write barriers, and every lock and unlock of the model does one.
     */
    private static final VarHandle OWNER = Atomics.field(MethodHandles.lookup(), "owner", long.class);
    private static final long FREE = 0;   // thread ids start at 1

    private final String name;
    private final RaceHook hook;
    private final boolean sectionIsOneStep;
    private volatile long owner;   // FREE

    public SpinLock(String name, RaceHook hook) {
        this(name, hook, false);
    }

    /** @param sectionIsOneStep see the class comment: only for locks whose guarded data are primitives */
    public SpinLock(String name, RaceHook hook, boolean sectionIsOneStep) {
        this.name = name;
        this.hook = hook;
        this.sectionIsOneStep = sectionIsOneStep;
    }

    /** Whether a critical section of this lock may be explored as one step (see the class comment). */
    @Override
    public boolean sectionIsOneStep() {
        return sectionIsOneStep;
    }

    public void lock(RacePoint at) {
        hook.before(at, Op.LOCK, this);
        long me = Thread.currentThread().getId();
        int spins = 0;
        while (!OWNER.compareAndSet(this, FREE, me)) {
            spins = Backoff.relax(spins);
        }
    }

    public void unlock(RacePoint at) {
        hook.before(at, Op.UNLOCK, this);
        if (owner != Thread.currentThread().getId()) {
            throw new IllegalMonitorStateException(name + " unlocked by a thread that does not hold it");
        }
        owner = FREE;   // no CAS needed: while we hold it, nobody else writes the word
    }

    /** For assertions and the checker: whether the current thread holds this lock. */
    public boolean heldByCurrentThread() {
        return owner == Thread.currentThread().getId();
    }

    public boolean isLocked() {
        return owner != FREE;
    }

    @Override
    public boolean wouldBlock(Op op) {
        return op == Op.LOCK && owner != FREE;
    }

    @Override
    public boolean isLock() {
        return true;
    }

    /** {@code spin_lock} disables preemption: its holder must not sleep. */
    @Override
    public boolean atomicWhileHeld() {
        return true;
    }

    @Override
    public String blockedBy() {
        return name + " held";
    }

    /** Quiescent release for set-up, before the actors start; no race point. */
    public void reset() {
        OWNER.set(this, FREE);
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
