package dev.swaprace.explore;

import dev.swaprace.race.Op;
import dev.swaprace.race.PageLock;
import dev.swaprace.race.Primitive;
import dev.swaprace.race.RacePoint;
import dev.swaprace.race.SpinLock;

/**
 * The operation a paused actor performs next: the race point it stands at. {@code targetId}
 * names the primitive stably across the re-executions of a stateless search (the objects are
 * rebuilt by every set-up, their names are not), so the search compares steps of different
 * executions by it.
 */
final class Step {
    final int actor;
    final RacePoint point;
    final Op op;
    /** The primitive in the current execution: asked whether the op would block, read for annotations. */
    final Primitive target;
    final int targetId;
    /** Who held the lock (or why the op waits) when the actor arrived, if it could not run at once. */
    String blockedBy;

    Step(int actor, RacePoint point, Op op, Primitive target, int targetId) {
        this.actor = actor;
        this.point = point;
        this.op = op;
        this.target = target;
        this.targetId = targetId;
    }

    /** Same step of the same actor, as far as a re-execution can tell. */
    boolean sameAs(Step o) {
        return o != null && actor == o.actor && point == o.point && op == o.op && targetId == o.targetId;
    }

    /**
     * The dependence relation of the search: two steps of different actors conflict if they
     * touch the same primitive and one of them writes it (a lock operation writes the lock). A
     * {@code cond_resched()} retry ({@link Op#SPIN}) is enabled only by another actor's write, so
     * it conflicts with every write.
     */
    static boolean dependent(Step a, Step b) {
        if (a.actor == b.actor) {
            return false;
        }
        if (a.targetId == b.targetId && (a.op.writes() || b.op.writes())) {
            return true;
        }
        return (a.op == Op.SPIN && b.op.writes()) || (b.op == Op.SPIN && a.op.writes());
    }

    /**
     * False only for steps that can never both be enabled: the release of a lock and a blocking
     * acquisition of the same lock by another actor (while the lock is held the acquisition is
     * blocked, and a release of a free lock is a model bug). Flanagan and Godefroid's race check
     * skips such pairs and finds the acquisition the release belongs to instead.
     */
    static boolean mayBeCoEnabled(Step a, Step b) {
        if (a.targetId != b.targetId || !(a.target instanceof SpinLock || a.target instanceof PageLock)) {
            return true;
        }
        return !((a.op == Op.LOCK && b.op == Op.UNLOCK) || (a.op == Op.UNLOCK && b.op == Op.LOCK));
    }

    @Override
    public String toString() {
        return actor + ":" + point.label() + " " + op + " " + target.name();
    }
}
