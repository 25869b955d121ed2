package dev.swaprace.race;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.UnaryOperator;

/**
 * The shared memory of one modelled machine: the word of every primitive built on it, packed
 * into one {@code long[]} (counters, lock words, swap-map entries) and one {@code Object[]}
 * (xarray slots, {@code swap_cgroup} records). A primitive is a view of one element: its name,
 * hook and index never change after construction.
 *
 * <p>Why: when two actors race on two cores, the cache lines they trade are the lines they
 * write. With each word in its own object beside the object's name and hook, every word one
 * actor wrote cost the other a miss on that whole object, and a reset wrote every object of the
 * machine. Packed, a machine's racy state is a few lines, a reset is one array copy, and the
 * views stay shared read-only in both cores' caches.
 *
 * <p>Elements are allocated once, single-threaded, while the machine is built; the capacity is
 * fixed then, so a view can hold the array itself.
 */
public final class Words {
    /** Volatile, CAS and atomic-add access to a {@code long[]} element: the racy accesses. */
    static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
    /** The same for an {@code Object[]} element. */
    static final VarHandle REFS = MethodHandles.arrayElementVarHandle(Object[].class);

    final long[] longs;
    final Object[] refs;
    private int usedLongs;
    private int usedRefs;

    public Words(int longs, int refs) {
        this.longs = new long[longs];
        this.refs = new Object[refs];
    }

    /** The words of a primitive built on its own (a litmus test's): one of each kind. */
    static Words standalone() {
        return new Words(1, 1);
    }

    int allocLong(long initial) {
        if (usedLongs == longs.length) {
            throw new IllegalStateException("more than " + longs.length + " long words allocated");
        }
        longs[usedLongs] = initial;   // plain: whoever hands the machine to the actors publishes it
        return usedLongs++;
    }

    int allocRef(Object initial) {
        if (usedRefs == refs.length) {
            throw new IllegalStateException("more than " + refs.length + " reference words allocated");
        }
        refs[usedRefs] = initial;
        return usedRefs++;
    }

    /** Throws unless every word of the capacity was allocated: a capacity formula that is off shows at once. */
    public void checkFull() {
        if (usedLongs != longs.length || usedRefs != refs.length) {
            throw new IllegalStateException("allocated " + usedLongs + " of " + longs.length + " long words and "
                    + usedRefs + " of " + refs.length + " reference words");
        }
    }

    /**
     * Become a copy of {@code t}, the words of a machine built the same way, each reference
     * passed through {@code own} (a template's page becomes this machine's page). Quiescent and
     * single-threaded, with no actor running; whoever starts the next actors publishes it.
     */
    public void copyFrom(Words t, UnaryOperator<Object> own) {
        if (t.longs.length != longs.length || t.refs.length != refs.length) {
            throw new IllegalArgumentException("words of another layout");
        }
        System.arraycopy(t.longs, 0, longs, 0, longs.length);
        for (int i = 0; i < refs.length; i++) {
            refs[i] = own.apply(t.refs[i]);
        }
    }
}
