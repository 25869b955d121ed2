package dev.swaprace.explore;

import dev.swaprace.race.LockHolder;
import dev.swaprace.race.Op;
import dev.swaprace.race.PageLock;
import dev.swaprace.race.RaceLong;
import dev.swaprace.race.RaceRef;

/** One executed step of one execution: what ran, in which order, and what it saw. */
public final class Event {
    final int index;
    final Step step;
    /** The target's value just before the op: what a load, read-modify-write or trylock saw. */
    final Object seen;
    /** The actor held a spinlock ({@code xa_lock}, the cluster lock): not a lockless lookup. */
    final boolean underSpinlock;

    Event(int index, Step step, boolean underSpinlock) {
        this.index = index;
        this.step = step;
        this.seen = observe(step);
        this.underSpinlock = underSpinlock;
    }

    private static Object observe(Step s) {
        if (s.op == Op.SPIN || s.op == Op.STORE || s.op == Op.UNLOCK) {
            return null;
        }
        if (s.target instanceof RaceRef<?> r) {
            return r.quiescent();
        }
        if (s.target instanceof PageLock l) {
            return l.holder();
        }
        if (s.target instanceof RaceLong l && s.op != Op.WAIT) {
            return l.quiescent();
        }
        return null;
    }

    public int actor() {
        return step.actor;
    }

    public String label() {
        return step.point.label();
    }

    /** A failed {@code trylock_page}: the holder it met, else null. */
    LockHolder trylockFailedOn() {
        return step.op == Op.TRYLOCK && seen instanceof LockHolder h ? h : null;
    }

    @Override
    public String toString() {
        return index + " " + step;
    }
}
