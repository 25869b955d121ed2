package dev.swaprace.race;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.LongUnaryOperator;

/**
 * A shared atomic counter: a page refcount, a page flag word, a memcg page counter. Every
 * access passes a race point.
 */
public final class RaceLong implements Primitive {
    /** The word is a field of this object, not a separate {@code AtomicLong}: one object per counter. */
    private static final VarHandle VALUE = Atomics.field(MethodHandles.lookup(), "value", long.class);

    private final String name;
    private final RaceHook hook;
    private volatile long value;

    public RaceLong(String name, RaceHook hook, long initial) {
        this.name = name;
        this.hook = hook;
        VALUE.set(this, initial);   // plain: whoever hands the machine to the actors publishes it
    }

    public long load(RacePoint at) {
        hook.before(at, Op.LOAD, this);
        return value;
    }

    public void store(RacePoint at, long v) {
        hook.before(at, Op.STORE, this);
        value = v;
    }

    /** Atomic add; returns the new value. */
    public long addAndGet(RacePoint at, long delta) {
        hook.before(at, Op.RMW, this);
        return (long) VALUE.getAndAdd(this, delta) + delta;
    }

    /** Returns the witness value (the old value); stores {@code update} if it equalled {@code expect}. */
    public long compareAndExchange(RacePoint at, long expect, long update) {
        hook.before(at, Op.RMW, this);
        return (long) VALUE.compareAndExchange(this, expect, update);
    }

    /**
     * One atomic read-modify-write with {@code f} (an {@code atomic_add_unless}, a bounded add);
     * returns the old value. One race point, as the kernel's single atomic instruction: a
     * load-then-cmpxchg loop would add a step at which nothing the kernel can observe happens.
     */
    public long getAndUpdate(RacePoint at, LongUnaryOperator f) {
        hook.before(at, Op.RMW, this);
        long old = value;
        while (true) {
            long witness = (long) VALUE.compareAndExchange(this, old, f.applyAsLong(old));
            if (witness == old) {
                return old;
            }
            old = witness;
        }
    }

    /**
     * One atomic step: add 1 unless the result would exceed {@code limit}; returns the old value
     * ({@code page_counter_try_charge}). A {@link #getAndUpdate} with a lambda capturing the limit
     * would allocate that lambda on every charge.
     */
    public long getAndIncrementUpTo(RacePoint at, long limit) {
        hook.before(at, Op.RMW, this);
        long old = value;
        while (true) {
            // as getAndUpdate: at the limit, the step still writes the value back
            long witness = (long) VALUE.compareAndExchange(this, old, old + 1 > limit ? old : old + 1);
            if (witness == old) {
                return old;
            }
            old = witness;
        }
    }

    /** Blocks (spinning) until the value is zero: {@code wait_on_page_writeback}. */
    public void waitForZero(RacePoint at) {
        hook.before(at, Op.WAIT, this);
        int spins = 0;
        while (value != 0) {
            spins = Backoff.relax(spins);
        }
    }

    @Override
    public boolean wouldBlock(Op op) {
        return op == Op.WAIT && value != 0;
    }

    /** {@code wait_on_page_writeback} sleeps until the word is zero. */
    @Override
    public boolean maySleep(Op op) {
        return op == Op.WAIT;
    }

    @Override
    public String blockedBy() {
        return name + " set";
    }

    /** The value a load or read-modify-write reads; nothing for a wait (it runs once the value is zero). */
    @Override
    public Object seenBy(Op op) {
        return op == Op.WAIT ? null : quiescent();
    }

    /** A checker's read between race points ({@link RaceHook#observe}): no step of its own. */
    public long observed() {
        hook.observe(Op.LOAD, this);
        return value;
    }

    /** Quiescent read for the checker (after the actors are joined); no race point. */
    public long quiescent() {
        return (long) VALUE.get(this);   // plain: the join already ordered every write before it
    }

    /** Quiescent write for set-up, before the actors start (their start publishes it); no race point. */
    public void reset(long v) {
        VALUE.set(this, v);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name + "=" + value;
    }
}
