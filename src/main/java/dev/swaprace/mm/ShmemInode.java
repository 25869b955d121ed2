package dev.swaprace.mm;

import dev.swaprace.race.RaceHook;
import dev.swaprace.race.RacePoint;
import dev.swaprace.race.SpinLock;

/** A tmpfs inode: its mapping's {@code i_pages} and {@code shmem_inode_info}. */
public final class ShmemInode {
    public final XArray iPages;
    /** {@code info->lock}. */
    public final SpinLock infoLock;
    /** {@code info->swapped}; guarded by {@link #infoLock}. */
    private long swapped;

    ShmemInode(int nrIndexes, RaceHook hook) {
        this.iPages = new XArray("i_pages", nrIndexes, hook);
        this.infoLock = new SpinLock("info->lock", hook);
    }

    /** {@code info->swapped += delta} under {@code info->lock}. */
    void addSwapped(RacePoint at, long delta) {
        infoLock.lock(at);
        swapped += delta;
        infoLock.unlock(at);
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
