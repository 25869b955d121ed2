package dev.swaprace.race;

import static dev.swaprace.race.Words.LONGS;

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
     * The owner word, an element of the machine's {@link Words}, holds the owner's thread id,
     * not the {@code Thread}: a CAS of a reference pays the collector's write barriers, and every
     * lock and unlock of the model does one.
     */
    private static final long FREE = 0;   // thread ids start at 1

    private final String name;
    private final RaceHook hook;
    private final boolean sectionIsOneStep;
    private final long[] words;
    private final int i;

    public SpinLock(Words words, String name, RaceHook hook) {
        this(words, name, hook, false);
    }

    /** @param sectionIsOneStep see the class comment: only for locks whose guarded data are primitives */
    public SpinLock(Words words, String name, RaceHook hook, boolean sectionIsOneStep) {
        this.name = name;
        this.hook = hook;
        this.sectionIsOneStep = sectionIsOneStep;
        this.words = words.longs;
        this.i = words.allocLong(FREE);
    }

    /** A lock with words of its own (litmus tests). */
    public SpinLock(String name, RaceHook hook) {
        this(name, hook, false);
    }

    /** A lock with words of its own (litmus tests). */
    public SpinLock(String name, RaceHook hook, boolean sectionIsOneStep) {
        this(Words.standalone(), name, hook, sectionIsOneStep);
    }

    private long owner() {
        return (long) LONGS.getVolatile(words, i);
    }

    /** Whether a critical section of this lock may be explored as one step (see the class comment). */
    public boolean sectionIsOneStep() {
        return sectionIsOneStep;
    }

    public void lock(RacePoint at) {
        hook.before(at, Op.LOCK, this);
        long me = Thread.currentThread().getId();
        int spins = 0;
        while (!LONGS.compareAndSet(words, i, FREE, me)) {
            spins = Backoff.relax(spins);
        }
    }

    public void unlock(RacePoint at) {
        hook.before(at, Op.UNLOCK, this);
        if (owner() != Thread.currentThread().getId()) {
            throw new IllegalMonitorStateException(name + " unlocked by a thread that does not hold it");
        }
        LONGS.setVolatile(words, i, FREE);   // no CAS needed: while we hold it, nobody else writes the word
    }

    /** For assertions and the checker: whether the current thread holds this lock. */
    public boolean heldByCurrentThread() {
        return owner() == Thread.currentThread().getId();
    }

    public boolean isLocked() {
        return owner() != FREE;
    }

    @Override
    public boolean wouldBlock(Op op) {
        return op == Op.LOCK && owner() != FREE;
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
