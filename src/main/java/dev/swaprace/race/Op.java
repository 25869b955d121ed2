package dev.swaprace.race;

/**
 * The kind of synchronization operation a race point stands in front of. The explorer uses it
 * to tell which operations conflict (same target, at least one that writes or locks) and which
 * ones can block.
 */
public enum Op {
    /** Blocking acquire: {@code lock_page}, {@code spin_lock}. */
    LOCK(true),
    /** Non-blocking acquire: {@code trylock_page}. */
    TRYLOCK(true),
    UNLOCK(true),
    /** Lockless (RCU or atomic) read. */
    LOAD(false),
    STORE(true),
    /** Read-modify-write: cmpxchg, atomic add, {@code page_ref_freeze}. */
    RMW(true),
    /**
     * Wait until the target reads zero ({@code wait_on_page_writeback}). Blocks while it does
     * not; the explorer treats it like a blocking lock.
     */
    WAIT(false),
    /**
     * About to retry a busy loop ({@code cond_resched()} after {@code swapcache_prepare}
     * returned -EEXIST): nothing changes until another thread acts.
     */
    SPIN(false);

    private final boolean writes;

    Op(boolean writes) {
        this.writes = writes;
    }

    /** True if the operation changes the target, so it conflicts with any other access to it. */
    public boolean writes() {
        return writes;
    }
}
