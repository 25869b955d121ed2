package dev.swaprace.explore;

import dev.swaprace.race.Op;

import java.util.ArrayList;
import java.util.Arrays;

/**
 * Stateless search over the schedules of a subject, one execution at a time, re-running the
 * subject from its set-up for each (a depth-first search whose stack is replayed).
 *
 * <p>{@link Mode#DPOR}: <b>source-DPOR with sleep sets</b> (Abdulla, Aronis, Jonsson, Sagonas,
 * "Optimal dynamic partial order reduction", POPL 2014, Algorithm 1). Every executed step e' of
 * actor p is checked against each earlier step e of another actor that it races with: e and e'
 * are dependent ({@link Access#dependent}), may be co-enabled ({@link Access#mayBeCoEnabled}), and e
 * happens before e' directly, through no third step. For each such race, with E' the state before
 * e and v the steps after e that do not happen after e, followed by e', some initial of v (an
 * actor whose first step in v can run first) must be in the backtrack set of E': if none is, one
 * that is not asleep is added. Backtrack sets so built are source sets, so every Mazurkiewicz
 * trace (every class of schedules that differ only in the order of independent steps) keeps a
 * complete representative; sleep sets (Godefroid, LNCS 1032, 1996) make that representative
 * unique among the complete executions. A state whose enabled actors are all asleep ends the
 * execution unexplored ({@link Execution.End#PRUNED}). Steps still pending when an execution ends
 * early (a deadlock, the livelock bound) are checked as if they ran next.
 *
 * <p>A blocking acquisition races with the previous acquisition of the lock, not with its
 * release (never co-enabled with it): reversing it puts the acquisition before the other one. A
 * step that can block (a lock, a wait for zero, a busy-wait retry), or that never ran, races with
 * every earlier conflicting step, not only the last: right before the last one it may be blocked.
 *
 * <p>A step's dependence is that of its footprint ({@link Event#footprint}): for a critical
 * section run as one step, known only once it ran. So clocks and races are computed for a step
 * when the next state is reached, and a sleeping actor carries the footprint its step had when it
 * was explored (unchanged while it sleeps: everything run since is independent of it).
 *
 * <p>Why not Flanagan and Godefroid's DPOR (POPL 2005), which reverses only the last race of each
 * step: with sleep sets that loses traces when the last race is with a step whose reversal is
 * asleep (three actors suffice; {@code DporSoundnessTest} has the program).
 *
 * <p>{@link Mode#NAIVE}: every enabled actor at every state, no reduction: all schedules.
 */
final class Dpor implements Policy {

    enum Mode { DPOR, NAIVE }

    /** A state on the current path. */
    private static final class Node {
        /** Each actor's pending step here (null: returned). */
        final Step[] pending;
        final long enabled;
        long backtrack;
        long done;
        long sleep;
        /** The actor run from here on the current path; -1 if the path ends here. */
        int chosen = -1;
        /** Footprint of the step run from here, once it ran. */
        Access[] footprint;
        /** Vector clock of the step run from here (index of the last step of each actor before it). */
        int[] clock;
        /** Index of the previous step of the same actor, or -1. */
        int prev = -1;
        /** Per actor: the footprint its step had when run from here (for sleep sets). */
        final Access[][] explored;
        /** Per sleeping actor: the footprint of its pending step. */
        final Access[][] sleeping;

        Node(Step[] pending, long enabled, int actors) {
            this.pending = pending;
            this.enabled = enabled;
            this.explored = new Access[actors][];
            this.sleeping = new Access[actors][];
        }
    }

    private final Mode mode;
    private final int actors;
    private final ArrayList<Node> stack = new ArrayList<>();
    /** Per actor: the clock of its last step in the current execution. */
    private int[][] threadClock;
    /** Per actor: the index of its last step in the current execution, or -1. */
    private int[] lastStep;
    /** Steps of the current execution whose clock is known. */
    private int timed;

    Dpor(Mode mode, int actors) {
        this.mode = mode;
        this.actors = actors;
    }

    @Override
    public void beginExecution() {
        threadClock = new int[actors][];
        int[] none = new int[actors];
        Arrays.fill(none, -1);
        Arrays.fill(threadClock, none);
        lastStep = new int[actors];
        Arrays.fill(lastStep, -1);
        timed = 0;
    }

    @Override
    public int choose(Engine engine, long enabled) {
        int k = engine.eventCount();
        boolean fresh = time(engine, k);
        Node node;
        if (k < stack.size()) {
            node = stack.get(k);
            replayCheck(engine, node, k, enabled);
        } else {
            if (k != stack.size()) {
                throw new IllegalStateException("search stack out of step: " + k + " != " + stack.size());
            }
            Step[] here = new Step[actors];
            for (int a = 0; a < actors; a++) {
                here[a] = engine.pending(a);
            }
            node = new Node(here, enabled, actors);
            if (k > 0 && mode == Mode.DPOR) {
                childSleep(stack.get(k - 1), node);
            }
            stack.add(node);
            if (mode == Mode.DPOR) {
                if (fresh) {
                    Node last = stack.get(k - 1);
                    races(k - 1, last.chosen, last.footprint, last.clock, last.prev, false);
                }
            } else {
                node.backtrack = enabled;
            }
            long candidates = enabled & ~node.sleep;
            if (candidates == 0) {
                return -1;
            }
            int t = prefer(candidates, engine.lastActor());
            node.chosen = t;
            node.backtrack |= 1L << t;
            node.done |= 1L << t;
        }
        return node.chosen;
    }

    /**
     * Bring the clocks up to step {@code k} (exclusive): steps replayed reuse theirs, a step that
     * just ran for the first time from its state gets its footprint and clock. True if step k-1
     * was such a step.
     */
    private boolean time(Engine engine, int k) {
        boolean fresh = false;
        for (; timed < k; timed++) {
            Node n = stack.get(timed);
            int t = n.chosen;
            if (n.clock == null) {
                n.footprint = engine.event(timed).footprint();
                n.explored[t] = n.footprint;
                n.prev = lastStep[t];
                n.clock = clockOf(t, n.footprint, timed);
                fresh = timed == k - 1;
            }
            threadClock[t] = n.clock;
            lastStep[t] = timed;
        }
        return fresh;
    }

    /** Re-executing the current path: the subject must behave exactly as before. */
    private void replayCheck(Engine engine, Node node, int k, long enabled) {
        for (int a = 0; a < actors; a++) {
            Step now = engine.pending(a);
            Step then = node.pending[a];
            if (now == null ? then != null : !now.sameAs(then)) {
                throw new IllegalStateException("the subject is not deterministic: at step " + k + " actor " + a
                        + " stands at " + now + ", before at " + then);
            }
            node.pending[a] = now;   // this execution's primitives, for wouldBlock and annotations
        }
        if (enabled != node.enabled) {
            throw new IllegalStateException("the subject is not deterministic: enabled actors at step " + k
                    + " are " + Long.toBinaryString(enabled) + ", before " + Long.toBinaryString(node.enabled));
        }
    }

    /** Continue with the actor that ran last if possible: fewer thread switches, simpler witnesses. */
    private static int prefer(long candidates, int last) {
        if (last >= 0 && (candidates & (1L << last)) != 0) {
            return last;
        }
        return Long.numberOfTrailingZeros(candidates);
    }

    /**
     * Sleep set of {@code child}, reached from {@code parent} by its chosen step: the actors asleep
     * at the parent, or explored from it before, whose step is independent of that step.
     */
    private void childSleep(Node parent, Node child) {
        int t = parent.chosen;
        long candidates = (parent.sleep | parent.done) & ~(1L << t);
        for (long m = candidates; m != 0; m &= m - 1) {
            int q = Long.numberOfTrailingZeros(m);
            Access[] fp = (parent.sleep & (1L << q)) != 0 ? parent.sleeping[q] : parent.explored[q];
            if (fp != null && !Access.dependent(fp, parent.footprint)) {
                child.sleep |= 1L << q;
                child.sleeping[q] = fp;
            }
        }
    }

    /**
     * The execution ended: check its last step (no state followed it) and, if it ended early,
     * the steps still pending, as if each ran next.
     */
    @Override
    public void ended(Engine engine, Execution.End end) {
        int n = engine.eventCount();
        boolean fresh = time(engine, n);
        if (mode != Mode.DPOR) {
            return;
        }
        if (fresh && stack.size() == n) {
            Node last = stack.get(n - 1);
            races(n - 1, last.chosen, last.footprint, last.clock, last.prev, false);
        }
        if (end == Execution.End.COMPLETE) {
            return;
        }
        for (int p = 0; p < actors; p++) {
            Step next = engine.pending(p);
            if (next != null && !next.startsSection()) {
                Access[] fp = next.op == Op.SPIN ? engine.retryFootprint(p) : new Access[] {next.access()};
                races(n, p, fp, clockOf(p, fp, n), lastStep[p], true);
            }
        }
    }

    /**
     * Source-DPOR's race reversal for step {@code n} of actor {@code p} (executed, or pending when
     * {@code n} is the length of the execution), with footprint {@code fp}, vector clock
     * {@code clock}, and {@code prev} the index of the actor's previous step.
     */
    private void races(int n, int p, Access[] fp, int[] clock, int prev, boolean pending) {
        // A step that can block (or did not run) may have to go before any write it depends on,
        // not only the last: placing it right before that one can leave it blocked.
        boolean anyRace = pending || (fp.length == 1 && stack.get(n).pending[p].mayBlock());
        boolean[] seen = new boolean[actors];
        for (int i = n - 1; i >= 0; i--) {
            Node at = stack.get(i);
            int q = at.chosen;
            if (q == p || seen[q]) {
                continue;
            }
            if (!Access.dependent(at.footprint, fp) || !Access.mayBeCoEnabled(at.footprint, fp)) {
                continue;
            }
            if (!anyRace) {
                seen[q] = true;   // an earlier step of q happens before this one: not a direct race
                if (!direct(i, q, clock, prev, p)) {
                    continue;
                }
            } else if (prev >= 0 && stack.get(prev).clock[q] >= i) {
                continue;   // ordered before the actor's own previous step: not reversible here
            }
            long initials = initials(i, q, n, p, clock);
            if ((initials & (at.backtrack | at.sleep)) != 0) {
                continue;   // some initial is explored there, or covered by a sleeping sibling
            }
            long awake = initials & at.enabled & ~at.sleep;
            if (awake != 0) {
                at.backtrack |= Long.lowestOneBit(awake);
            } else {
                at.backtrack |= at.enabled & ~at.sleep;   // not expected: stay safe
            }
        }
    }
    /**
     * Whether step {@code i} (of actor {@code q}) happens before the step with clock
     * {@code clock} (of actor {@code p}) only directly: not through p's previous step, nor through
     * a step of a third actor.
     */
    private boolean direct(int i, int q, int[] clock, int prev, int p) {
        if (prev >= 0 && stack.get(prev).clock[q] >= i) {
            return false;
        }
        for (int r = 0; r < actors; r++) {
            if (r == p || r == q || clock[r] < 0 || clock[r] <= i) {
                continue;
            }
            if (stack.get(clock[r]).clock[q] >= i) {
                return false;
            }
        }
        return true;
    }

    /**
     * The initials of v = notdep(step i, E).(step n of p): the actors whose first step in v has
     * no predecessor in v. A step after i is in v unless it happens after step i (of actor q).
     */
    private long initials(int i, int q, int n, int p, int[] clockN) {
        long initials = 0;
        long firstSeen = 0;
        for (int j = i + 1; j < n; j++) {
            Node nj = stack.get(j);
            int r = nj.chosen;
            if ((firstSeen & (1L << r)) != 0 || nj.clock[q] >= i) {
                continue;   // not r's first step in v, or not in v at all
            }
            firstSeen |= 1L << r;
            if (firstInV(nj.clock, r, q, i)) {
                initials |= 1L << r;
            }
        }
        if ((firstSeen & (1L << p)) == 0 && firstInV(clockN, p, q, i)) {
            initials |= 1L << p;
        }
        return initials;
    }

    /** A step of actor r in v with clock c has no predecessor in v: nothing after step i before it. */
    private boolean firstInV(int[] c, int r, int q, int i) {
        for (int s2 = 0; s2 < actors; s2++) {
            if (s2 != r && s2 != q && c[s2] > i) {
                return false;
            }
        }
        return true;
    }

    /** Vector clock of step {@code k} of actor {@code a}: its actor's clock joined with every earlier dependent step's. */
    private int[] clockOf(int a, Access[] fp, int k) {
        int[] c = threadClock[a].clone();
        for (int i = 0; i < k; i++) {
            Node n = stack.get(i);
            if (n.chosen != a && Access.dependent(n.footprint, fp)) {
                int[] ci = n.clock;
                for (int j = 0; j < actors; j++) {
                    if (ci[j] > c[j]) {
                        c[j] = ci[j];
                    }
                }
            }
        }
        c[a] = k;
        return c;
    }

    /**
     * Move to the next execution: the deepest state with an unexplored backtrack entry that is
     * not asleep. False when the search is complete.
     */
    boolean advance() {
        while (!stack.isEmpty()) {
            Node top = stack.get(stack.size() - 1);
            long todo = top.backtrack & ~top.done & ~top.sleep;
            if (todo != 0) {
                int t = Long.numberOfTrailingZeros(todo);
                top.done |= 1L << t;
                top.chosen = t;
                top.clock = null;
                top.footprint = null;
                return true;
            }
            stack.remove(stack.size() - 1);
        }
        return false;
    }

    /** The vector clocks of the current execution's steps, by step index. */
    int[][] clocks(int steps) {
        int[][] out = new int[steps][];
        for (int i = 0; i < steps; i++) {
            out[i] = stack.get(i).clock;
        }
        return out;
    }
}
