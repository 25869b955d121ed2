package dev.swaprace.race;

/** Waiting: {@code cond_resched()} in a retry loop, and the spin of a blocked primitive. */
public final class Backoff {
    private Backoff() {
    }

    /**
     * One turn of a real wait (a held lock, a writeback): spin, and let other threads run now
     * and then, since an actor may wait for a thread that shares its CPU. Returns the next count.
     */
    static int relax(int spins) {
        if (++spins % 1024 == 0) {
            Thread.yield();
        } else {
            Thread.onSpinWait();
        }
        return spins;
    }

    public static void condResched(RaceHook hook, RacePoint at) {
        hook.before(at, Op.SPIN, Primitive.CPU);
        Thread.onSpinWait();
    }
}
