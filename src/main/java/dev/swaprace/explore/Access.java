package dev.swaprace.explore;

import dev.swaprace.race.Op;
import dev.swaprace.race.Primitive;

/**
 * One access of a step to a primitive, as the search compares steps: the primitive's stable id
 * ({@link Step#targetId}), the operation, and whether the primitive is a lock (for the one pair
 * of operations that can never both be enabled). A step is one access, or, for a critical
 * section run as one step ({@code SpinLock.sectionIsOneStep}), the accesses inside it.
 */
record Access(int targetId, Op op, boolean lock) {

    static Access of(int targetId, Op op, Primitive target) {
        return new Access(targetId, op, target.isLock());
    }

    /**
     * The dependence relation of the search: two steps of different actors conflict if they
     * touch the same primitive and one of them writes it (a lock operation writes the lock). A
     * {@code cond_resched()} retry ({@link Op#SPIN}) is enabled only by another actor's write to
     * something the spinner touched since its previous retry, so its footprint reads all of those
     * ({@link #retry}).
     */
    static boolean dependent(Access[] a, Access[] b) {
        for (Access x : a) {
            for (Access y : b) {
                if (x.targetId == y.targetId && (x.op.writes() || y.op.writes())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The footprint of a retry: a read of each primitive the spinner touched since its last retry. */
    static Access[] retry(java.util.BitSet touched) {
        Access[] fp = new Access[touched.cardinality()];
        int k = 0;
        for (int id = touched.nextSetBit(0); id >= 0; id = touched.nextSetBit(id + 1)) {
            fp[k++] = new Access(id, Op.LOAD, false);
        }
        return fp;
    }

    /**
     * False only for steps that can never both be enabled: the release of a lock and a blocking
     * acquisition of the same lock by another actor (while the lock is held the acquisition is
     * blocked, and a release of a free lock is a model bug). The race check passes over such a
     * release to the acquisition it belongs to. A critical section run as one step never blocks.
     */
    static boolean mayBeCoEnabled(Access[] a, Access[] b) {
        if (a.length != 1 || b.length != 1) {
            return true;
        }
        Access x = a[0];
        Access y = b[0];
        if (x.targetId != y.targetId || !x.lock) {
            return true;
        }
        return !((x.op == Op.LOCK && y.op == Op.UNLOCK) || (x.op == Op.UNLOCK && y.op == Op.LOCK));
    }
}
