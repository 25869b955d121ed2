package dev.swaprace.mm;

import dev.swaprace.race.IndexedName;
import dev.swaprace.race.RaceHook;
import dev.swaprace.race.RacePoint;
import dev.swaprace.race.RaceRef;
import dev.swaprace.race.SpinLock;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fixed-size xarray: index to entry ({@code null} is empty, a {@link Page}, or a
 * {@link SwapEntry} value entry). Writers hold {@link #xaLock}; readers may load locklessly, as
 * under RCU. Used for a mapping's {@code i_pages} and for a swap address space.
 */
public final class XArray {
    private final String name;
    public final SpinLock xaLock;
    private final RaceRef<Object>[] slots;

    @SuppressWarnings("unchecked")
    XArray(String name, int size, RaceHook hook) {
        this.name = name;
        Names names = Names.of(name);
        this.xaLock = new SpinLock(names.lock, hook);
        this.slots = new RaceRef[size];
        for (int i = 0; i < size; i++) {
            slots[i] = new RaceRef<>(names.slot.of(i), hook, null);
        }
    }

    public int size() {
        return slots.length;
    }

    /** The primitives' names of an xarray called {@code name}; one per name (there are two). */
    private record Names(String lock, IndexedName slot) {
        private static final Map<String, Names> BY_NAME = new ConcurrentHashMap<>();

        static Names of(String name) {
            return BY_NAME.computeIfAbsent(name, n -> new Names(n + ".xa_lock", new IndexedName(n + "[", "]")));
        }
    }

    /** {@code xa_load}: lockless (RCU) read. */
    public Object load(RacePoint at, int index) {
        return slots[index].load(at);
    }

    /** Store with {@link #xaLock} held. */
    public void store(RacePoint at, int index, Object entry) {
        assert xaLock.heldByCurrentThread() : name + " store without xa_lock";
        slots[index].store(at, entry);
    }

    /**
     * {@code xa_cmpxchg}: under {@link #xaLock}, replace {@code old} by {@code entry} if the slot
     * holds {@code old}. Returns what the slot held.
     */
    public Object cmpxchg(RacePoint at, int index, Object old, Object entry) {
        xaLock.lock(at);
        try {
            Object cur = slots[index].load(at);
            if (cur == old) {
                slots[index].store(at, entry);
            }
            return cur;
        } finally {
            xaLock.unlock(at);
        }
    }

    /** Become a copy of {@code t}, entries mapped into {@code mm} ({@link Mm#restore}). */
    void restore(XArray t, Mm mm) {
        xaLock.reset();
        for (int i = 0; i < slots.length; i++) {
            slots[i].reset(mm.entry(t.slots[i].quiescent()));
        }
    }

    /** A checker's read inside a path, between race points ({@code RaceHook#observe}). */
    Object observed(int index) {
        return slots[index].observed();
    }

    /** Quiescent read for the checker. */
    public Object quiescent(int index) {
        return slots[index].quiescent();
    }

    @Override
    public String toString() {
        return name;
    }
}
