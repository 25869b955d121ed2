package dev.swaprace.stress;

import dev.swaprace.scenario.Run;

import java.util.function.Supplier;

/**
 * Hands a generated jcstress test its {@link Run}, recycling finished ones. jcstress 0.16
 * builds a slot's next state object right after that slot's {@code @Arbiter}, in the same
 * thread ({@code jcstress_consume_reinit}): the arbiter takes the outcome, resets the machine to
 * the initial state and leaves the run here; the state constructor on that thread takes it
 * back. A sample then allocates no machine, and the heap holds no dead ones for the GC to copy.
 * A run is reset only after its outcome, and jcstress never touches a state after its arbiter,
 * so no execution can see another's machine.
 */
public final class Recycler {
    /** Builds a new run: a scenario set up on a variant (or a mutant) with the test's race hook. */
    private final Supplier<Run> setUp;
    /** Per thread, the run its last arbiter finished, or null. */
    private final ThreadLocal<Run[]> spare = ThreadLocal.withInitial(() -> new Run[1]);

    public Recycler(Supplier<Run> setUp) {
        this.setUp = setUp;
    }

    /** For a state constructor: this thread's spare run, or a new one. */
    public Run take() {
        Run[] mine = spare.get();
        Run r = mine[0];
        if (r == null) {
            return setUp.get();
        }
        mine[0] = null;
        return r;
    }

    /** For an arbiter: {@code run}'s outcome id; the run, reset, becomes this thread's spare. */
    public String finish(Run run) {
        String id = run.outcomeId();
        run.reset();
        spare.get()[0] = run;
        return id;
    }
}
