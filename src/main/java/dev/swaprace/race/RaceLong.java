package dev.swaprace.race;

import java.util.function.LongUnaryOperator;

import static dev.swaprace.race.Words.LONGS;

/**
 * A shared atomic counter: a page refcount, a page flag word, a memcg page counter. Every
 * access passes a race point. Its word is an element of its machine's {@link Words}.
 */
public final class RaceLong implements Primitive {
    private final String name;
    private final RaceHook hook;
    private final long[] words;
    private final int i;

    public RaceLong(Words words, String name, RaceHook hook, long initial) {
        this.name = name;
        this.hook = hook;
        this.words = words.longs;
        this.i = words.allocLong(initial);
    }

    /** A counter with words of its own (litmus tests). */
    public RaceLong(String name, RaceHook hook, long initial) {
        this(Words.standalone(), name, hook, initial);
    }

    private long value() {
        return (long) LONGS.getVolatile(words, i);
    }

    public long load(RacePoint at) {
        hook.before(at, Op.LOAD, this);
        return value();
    }

    public void store(RacePoint at, long v) {
        hook.before(at, Op.STORE, this);
        LONGS.setVolatile(words, i, v);
    }

    /** Atomic add; returns the new value. */
    public long addAndGet(RacePoint at, long delta) {
        hook.before(at, Op.RMW, this);
        return (long) LONGS.getAndAdd(words, i, delta) + delta;
    }

    /** Returns the witness value (the old value); stores {@code update} if it equalled {@code expect}. */
    public long compareAndExchange(RacePoint at, long expect, long update) {
        hook.before(at, Op.RMW, this);
        return (long) LONGS.compareAndExchange(words, i, expect, update);
    }

    /**
     * One atomic read-modify-write with {@code f} (an {@code atomic_add_unless}, a bounded add);
     * returns the old value. One race point, as the kernel's single atomic instruction: a
     * load-then-cmpxchg loop would add a step at which nothing the kernel can observe happens.
     */
    public long getAndUpdate(RacePoint at, LongUnaryOperator f) {
        hook.before(at, Op.RMW, this);
        long old = value();
        while (true) {
            long witness = (long) LONGS.compareAndExchange(words, i, old, f.applyAsLong(old));
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
        long old = value();
        while (true) {
            // as getAndUpdate: at the limit, the step still writes the value back
            long witness = (long) LONGS.compareAndExchange(words, i, old, old + 1 > limit ? old : old + 1);
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
        while (value() != 0) {
            spins = Backoff.relax(spins);
        }
    }

    @Override
    public boolean wouldBlock(Op op) {
        return op == Op.WAIT && value() != 0;
    }

    /** Quiescent read for the checker (after the actors are joined); no race point. */
    public long quiescent() {
        return words[i];   // plain: the join already ordered every write before it
    }

    /** Quiescent write for set-up, before the actors start (their start publishes it); no race point. */
    public void reset(long v) {
        words[i] = v;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name + "=" + value();
    }
}
