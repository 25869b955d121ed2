package dev.swaprace.race;

/**
 * What happens at a race point. Every synchronization operation of the model calls
 * {@link #before} right before it acts. Three behaviours plug in here: nothing (JCStress), a
 * delay that widens a window (the hunt), and a scheduler that decides who runs next (the
 * explorer, and the forced-schedule tests).
 */
public interface RaceHook {

    /**
     * Called before {@code op} is performed on {@code target} at step {@code point}.
     *
     * @param target the primitive about to be used (a {@link SpinLock}, {@link PageLock},
     *               {@link RaceRef} or {@link RaceLong}); its identity is what two operations
     *               must share to conflict
     */
    void before(RacePoint point, Op op, Primitive target);

    /**
     * A checker instrument inside a modelled path reads {@code target} between two race points
     * (a kernel assertion, a postcondition): not a step of its own, but part of the caller's
     * last step, which no other actor can interleave with. The explorer adds the access to that
     * step's footprint, so that its search orders the check against every conflicting step of
     * the other actors; jcstress does nothing.
     */
    default void observe(Op op, Primitive target) {
    }

    /**
     * Thrown by a hook through the model (the explorer unwinding an execution that ended early,
     * or failing on its own inconsistency): the driver's control flow, never a finding about the
     * model, so the model's handlers of its own failures ({@code scenario.Run}) let it through.
     */
    abstract class Signal extends Error {
        protected Signal(String message, boolean stackTrace) {
            super(message, null, false, stackTrace);
        }
    }

    /** The JCStress behaviour: nothing. A single implementation keeps the call site monomorphic. */
    RaceHook NONE = new RaceHook() {
        @Override
        public void before(RacePoint point, Op op, Primitive target) {
        }

        @Override
        public String toString() {
            return "none";
        }
    };
}
