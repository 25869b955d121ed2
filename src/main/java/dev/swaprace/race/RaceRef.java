package dev.swaprace.race;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A shared reference read locklessly somewhere: an {@code i_pages} or swap-cache slot (RCU
 * lookups), written under its {@code xa_lock}. Every access passes a race point.
 */
public final class RaceRef<T> implements Primitive {
    private final String name;
    private final RaceHook hook;
    private final AtomicReference<T> value;

    public RaceRef(String name, RaceHook hook, T initial) {
        this.name = name;
        this.hook = hook;
        this.value = new AtomicReference<>(initial);
    }

    public T load(RacePoint at) {
        hook.before(at, Op.LOAD, this);
        return value.get();
    }

    public void store(RacePoint at, T v) {
        hook.before(at, Op.STORE, this);
        value.set(v);
    }

    /** Returns the old value; stores {@code update} if it was identical to {@code expect}. */
    public T compareAndExchange(RacePoint at, T expect, T update) {
        hook.before(at, Op.RMW, this);
        return value.compareAndExchange(expect, update);
    }

    /** Quiescent read for the checker (after the actors are joined); no race point. */
    public T quiescent() {
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
