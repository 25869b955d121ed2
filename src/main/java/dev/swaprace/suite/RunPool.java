package dev.swaprace.suite;

import dev.swaprace.race.Atomics;
import dev.swaprace.scenario.Run;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The machines of one generated jcstress test. An execution ({@link Sample}) takes one when its
 * first actor starts and gives it back, ungraded, when its last actor ends; the next taker
 * grades that execution and resets the machine. So only the executions in flight hold a machine
 * (about a stride's worth), not every state jcstress keeps live (10,240 at its default stride size
 * and count): the machines stay in the caches, where 10,240 of them would not.
 *
 * <p>Each thread keeps its own stack. The thread that starts executions and the one that ends
 * them are often not the same, so stacks overflow and run dry; they trade in batches through one
 * shared queue, one lock per {@value #BATCH} machines.
 */
public final class RunPool {
    /** Machines moved between a thread's stack and the shared queue at a time. */
    static final int BATCH = 32;

    /** Builds a new run: a scenario set up on a variant (or a mutant) with the test's race hook. */
    private final Supplier<Run> setUp;
    /** How many actors an execution of this test has: the last of them gives the machine back. */
    private final int actors;
    private final ThreadLocal<Stack> local = ThreadLocal.withInitial(Stack::new);
    /** Full batches given up by threads with too many; guarded by itself. */
    private final ArrayDeque<Machine[]> shared = new ArrayDeque<>();

    public RunPool(Supplier<Run> setUp) {
        this.setUp = setUp;
        Run first = setUp.get();
        this.actors = first.scenario().actors().size();
        local.get().push(new Machine(first));
    }

    int actors() {
        return actors;
    }

    /**
     * A machine in its initial state: this thread's newest, or one of a batch from another
     * thread, its last execution graded and reset here; or a new one.
     */
    Machine take() {
        Stack s = local.get();
        if (s.size == 0) {
            Machine[] batch;
            synchronized (shared) {
                batch = shared.poll();
            }
            if (batch == null) {
                return new Machine(setUp.get());
            }
            s.refill(batch);
        }
        Machine m = s.pop();
        m.gradePending();
        m.run.reset();
        return m;
    }

    /**
     * {@code m} back to this thread's stack, with {@code last}, the execution that used it, still
     * to grade (null: none); a full stack gives a batch away.
     */
    void give(Machine m, Sample last) {
        m.owner = last;
        Stack s = local.get();
        s.push(m);
        if (s.size == 2 * BATCH) {
            Machine[] batch = s.popBatch();
            synchronized (shared) {
                shared.push(batch);
            }
        }
    }

    /** A run and the execution it last served, until someone grades that execution. */
    static final class Machine {
        private static final VarHandle OWNER = Atomics.field(MethodHandles.lookup(), "owner", Object.class);
        /** {@link #owner} while an arbiter grades the execution. */
        private static final Object ARBITER = new Object();

        final Run run;
        /** The execution whose grading is pending (a {@link Sample}), {@link #ARBITER}, or null. */
        volatile Object owner;

        Machine(Run run) {
            this.run = run;
        }

        /** For a taker: grade the pending execution, if any, or wait for its arbiter to. */
        void gradePending() {
            Object last = owner;
            if (last instanceof Sample pending && OWNER.compareAndSet(this, last, null)) {
                pending.grade(this);
                return;
            }
            while (owner == ARBITER) {
                Thread.onSpinWait();
            }
        }

        /** For the arbiter of {@code last}: grade it if it is still pending here (else a taker has it). */
        void gradeAsArbiter(Sample last) {
            if (OWNER.compareAndSet(this, last, ARBITER)) {
                last.grade(this);
                owner = null;
            }
        }
    }

    /** One thread's machines; the newest on top, the one most likely still in this core's caches. */
    private static final class Stack {
        final Machine[] machines = new Machine[2 * BATCH];
        int size;

        void push(Machine m) {
            machines[size++] = m;
        }

        Machine pop() {
            Machine m = machines[--size];
            machines[size] = null;
            return m;
        }

        /** The oldest {@link #BATCH} machines, the coldest. */
        Machine[] popBatch() {
            Machine[] batch = Arrays.copyOf(machines, BATCH);
            System.arraycopy(machines, BATCH, machines, 0, size - BATCH);
            Arrays.fill(machines, size - BATCH, size, null);
            size -= BATCH;
            return batch;
        }

        void refill(Machine[] batch) {
            System.arraycopy(batch, 0, machines, 0, batch.length);
            size = batch.length;
        }
    }
}
