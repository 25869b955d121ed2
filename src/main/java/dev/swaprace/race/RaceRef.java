package dev.swaprace.race;

import static dev.swaprace.race.Words.REFS;

/**
 * A shared reference read locklessly somewhere: an {@code i_pages} or swap-cache slot (RCU
 * lookups), written under its {@code xa_lock}. Every access passes a race point. Its word is an
 * element of its machine's {@link Words}.
 */
public final class RaceRef<T> implements Primitive {
    private final String name;
    private final RaceHook hook;
    private final Object[] words;
    private final int i;

    public RaceRef(Words words, String name, RaceHook hook, T initial) {
        this.name = name;
        this.hook = hook;
        this.words = words.refs;
        this.i = words.allocRef(initial);
    }

    @SuppressWarnings("unchecked")
    private T value() {
        return (T) REFS.getVolatile(words, i);
    }

    public T load(RacePoint at) {
        hook.before(at, Op.LOAD, this);
        return value();
    }

    public void store(RacePoint at, T v) {
        hook.before(at, Op.STORE, this);
        REFS.setVolatile(words, i, v);
    }

    /** Returns the old value; stores {@code update} if it was identical to {@code expect}. */
    public T compareAndExchange(RacePoint at, T expect, T update) {
        hook.before(at, Op.RMW, this);
        @SuppressWarnings("unchecked")
        T witness = (T) REFS.compareAndExchange(words, i, expect, update);
        return witness;
    }

    /** Quiescent read for the checker (after the actors are joined); no race point. */
    @SuppressWarnings("unchecked")
    public T quiescent() {
        return (T) words[i];   // plain: the join already ordered every write before it
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
