package dev.swaprace.explore;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The explorer: every schedule of a subject's actors, and with {@link Options#allChoices} every
 * answer at every choice point, as a stateless search ({@link Dpor}) on real threads
 * ({@link Engine}). The result is the reachable outcome set with a count and a shortest witness
 * per outcome.
 */
public final class Explorer {

    /** The search, as results name it. */
    public static final String ALGORITHM = "source-DPOR (Abdulla et al. 2014) with sleep sets";

    /** Default bound on the length of one schedule; longer ones end as {@code FORBIDDEN:BUG_LIVELOCK}. */
    public static final int DEFAULT_MAX_STEPS = 10_000;

    /**
     * @param allChoices  branch on every choice point instead of the subject's fixed answers
     * @param maxSteps    race points after which a schedule is a livelock
     * @param countNaive  also count the schedules a naive enumeration would run
     * @param naiveSearch enumerate every schedule, without reduction (small subjects only)
     * @param budget      stop after this many executions (the result is then incomplete)
     * @param observer    sees every counted execution, not only each outcome's witness (for
     *                    properties over all schedules); null for none
     */
    public record Options(boolean allChoices, int maxSteps, boolean countNaive, boolean naiveSearch, long budget,
                          Consumer<Execution> observer) {
        public static Options defaults() {
            return new Options(false, DEFAULT_MAX_STEPS, false, false, Long.MAX_VALUE, null);
        }

        public Options withAllChoices(boolean b) {
            return new Options(b, maxSteps, countNaive, naiveSearch, budget, observer);
        }

        public Options withMaxSteps(int n) {
            return new Options(allChoices, n, countNaive, naiveSearch, budget, observer);
        }

        public Options withCountNaive(boolean b) {
            return new Options(allChoices, maxSteps, b, naiveSearch, budget, observer);
        }

        public Options withNaiveSearch(boolean b) {
            return new Options(allChoices, maxSteps, countNaive, b, budget, observer);
        }

        public Options withBudget(long n) {
            return new Options(allChoices, maxSteps, countNaive, naiveSearch, n, observer);
        }

        public Options withObserver(Consumer<Execution> o) {
            return new Options(allChoices, maxSteps, countNaive, naiveSearch, budget, o);
        }
    }

    /** Thrown when the model itself fails under some schedule (an exception in an actor). */
    public static final class ModelFailure extends RuntimeException {
        private final transient Schedule schedule;

        ModelFailure(String message, Schedule schedule, Throwable cause) {
            super(message, cause);
            this.schedule = schedule;
        }

        public Schedule schedule() {
            return schedule;
        }
    }

    private Explorer() {
    }

    public static Result explore(Subject subject, Options options) {
        String algorithm = options.naiveSearch() ? "naive (every schedule)"
                : ALGORITHM;
        Result result = new Result(subject, algorithm);
        result.naiveCounted = options.countNaive() || options.naiveSearch();
        int actors = subject.actorLabels().size();
        long start = System.nanoTime();
        try (Engine engine = new Engine(actors)) {
            engine.labels(subject.actorLabels());
            engine.drive(new Search(subject, options, result, engine));
            result.handoffs = engine.handoffs();
        }
        result.elapsedNanos = System.nanoTime() - start;
        return result;
    }

    /**
     * The search as the engine drives it: for each choice assignment (the first is the subject's
     * fixed answers), every execution the interleaving search asks for.
     */
    private static final class Search implements Engine.Driver {
        private final Subject subject;
        private final Options options;
        private final Result result;
        private final Engine engine;
        private final int actors;
        private final ChoicePlan plan;
        private final Deque<Map<ChoicePlan.Key, Boolean>> work = new ArrayDeque<>();
        private final Set<Map<ChoicePlan.Key, Boolean>> seen = new HashSet<>();
        private Dpor search;
        private boolean advance;
        private long executions;

        Search(Subject subject, Options options, Result result, Engine engine) {
            this.subject = subject;
            this.options = options;
            this.result = result;
            this.engine = engine;
            this.actors = subject.actorLabels().size();
            this.plan = new ChoicePlan(engine, subject.fixedChoices(), options.allChoices(), actors);
            work.add(Map.of());
            seen.add(Map.of());
        }

        @Override
        public Engine.Next next() {
            if (search != null && advance && !search.advance()) {
                branchOnChoices();
                search = null;
            }
            if (search == null) {
                Map<ChoicePlan.Key, Boolean> assignment = work.poll();
                if (assignment == null) {
                    return null;
                }
                plan.assign(assignment);
                result.assignments++;
                search = new Dpor(options.naiveSearch() ? Dpor.Mode.NAIVE : Dpor.Mode.DPOR, actors);
            }
            if (executions++ >= options.budget()) {
                result.complete = false;
                return null;
            }
            advance = true;
            return new Engine.Next(subject.setUp(engine, plan), search, plan, options.maxSteps());
        }

        /** Every key the assignment's executions answered by default, flipped: new assignments. */
        private void branchOnChoices() {
            if (!options.allChoices()) {
                return;
            }
            Map<ChoicePlan.Key, Boolean> assignment = plan.assignment();
            for (ChoicePlan.Key k : plan.discovered()) {
                Map<ChoicePlan.Key, Boolean> next = new HashMap<>(assignment);
                next.put(k, !plan.defaultAnswer(k));
                if (seen.add(next)) {
                    work.add(next);
                }
            }
        }

        @Override
        public void finished(Execution e) {
            if (e.end.counts() && !e.choices.consultedAll()) {
                return;   // never met a choice its assignment flips: counted under a smaller one
            }
            switch (e.end) {
                case PRUNED -> result.pruned++;
                case MODEL_ERROR -> {
                    Schedule s = Schedule.of(subject, e);
                    throw new ModelFailure(subject.id() + ": " + e.detail + " under schedule " + s, s, e.failure);
                }
                default -> {
                    BigInteger naive = null;
                    if (result.naiveCounted) {
                        // a truncated or aborted schedule's orderings are not all schedules: unknown
                        boolean whole = e.end == Execution.End.COMPLETE || e.end == Execution.End.DEADLOCK;
                        naive = options.naiveSearch() ? BigInteger.ONE
                                : whole ? Linearizations.count(e.events, search.clocks(e.steps()), actors) : null;
                    }
                    result.add(e, naive);
                    if (options.observer() != null) {
                        options.observer().accept(e);
                    }
                }
            }
        }
    }

    /** Run one schedule; {@code maxSteps} as when it was found. */
    public static Execution replay(Schedule schedule, int maxSteps) {
        Subject subject = schedule.subject();
        int actors = subject.actorLabels().size();
        Execution[] out = new Execution[1];
        Replay policy = new Replay(schedule.actors(), subject.actorLabels());
        try (Engine engine = new Engine(actors)) {
            engine.labels(subject.actorLabels());
            ChoicePlan plan = new ChoicePlan(engine, subject.fixedChoices(), !schedule.choices().isEmpty(), actors);
            plan.assign(schedule.choices());
            engine.drive(new Engine.Driver() {
                @Override
                public Engine.Next next() {
                    return out[0] != null ? null : new Engine.Next(subject.setUp(engine, plan), policy, plan, maxSteps);
                }

                @Override
                public void finished(Execution e) {
                    out[0] = e;
                }
            });
        }
        Execution e = out[0];
        if (policy.problem != null) {
            throw new IllegalArgumentException(policy.problem);
        }
        if (e.end == Execution.End.MODEL_ERROR) {
            throw new ModelFailure(subject.id() + ": " + e.detail, schedule, e.failure);
        }
        if (e.end == Execution.End.PRUNED) {
            throw new IllegalArgumentException("the schedule ends after " + e.steps()
                    + " steps but actors still have work: not a complete schedule");
        }
        return e;
    }

    /** Follows a recorded schedule step by step. */
    private static final class Replay implements Policy {
        private final int[] actors;
        private final java.util.List<String> labels;
        String problem;

        Replay(int[] actors, java.util.List<String> labels) {
            this.actors = actors;
            this.labels = labels;
        }

        @Override
        public void beginExecution() {
        }

        @Override
        public int choose(Engine engine, long enabled) {
            int k = engine.eventCount();
            if (k >= actors.length) {
                return -1;
            }
            int a = actors[k];
            if ((enabled & (1L << a)) == 0) {
                Step s = engine.pending(a);
                problem = "the schedule does not fit: step " + (k + 1) + " is " + labels.get(a) + "'s, but "
                        + labels.get(a) + (s == null ? " has returned" : " cannot run (" + s.point.label() + " "
                        + s.op + " " + s.target.name() + " would block)");
                return -1;
            }
            return a;
        }
    }
}
