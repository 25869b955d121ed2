package dev.swaprace.race;

/**
 * A model synchronization primitive: the only kind of object through which actors share
 * state. {@link #name()} is what a witness timeline prints ("page1.lock", "i_pages.xa_lock").
 */
public interface Primitive {
    String name();

    /**
     * True if {@code op} on this primitive would block the calling thread right now. Only a
     * blocking {@link Op#LOCK} on a held lock blocks; the explorer never runs such a thread.
     */
    default boolean wouldBlock(Op op) {
        return false;
    }

    /**
     * True if this is a lock: {@link Op#LOCK} and {@link Op#UNLOCK} take and release it, so the
     * release and another thread's blocking acquisition of it are never enabled together.
     */
    default boolean isLock() {
        return false;
    }

    /**
     * True if holding this lock puts the holder in atomic context, as a spinlock does: it must
     * not sleep ({@link #maySleep}), and a load it makes is not a lockless lookup.
     */
    default boolean atomicWhileHeld() {
        return false;
    }

    /**
     * True if {@code op} on this primitive may sleep ({@code lock_page},
     * {@code wait_on_page_writeback}), which the kernel forbids in atomic context.
     */
    default boolean maySleep(Op op) {
        return false;
    }

    /** True if a critical section of this lock may be explored as one step (see {@link SpinLock}). */
    default boolean sectionIsOneStep() {
        return false;
    }

    /**
     * What a blocking op on this primitive waits for right now, for a witness ("page locked by
     * IO", "i_pages.xa_lock held"), or null if there is nothing to say. Asked when the op would
     * block. A quiescent read: no race point.
     */
    default String blockedBy() {
        return null;
    }

    /**
     * What {@code op}, an operation that reads, would see if it ran now, for a witness: the value
     * a load or read-modify-write reads, the holder a trylock finds; null if nothing to show.
     * A quiescent read: no race point.
     */
    default Object seenBy(Op op) {
        return null;
    }

    /**
     * True if a load of this primitive is a lookup whose result a witness shows: an
     * {@code i_pages} or swap-cache slot, where what a lockless (RCU) lookup found decides the path.
     */
    default boolean loadIsLookup() {
        return false;
    }

    /** The target of an {@link Op#SPIN}: a busy-wait retry touches nothing by itself. */
    Primitive CPU = () -> "cpu";
}
