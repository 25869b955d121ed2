package dev.swaprace.race;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A shared reference read locklessly somewhere: an {@code i_pages} or swap-cache slot (RCU
 * lookups), written under its {@code xa_lock}. Every access passes a race point.
 */
public final class RaceRef<T> implements Primitive {
    /** The slot is a field of this object, not a separate {@code AtomicReference}. */
    private static final VarHandle VALUE = Atomics.field(MethodHandles.lookup(), "value", Object.class);

    private final String name;
    private final RaceHook hook;
    private volatile T value;

    public RaceRef(String name, RaceHook hook, T initial) {
        this.name = name;
        this.hook = hook;
        VALUE.set(this, initial);   // plain: whoever hands the machine to the actors publishes it
    }

    public T load(RacePoint at) {
        hook.before(at, Op.LOAD, this);
        return value;
    }

    public void store(RacePoint at, T v) {
        hook.before(at, Op.STORE, this);
        value = v;
    }

    /** Returns the old value; stores {@code update} if it was identical to {@code expect}. */
    public T compareAndExchange(RacePoint at, T expect, T update) {
        hook.before(at, Op.RMW, this);
        @SuppressWarnings("unchecked")
        T witness = (T) VALUE.compareAndExchange(this, expect, update);
        return witness;
    }

    /** A checker's read between race points ({@link RaceHook#observe}): no step of its own. */
    @SuppressWarnings("unchecked")
    public T observed() {
        hook.observe(Op.LOAD, this);
        return (T) VALUE.getVolatile(this);
    }

    @Override
    public Object seenBy(Op op) {
        return quiescent();
    }

    /** A slot read by lockless (RCU) lookups: what a lookup found explains the path it took. */
    @Override
    public boolean loadIsLookup() {
        return true;
    }

    /** Quiescent read for the checker (after the actors are joined); no race point. */
    @SuppressWarnings("unchecked")
    public T quiescent() {
        return (T) VALUE.get(this);   // plain: the join already ordered every write before it
    }

    /** Quiescent write for set-up, before the actors start (their start publishes it); no race point. */
    public void reset(T v) {
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
