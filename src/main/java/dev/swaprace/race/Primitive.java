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

    /** The target of an {@link Op#SPIN}: a busy-wait retry touches nothing by itself. */
    Primitive CPU = () -> "cpu";
}
