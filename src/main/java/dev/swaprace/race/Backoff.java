package dev.swaprace.race;

/** {@code cond_resched()} in a retry loop: a race point, then a real yield. */
public final class Backoff {
    private Backoff() {
    }

    public static void condResched(RaceHook hook, RacePoint at) {
        hook.before(at, Op.SPIN, Primitive.CPU);
        Thread.onSpinWait();
    }
}
