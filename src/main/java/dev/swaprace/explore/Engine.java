package dev.swaprace.explore;

import dev.swaprace.check.Code;
import dev.swaprace.check.Outcome;
import dev.swaprace.check.Verdict;
import dev.swaprace.race.Op;
import dev.swaprace.race.Primitive;
import dev.swaprace.race.RaceHook;
import dev.swaprace.race.RacePoint;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The controlled scheduler. A subject's actors run on real threads, one worker thread per actor,
 * kept alive across executions; exactly one of them runs at a time and control changes hands
 * only at race points, through {@link #before}.
 *
 * <p>Baton passing: the thread that holds the baton (an actor that just reached a race point or
 * just returned) asks the {@link Policy} who runs next. If it picks the caller, the caller
 * simply goes on: most steps cost no thread switch. Otherwise the caller hands the baton over
 * (a volatile write and {@code LockSupport.unpark}) and parks. The baton's volatile handoff
 * orders everything each actor did before everything the next one does, so the scheduler's own
 * state needs no locks.
 *
 * <p>A step is enabled unless it is a blocking acquisition of a held lock or a wait on a nonzero
 * word ({@link Primitive#wouldBlock}), or a {@link Op#SPIN} retry ({@code cond_resched()} in a
 * busy loop) that no other actor has given a reason to retry: since the spinner's previous retry
 * (or its start) no other actor has written a primitive the spinner touched in that time. The
 * loop iteration that ends in the retry read only those primitives (and data guarded by locks
 * among them, which changes only inside another actor's lock/unlock), so without such a write
 * the retry would read the same values and spin again: skipping it loses no behaviour. A retry's
 * footprint reads exactly those primitives ({@link Access#retry}): it conflicts with the writes
 * that can enable it and with no other step, so whether it is enabled does not depend on the
 * order of independent steps, as the search requires, and retries ordered differently against
 * unrelated writes are one trace. No enabled actor with work left is a deadlock.
 *
 * <p>Between executions the baton holder (the worker whose actor finished last) grades the
 * execution, asks the {@link Driver} for the next one and sets it up; the caller of
 * {@link #drive} only waits. Set-up, grading and drain happen outside an execution, so their race
 * points pass untouched. An actor whose first step is known from an earlier execution starts
 * only when the search first runs it. A critical section of a lock with
 * {@code sectionIsOneStep} runs without scheduling points inside: one step.
 *
 * <p>Parking, not spinning, waits for the baton ({@code -Dswaprace.explore.spins=N} spins first):
 * on a machine shared with other work, a spinning waiter takes the CPU the baton holder needs.
 */
final class Engine implements RaceHook, AutoCloseable {
    private static final int NOBODY = -1;
    /** Busy-wait this many rounds for the baton before parking (0: park at once, see the class comment). */
    private static final int SPINS = Integer.getInteger("swaprace.explore.spins", 0);

    /**
     * The engine's own consistency failure, raised on an actor's thread: a hook signal, so
     * that the model's handler of its own failures ({@code scenario.Run#act}) lets it through
     * and the search fails as a {@code MODEL_ERROR}, not as a finding about the model.
     */
    static final class Fault extends RaceHook.Signal {
        Fault(String message) {
            super(message, true);
        }
    }

    /** Thrown through the model to unwind the actors of an execution that ended early. */
    private static final class Abort extends RaceHook.Signal {
        Abort() {
            super("execution ended", false);
        }
    }

    private static final Abort ABORT = new Abort();

    /**
     * Feeds the engine executions. Called by whichever thread holds the baton between two
     * executions (the first time by the thread that called {@link #drive}), never concurrently.
     */
    interface Driver {
        /** The next execution to run, or null when the search is over. */
        Next next();

        /** An execution ended (its outcome already computed). */
        void finished(Execution e);
    }

    /**
     * One execution to run: an instance built with this engine as its hook, the policy that
     * schedules it, the choices it consults (may be null), and the bound on its length.
     */
    record Next(Subject.Instance instance, Policy policy, ChoicePlan choices, int maxSteps) {
    }

    private final int actors;
    private final Worker[] workers;
    /** Primitive name → stable id; see {@link Step#targetId}. */
    private final Map<String, Integer> targetIds = new HashMap<>();

    // --- the search; touched only by the baton holder ---
    private Driver driver;
    private Thread caller;
    private Throwable driveFailure;
    private long handoffs;

    // --- the current execution; touched only by the baton holder ---
    private Subject.Instance instance;
    private Policy policy;
    private ChoicePlan choices;
    private int maxSteps;
    private final Step[] pending;
    private final boolean[] started;
    private final boolean[] finished;
    /**
     * Since this actor's last SPIN (or start), another actor wrote a primitive this one touched
     * since then: its next SPIN may retry.
     */
    private final boolean[] dirty;
    private final int[] spinlocksHeld;
    /** Primitives each actor touched since its last SPIN (or start): what its retry loop reads. */
    private final BitSet[] readSinceSpin;
    /** The lock whose critical section the actor runs as one step, or null. */
    private final Primitive[] section;
    private final int[] lastEvent;
    private ArrayList<Event> events;
    private ArrayList<Note> notes;
    private boolean startingUp;
    /**
     * Each actor's first step, the same in every execution (the set-up is deterministic and the
     * code before the first race point is the actor's own), once an execution has shown it.
     */
    private final Step[] first;
    /** Start this actor's thread with the execution, never late (its first step may vary or block). */
    private final boolean[] eagerOnly;
    /** The actor's thread has not run yet in this execution; its pending step is {@link #first}. */
    private final boolean[] notStarted;
    private int lastActor;
    private Execution.End end;
    private String detail;
    private Throwable failure;
    private List<String> labels;

    /** Between an execution's start and its end: race points of actor threads are scheduled. */
    private volatile boolean running;
    private volatile int turn = NOBODY;
    private volatile boolean aborted;
    private volatile boolean over;
    private volatile boolean shutdown;
    private final AtomicInteger unwinding = new AtomicInteger();

    Engine(int actors) {
        if (actors < 1 || actors > 63) {
            throw new IllegalArgumentException("1..63 actors, not " + actors);
        }
        this.actors = actors;
        this.pending = new Step[actors];
        this.started = new boolean[actors];
        this.finished = new boolean[actors];
        this.dirty = new boolean[actors];
        this.spinlocksHeld = new int[actors];
        this.readSinceSpin = new BitSet[actors];
        this.section = new Primitive[actors];
        this.first = new Step[actors];
        this.eagerOnly = new boolean[actors];
        this.notStarted = new boolean[actors];
        this.lastEvent = new int[actors];
        this.workers = new Worker[actors];
        for (int i = 0; i < actors; i++) {
            workers[i] = new Worker(i);
            workers[i].start();
        }
    }

    private final class Worker extends Thread {
        final int index;

        Worker(int index) {
            super("swaprace-explore-" + index);
            this.index = index;
            setDaemon(true);
        }

        Engine engine() {
            return Engine.this;
        }

        @Override
        public void run() {
            while (awaitJob(index)) {
                Throwable thrown = null;
                try {
                    instance.act(index);
                } catch (Abort a) {
                    // unwound: the execution ended early
                } catch (Throwable t) {
                    thrown = t;
                }
                returned(index, thrown);
            }
        }
    }

    int actors() {
        return actors;
    }

    /** The step actor {@code a} will perform next, or null if it returned. */
    Step pending(int a) {
        return pending[a];
    }

    int eventCount() {
        return events.size();
    }

    /** The footprint actor {@code a}'s pending retry would have (see {@link Access#retry}). */
    Access[] retryFootprint(int a) {
        return Access.retry(readSinceSpin[a]);
    }

    /** Step {@code i} of the current execution. */
    Event event(int i) {
        return events.get(i);
    }

    /** The actor that performed the last step, or -1. */
    int lastActor() {
        return lastActor;
    }

    /** Actor names for the details of a deadlock or failure. */
    void labels(List<String> names) {
        this.labels = List.copyOf(names);
    }

    /** The index of the actor whose thread calls this while an execution runs, else -1. */
    int currentActor() {
        return running && Thread.currentThread() instanceof Worker w && w.engine() == this ? w.index : -1;
    }

    /**
     * Run executions until {@code d} has no more. The executions, their set-up and their
     * grading run on the worker threads, the baton passing from one execution to the next
     * without waking the caller; the caller waits. Rethrows what the driver or the grading threw.
     */
    void drive(Driver d) {
        this.driver = d;
        this.caller = Thread.currentThread();
        this.driveFailure = null;
        this.over = false;
        startNext();
        while (!over) {
            LockSupport.park(this);
        }
        turn = NOBODY;
        Throwable f = driveFailure;
        if (f instanceof RuntimeException r) {
            throw r;
        }
        if (f instanceof Error e) {
            throw e;
        }
        if (f != null) {
            throw new IllegalStateException(f);
        }
    }

    /** Ask the driver for the next execution and start its actors; or end the search. */
    private void startNext() {
        Next n;
        try {
            n = driver.next();
        } catch (Throwable t) {
            driveFailure = t;
            n = null;
        }
        if (n == null) {
            stop();
            return;
        }
        instance = n.instance();
        policy = n.policy();
        choices = n.choices();
        maxSteps = n.maxSteps();
        events = new ArrayList<>(128);
        notes = new ArrayList<>();
        for (int i = 0; i < actors; i++) {
            pending[i] = null;
            started[i] = false;
            finished[i] = false;
            dirty[i] = false;
            spinlocksHeld[i] = 0;
            readSinceSpin[i] = new BitSet();
            section[i] = null;
            lastEvent[i] = -1;
        }
        lastActor = -1;
        end = null;
        detail = null;
        failure = null;
        instance.reportSteps((at, text) -> note(currentActor(), at, text));
        if (choices != null) {
            choices.beginExecution();
        }
        policy.beginExecution();
        aborted = false;
        // Actors whose first step is known start only when the search first runs them: a thread
        // switch saved per actor and execution. The others run now, in order, to their first step.
        for (int a = 0; a < actors; a++) {
            Step f = first[a];
            notStarted[a] = f != null && !eagerOnly[a];
            if (notStarted[a]) {
                String name = f.target.name();
                pending[a] = new Step(a, f.point, f.op, () -> name, f.targetId);
            }
        }
        running = true;
        int eager = nextEager(-1);
        startingUp = eager >= 0;
        if (startingUp) {
            started[eager] = true;
            handTo(eager);
        } else {
            dispatch(-1, false);
        }
    }

    /** The next actor after {@code a} that starts with the execution, or -1. */
    private int nextEager(int a) {
        for (int b = a + 1; b < actors; b++) {
            if (!notStarted[b]) {
                return b;
            }
        }
        return -1;
    }

    /** The search is over: no worker may pick up the last execution's actors again. */
    private void stop() {
        turn = NOBODY;
        over = true;
        LockSupport.unpark(caller);
    }

    /** The execution is over (every actor returned or unwound): grade it, report it, go on. */
    private void endExecution() {
        running = false;
        try {
            policy.ended(this, end);
            driver.finished(finish());
        } catch (Throwable t) {
            driveFailure = t;
            stop();
            return;
        }
        startNext();
    }

    private Execution finish() {
        List<Event> evs = List.copyOf(events);
        List<Note> ns = List.copyOf(notes);
        ChoicePlan.Answers answers = choices == null ? ChoicePlan.Answers.NONE : choices.answers();
        Execution.End e = end;
        if (e == Execution.End.PRUNED || e == Execution.End.MODEL_ERROR) {
            return new Execution(evs, ns, e, detail, null, null, failure, answers);
        }
        String endState = instance.endState();
        // an actor that died (BUG, a model exception) can leave the others blocked or spinning:
        // what it detected when it happened is the finding, not the hang that followed
        Outcome violation = e == Execution.End.COMPLETE ? null : instance.violation();
        Outcome outcome = violation != null ? violation : switch (e) {
            case COMPLETE -> instance.outcome();
            case DEADLOCK -> new Outcome(Verdict.FORBIDDEN, Code.DEADLOCK.name());
            case LIVELOCK -> new Outcome(Verdict.FORBIDDEN, Code.BUG_LIVELOCK.name());
            case SLEEP_IN_ATOMIC -> new Outcome(Verdict.FORBIDDEN, Code.BUG_SLEEP_IN_ATOMIC.name());
            default -> throw new IllegalStateException(e.name());
        };
        return new Execution(evs, ns, e, detail, outcome, endState, null, answers);
    }

    // ------------------------------------------------------------------ the hook

    @Override
    public void before(RacePoint point, Op op, Primitive target) {
        if (!running || !(Thread.currentThread() instanceof Worker w) || w.engine() != this) {
            return;   // set-up, checker, drain: not an actor step
        }
        if (aborted) {
            throw ABORT;   // also for race points passed while unwinding (finally blocks)
        }
        int self = w.index;
        if (notStarted[self]) {
            startedLate(self, point, op, target);
            return;
        }
        if (section[self] != null) {
            inSection(self, point, op, target);
            return;
        }
        Step step = new Step(self, point, op, target, targetId(target));
        if (lastEvent[self] < 0 && pending[self] == null) {
            learnFirst(self, step);
        }
        pending[self] = step;
        if (target.wouldBlock(op)) {
            step.blockedBy = target.blockedBy();
        }
        checkSleepInAtomic(self, point, op, target);
        if (startingUp) {
            int next = nextEager(self);
            if (next >= 0) {
                started[next] = true;
                handTo(next);
                awaitTurn(self);
                return;
            }
            startingUp = false;
        }
        dispatch(self, true);
    }

    /** An actor's first race point in an execution where its thread started with the execution. */
    private void learnFirst(int self, Step step) {
        Step known = first[self];
        if (known == null) {
            first[self] = step;
            Op op = step.op;
            boolean cannotBlock = op == Op.LOAD || op == Op.STORE || op == Op.RMW || op == Op.TRYLOCK;
            // a choice before the first race point can change it: such an actor always starts early
            eagerOnly[self] = !cannotBlock || (choices != null && choices.consulted(self));
        } else if (!known.sameAs(step)) {
            eagerOnly[self] = true;
        }
    }

    /**
     * A late-started actor reaches its first race point: the step the search already ran for it.
     * Check it is that step, and let it go on with it.
     */
    private void startedLate(int self, RacePoint point, Op op, Primitive target) {
        notStarted[self] = false;
        Event e = events.get(lastEvent[self]);
        Step s = e.step;
        if (s.point != point || s.op != op || s.targetId != targetId(target)) {
            throw new Fault(actorName(self) + "'s first step is " + point.label() + " " + op + " "
                    + target.name() + " in this execution, not " + s + " as before: not deterministic");
        }
        s.target = target;
        e.observe();
    }

    @Override
    public void observe(Op op, Primitive target) {
        if (!running || aborted || !(Thread.currentThread() instanceof Worker w) || w.engine() != this) {
            return;
        }
        int last = lastEvent[w.index];
        if (last >= 0) {
            events.get(last).extend(Access.of(targetId(target), op, target));
        }
    }

    /** An actor's {@code act} returned (or threw). */
    private void returned(int self, Throwable thrown) {
        if (aborted) {
            if (unwinding.decrementAndGet() == 0) {
                endExecution();
            }
            return;
        }
        finished[self] = true;
        pending[self] = null;
        if (thrown != null) {
            failure = thrown;
            detail = actorName(self) + " threw " + thrown;
            abort(Execution.End.MODEL_ERROR, self, false);
            return;
        }
        if (startingUp) {
            int next = nextEager(self);
            if (next >= 0) {
                started[next] = true;
                handTo(next);
                return;
            }
            startingUp = false;
        }
        dispatch(self, false);
    }

    /**
     * The baton holder decides who runs next. {@code selfPaused}: the caller is an actor standing
     * at a race point (it runs on if chosen, else waits); otherwise it has returned, or it is
     * starting an execution ({@code self} -1 or any actor's worker).
     */
    private void dispatch(int self, boolean selfPaused) {
        boolean all = true;
        for (boolean f : finished) {
            all &= f;
        }
        if (all) {
            end = Execution.End.COMPLETE;
            endExecution();
            return;
        }
        if (events.size() >= maxSteps) {
            detail = "bound of " + maxSteps + " steps reached";
            abort(Execution.End.LIVELOCK, self, selfPaused);
            return;
        }
        long enabled = enabledMask();
        int next;
        try {
            next = policy.choose(this, enabled);
        } catch (RuntimeException e) {
            failure = e;
            detail = "the search failed: " + e.getMessage();
            abort(Execution.End.MODEL_ERROR, self, selfPaused);
            return;
        }
        if (next < 0) {
            if (enabled == 0) {
                detail = describeBlocked();
                abort(Execution.End.DEADLOCK, self, selfPaused);
            } else {
                abort(Execution.End.PRUNED, self, selfPaused);
            }
            return;
        }
        if ((enabled & (1L << next)) == 0) {
            throw new Fault("policy chose " + next + ", which is not enabled");
        }
        begin(next);
        if (next == self) {
            return;
        }
        started[next] = true;
        handTo(next);
        if (selfPaused) {
            awaitTurn(self);
        }
    }

    private long enabledMask() {
        long mask = 0;
        for (int a = 0; a < actors; a++) {
            Step s = pending[a];
            if (s == null || finished[a] || s.target.wouldBlock(s.op) || (s.op == Op.SPIN && !dirty[a])) {
                continue;
            }
            mask |= 1L << a;
        }
        return mask;
    }

    /** Record actor {@code a}'s pending step as executed; it performs it once it has the baton. */
    private void begin(int a) {
        Step s = pending[a];
        pending[a] = null;
        Event e = new Event(events.size(), s, spinlocksHeld[a] > 0);
        events.add(e);
        lastEvent[a] = e.index;
        lastActor = a;
        if (e.section) {
            section[a] = s.target;
            spinlocksHeld[a]++;
        } else {
            if (s.op == Op.SPIN) {
                e.footprint(Access.retry(readSinceSpin[a]));
            }
            touched(a, s.targetId, s.op, s.target);
        }
    }

    /**
     * A race point inside a critical section run as one step: no scheduling, the access joins
     * the step's footprint.
     */
    private void inSection(int self, RacePoint point, Op op, Primitive target) {
        checkSleepInAtomic(self, point, op, target);
        if (target.wouldBlock(op)) {
            throw new Fault(actorName(self) + " blocks at " + point.label() + " " + op + " "
                    + target.name() + " inside a critical section of " + section[self].name()
                    + ", which promised to be one step");
        }
        if (target == section[self] && op == Op.UNLOCK) {
            section[self] = null;
            spinlocksHeld[self]--;
            return;
        }
        int id = targetId(target);
        events.get(lastEvent[self]).add(Access.of(id, op, target));
        touched(self, id, op, target);
    }

    /**
     * Invariant 20: {@code lock_page} and {@code wait_on_page_writeback} may sleep
     * ({@link Primitive#maySleep}), which the kernel forbids with a spinlock held
     * ({@link Primitive#atomicWhileHeld}). Ends the execution as {@code BUG_SLEEP_IN_ATOMIC}.
     */
    private void checkSleepInAtomic(int self, RacePoint point, Op op, Primitive target) {
        if (target.maySleep(op) && spinlocksHeld[self] > 0) {
            detail = actorName(self) + " at " + point.label() + " would sleep in " + op + " " + target.name()
                    + " holding a spinlock";
            abort(Execution.End.SLEEP_IN_ATOMIC, self, true);
        }
    }

    /** Bookkeeping for one access of actor {@code a}: retry enabling, spinlocks held. */
    private void touched(int a, int targetId, Op op, Primitive target) {
        if (op.writes()) {
            for (int q = 0; q < actors; q++) {
                if (q != a && readSinceSpin[q].get(targetId)) {
                    dirty[q] = true;
                }
            }
        }
        if (op == Op.SPIN) {
            dirty[a] = false;
            readSinceSpin[a].clear();
        } else {
            readSinceSpin[a].set(targetId);
        }
        if (target.atomicWhileHeld()) {
            if (op == Op.LOCK) {
                spinlocksHeld[a]++;
            } else if (op == Op.UNLOCK) {
                spinlocksHeld[a]--;
            }
        }
    }

    /**
     * End the execution early: every started actor that has not returned unwinds (its pending
     * race point throws), and the last one to get out ends the execution.
     */
    private void abort(Execution.End why, int self, boolean selfPaused) {
        end = why;
        int live = 0;
        for (int a = 0; a < actors; a++) {
            if (started[a] && !finished[a]) {
                live++;
            }
        }
        unwinding.set(live);
        aborted = true;
        turn = NOBODY;
        for (int a = 0; a < actors; a++) {
            if (a != self && started[a] && !finished[a]) {
                LockSupport.unpark(workers[a]);
            }
        }
        if (selfPaused) {
            throw ABORT;
        }
        if (live == 0) {
            endExecution();
        }
    }

    /** Pass the baton to actor {@code a}'s thread: a thread switch unless it is the caller. */
    private void handTo(int a) {
        turn = a;
        if (Thread.currentThread() != workers[a]) {
            handoffs++;
            LockSupport.unpark(workers[a]);
        }
    }

    /** Thread switches so far: what an execution costs beyond its own steps. */
    long handoffs() {
        return handoffs;
    }

    /** Wait for the baton at a race point; throws if the execution ended meanwhile. */
    private void awaitTurn(int self) {
        int spins = 0;
        while (turn != self) {
            if (aborted) {
                throw ABORT;
            }
            if (++spins < SPINS) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
            }
        }
        if (aborted) {
            throw ABORT;
        }
    }

    /** A worker waits for its next actor to run; false when the engine shuts down. */
    private boolean awaitJob(int self) {
        while (turn != self || aborted) {
            if (shutdown) {
                return false;
            }
            LockSupport.park(this);
        }
        return !shutdown;
    }

    /** Called on an actor's thread by the model or the choices: what its last step returned. */
    void note(int actor, RacePoint at, String text) {
        if (actor < 0 || aborted || !running) {
            return;
        }
        notes.add(new Note(actor, at, text, lastEvent[actor]));
    }

    private int targetId(Primitive target) {
        return targetIds.computeIfAbsent(target.name(), n -> targetIds.size());
    }

    private String actorName(int a) {
        return labels == null ? "actor " + a : labels.get(a);
    }

    private String describeBlocked() {
        StringBuilder sb = new StringBuilder();
        for (int a = 0; a < actors; a++) {
            Step s = pending[a];
            if (s == null) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(actorName(a)).append(" at ").append(s.point.label()).append(' ').append(s.op).append(' ')
                    .append(s.target.name());
            if (s.op == Op.SPIN) {
                sb.append(" (retrying, nothing can change)");
            } else if (s.blockedBy != null || s.target.wouldBlock(s.op)) {
                String h = s.target.blockedBy();
                sb.append(" (").append(h == null ? "blocked" : h).append(')');
            }
        }
        return sb.toString();
    }

    @Override
    public void close() {
        shutdown = true;
        for (Worker w : workers) {
            LockSupport.unpark(w);
        }
        for (Worker w : workers) {
            try {
                w.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public String toString() {
        return "explorer";
    }
}
