package dev.swaprace.suite;

import dev.swaprace.race.Atomics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The state of a generated jcstress test: one execution of a scenario. It holds no machine
 * until its first actor starts: that actor takes one from the test's {@link RunPool}, and the
 * other actors find it here. When the last actor ends, the machine goes back to the pool
 * ungraded; whoever takes it next grades this execution (the checker, as the arbiter would) and
 * resets it. The {@code @Arbiter} reports the outcome, grading the run itself if nobody has yet.
 *
 * <p>Why not in the arbiter: jcstress 0.16 keeps every state of an iteration live until its
 * arbiters run (10,240 at the default stride size and count). With a machine each, they
 * overflow the caches and a sample costs several times what it does in cache. With a pool, only
 * the executions in flight hold a machine.
 *
 * <p>Why the next taker: it is the actor that reached a new state first, the one ahead. Grading
 * and resetting slow it down, so the other actor catches up and takes the next machine: the two
 * actors stay in step, which is when their race windows overlap. Grading where the last actor
 * ends instead put the work on the slower actor and cut the L7 and L8 hit rates several times.
 *
 * <p>Grading after the last actor is the arbiter's view: the finish count is an atomic
 * read-modify-write, so the last actor sees every other actor's effects, and the pool hands the
 * machine over with a happens-before edge.
 */
public abstract class Sample {
    private static final VarHandle MACHINE = Atomics.field(MethodHandles.lookup(), "machine", RunPool.Machine.class);
    private static final VarHandle ENDED = Atomics.field(MethodHandles.lookup(), "ended", int.class);

    private final RunPool pool;
    /** The machine of this execution, set by the first actor (CAS), or null before. */
    private volatile RunPool.Machine machine;
    /** Actors that have ended. */
    private volatile int ended;
    /** Set once by whoever grades this execution: the machine's next taker, or the arbiter. */
    private volatile String outcome;

    protected Sample(RunPool pool) {
        this.pool = pool;
    }

    /** Run actor {@code i} of the scenario. */
    protected final void act(int i) {
        RunPool.Machine m = machine;
        if (m == null) {
            RunPool.Machine mine = pool.take();
            RunPool.Machine witness = (RunPool.Machine) MACHINE.compareAndExchange(this, null, mine);
            if (witness == null) {
                m = mine;
            } else {
                pool.give(mine, null);   // another actor bound one first
                m = witness;
            }
        }
        m.run.act(i);
        if ((int) ENDED.getAndAdd(this, 1) + 1 == pool.actors()) {
            pool.give(m, this);
        }
    }

    /** Grade this execution on {@code m} (its machine, which nobody else is using). */
    void grade(RunPool.Machine m) {
        outcome = m.run.outcomeId();
    }

    /** The outcome id, for the {@code @Arbiter}: graded here if no taker has graded it yet. */
    protected final String outcome() {
        String o = outcome;
        if (o == null) {
            if (ended != pool.actors()) {
                throw new IllegalStateException("arbiter before every actor ended (" + ended + " of " + pool.actors() + ")");
            }
            RunPool.Machine m = machine;
            if (m != null) {
                m.gradeAsArbiter(this);
            }
            while ((o = outcome) == null) {
                Thread.onSpinWait();   // a taker is grading it now
            }
        }
        return o;
    }
}
