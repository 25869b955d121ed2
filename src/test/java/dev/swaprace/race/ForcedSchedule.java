package dev.swaprace.race;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Forces a schedule on real threads through the race-point hook: an actor thread stops right
 * before the first operation of a named step (a {@link Gate}), the test runs other actors, then
 * releases it. Threads that were not started here (the set-up, the checker's drain) pass
 * every race point untouched.
 */
public final class ForcedSchedule implements RaceHook {
    private static final long TIMEOUT_SECONDS = 20;

    private final Map<Thread, String> actors = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<Gate> gates = new CopyOnWriteArrayList<>();

    /** A stop for {@code actor} before its n-th operation at {@code point}. Fires once. */
    public final class Gate {
        private final String actor;
        private final RacePoint point;
        private final int nth;
        private int seen;   // only the actor's own thread touches it
        private final CountDownLatch arrived = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        private Gate(String actor, RacePoint point, int nth) {
            this.actor = actor;
            this.point = point;
            this.nth = nth;
        }

        /** Wait until the actor stands at the gate; false if it never got there. */
        public boolean awaitArrival() throws InterruptedException {
            return arrived.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }

        /** True if the actor has reached the gate; does not wait. */
        public boolean hasArrived() {
            return arrived.getCount() == 0;
        }

        public void release() {
            released.countDown();
        }

        @Override
        public String toString() {
            return actor + "@" + point.label();
        }
    }

    public Gate gate(String actor, RacePoint point) {
        return gate(actor, point, 1);
    }

    /** A stop before the {@code nth} (from 1) operation {@code actor} performs at {@code point}. */
    public Gate gate(String actor, RacePoint point, int nth) {
        Gate g = new Gate(actor, point, nth);
        gates.add(g);
        return g;
    }

    /** Start {@code body} on a new thread acting as {@code actor}. */
    public Actor start(String actor, Runnable body) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failure.set(e);
            }
        }, actor);
        actors.put(t, actor);
        t.setDaemon(true);
        t.start();
        return new Actor(t, failure);
    }

    /** A running actor thread. */
    public static final class Actor {
        private final Thread thread;
        private final AtomicReference<Throwable> failure;

        private Actor(Thread thread, AtomicReference<Throwable> failure) {
            this.thread = thread;
            this.failure = failure;
        }

        /** Join; fails if the actor did not finish in time or threw. */
        public void join() throws InterruptedException {
            thread.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
            if (thread.isAlive()) {
                throw new AssertionError("actor " + thread.getName() + " did not finish (blocked?)");
            }
            if (failure.get() != null) {
                throw new AssertionError("actor " + thread.getName() + " failed", failure.get());
            }
        }

        /** True if the actor is still running after {@code millis}. */
        public boolean stillRunningAfter(long millis) throws InterruptedException {
            thread.join(millis);
            return thread.isAlive();
        }
    }

    @Override
    public void before(RacePoint point, Op op, Primitive target) {
        String actor = actors.get(Thread.currentThread());
        if (actor == null) {
            return;
        }
        for (Gate g : gates) {
            if (g.point == point && g.actor.equals(actor) && ++g.seen == g.nth) {
                g.arrived.countDown();
                try {
                    if (!g.released.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("gate " + g + " never released");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted at gate " + g, e);
                }
            }
        }
    }
}
