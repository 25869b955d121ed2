package dev.swaprace.mm;

import dev.swaprace.race.RaceHook;
import dev.swaprace.race.RacePoint;
import dev.swaprace.race.SpinLock;

/** A tmpfs inode: its mapping's {@code i_pages} and {@code shmem_inode_info}. */
public final class ShmemInode {
    public final XArray iPages;
    /** {@code info->lock}. */
    public final SpinLock infoLock;
    /** {@code info->swapped}; guarded by {@link #infoLock} (lockdep-checked). */
    private long swapped;
    private final Trace trace;

    ShmemInode(int nrIndexes, RaceHook hook, Trace trace) {
        this.iPages = new XArray("i_pages", nrIndexes, hook);
        this.infoLock = new SpinLock("info->lock", hook);
        this.trace = trace;
    }

    /** {@code info->swapped += delta} under {@code info->lock}. */
    void addSwapped(RacePoint at, long delta) {
        infoLock.lock(at);
        add(delta);
        infoLock.unlock(at);
    }

    /** The seeded bug {@link Mutant#SWAPPED_DEC_WITHOUT_INFO_LOCK}: the same update, no lock. */
    void addSwappedWithoutLock(long delta) {
        add(delta);
    }

    /**
     * Lockdep for {@code info->swapped}: a plain field, so an update without {@code info->lock}
     * is a lost update waiting to happen that no interleaving shows; it is caught when it happens.
     */
    private void add(long delta) {
        if (!infoLock.heldByCurrentThread()) {
            trace.violation(Violation.INFO_SWAPPED);
        }
        swapped += delta;
    }

    /** Become a copy of {@code t} ({@link Mm#restore}). */
    void restore(ShmemInode t, Mm mm) {
        iPages.restore(t.iPages, mm);
        infoLock.reset();
        swapped = t.swapped;
    }

    /** Quiescent read for the checker. */
    public long swapped() {
        return swapped;
    }

    @Override
    public String toString() {
        return "mapping";
    }
}
