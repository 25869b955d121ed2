package dev.swaprace.explore;

import dev.swaprace.race.Op;
import dev.swaprace.race.Primitive;
import dev.swaprace.race.RacePoint;

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
    /**
     * The primitive in the current execution: asked whether the op would block, read for
     * annotations. For an actor not yet started (its first step, known from earlier executions)
     * a stand-in with the primitive's name, replaced when the actor reaches the step.
     */
    Primitive target;
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

    /** The acquisition of a lock whose critical section runs as one step. */
    boolean startsSection() {
        return op == Op.LOCK && target.sectionIsOneStep();
    }

    /** This step's own access. */
    Access access() {
        return Access.of(targetId, op, target);
    }

    /** Whether the step can block: a lock it must wait for, a wait for zero, a busy-wait retry. */
    boolean mayBlock() {
        return (op == Op.LOCK && !startsSection()) || op == Op.WAIT || op == Op.SPIN;
    }

    @Override
    public String toString() {
        return actor + ":" + point.label() + " " + op + " " + target.name();
    }
}
