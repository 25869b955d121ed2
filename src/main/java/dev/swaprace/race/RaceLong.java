package dev.swaprace.race;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongUnaryOperator;

/**
 * A shared atomic counter: a page refcount, a page flag word, a memcg page counter. Every
 * access passes a race point.
 */
public final class RaceLong implements Primitive {
    private final String name;
    private final RaceHook hook;
    private final AtomicLong value;

    public RaceLong(String name, RaceHook hook, long initial) {
        this.name = name;
        this.hook = hook;
        this.value = new AtomicLong(initial);
    }

    public long load(RacePoint at) {
        hook.before(at, Op.LOAD, this);
        return value.get();
    }

    public void store(RacePoint at, long v) {
        hook.before(at, Op.STORE, this);
        value.set(v);
    }

    /** Atomic add; returns the new value. */
    public long addAndGet(RacePoint at, long delta) {
        hook.before(at, Op.RMW, this);
        return value.addAndGet(delta);
    }

    /** Returns the witness value (the old value); stores {@code update} if it equalled {@code expect}. */
    public long compareAndExchange(RacePoint at, long expect, long update) {
        hook.before(at, Op.RMW, this);
        return value.compareAndExchange(expect, update);
    }

    /**
     * One atomic read-modify-write with {@code f} (an {@code atomic_add_unless}, a bounded add);
     * returns the old value. One race point, as the kernel's single atomic instruction: a
     * load-then-cmpxchg loop would add a step at which nothing the kernel can observe happens.
     */
    public long getAndUpdate(RacePoint at, LongUnaryOperator f) {
        hook.before(at, Op.RMW, this);
        return value.getAndUpdate(f);
    }

    /** Blocks (spinning) until the value is zero: {@code wait_on_page_writeback}. */
    public void waitForZero(RacePoint at) {
        hook.before(at, Op.WAIT, this);
        int spins = 0;
        while (value.get() != 0) {
            spins = Backoff.relax(spins);
        }
    }

    @Override
    public boolean wouldBlock(Op op) {
        return op == Op.WAIT && value.get() != 0;
    }

    /** Quiescent read for the checker (after the actors are joined); no race point. */
    public long quiescent() {
        return value.get();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name + "=" + value.get();
    }
}
