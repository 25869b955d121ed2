package dev.swaprace.scenario;

import dev.swaprace.check.ActorResult;
import dev.swaprace.check.Checker;
import dev.swaprace.check.Expectations;
import dev.swaprace.check.Outcome;
import dev.swaprace.check.OutcomeMemo;
import dev.swaprace.check.Outcomes;
import dev.swaprace.mm.Choices;
import dev.swaprace.mm.Mm;
import dev.swaprace.mm.Violation;
import dev.swaprace.race.RaceHook;

import java.util.Arrays;

/**
 * One execution of a scenario on one machine: each actor thread calls {@link #act(int)} once,
 * then one thread calls {@link #outcome()}. The driver (JCStress, the explorer, a test) orders
 * the actor calls before the outcome (thread join, or JCStress's arbiter guarantee).
 */
public final class Run {
    private final Scenario scenario;
    private final Mm mm;
    /** The scenario's initial state, which {@link #reset} copies back into {@link #mm}. */
    private final Mm initial;
    private final Choices choices;
    private final Expectations expectations;
    /**
     * Harness state, not model state: actor i writes slot i (null if the actor reports nothing),
     * the outcome reads them after.
     */
    private final ActorResult[] results;
    /** The outcomes this run was graded with lately: a repeat builds no id. */
    private final OutcomeMemo memo;

    Run(Scenario scenario, Mm mm, Mm initial, Choices choices, Expectations expectations) {
        this.scenario = scenario;
        this.mm = mm;
        this.initial = initial;
        this.choices = choices;
        this.expectations = expectations;
        this.results = new ActorResult[scenario.actors().size()];
        this.memo = new OutcomeMemo(results.length);
    }

    public Scenario scenario() {
        return scenario;
    }

    public Mm mm() {
        return mm;
    }

    /** Run actor {@code i} of the scenario. */
    public void act(int i) {
        Actor actor = scenario.actors().get(i);
        ActorResult r;
        try {
            r = actor.run(mm);
        } catch (Throwable t) {
            // the model threw: a finding, like a task dying in BUG(); the checker grades the
            // violation before anything else. Its locks are dropped so the other actors finish.
            died(t);
            r = ActorResult.of(actor.label(), "OOPS");
        }
        results[i] = actor.reports() ? r : null;
    }

    /**
     * Records {@code t}, thrown by the model, as the violation {@code MODEL_EXCEPTION} and drops
     * the locks the thread held; rethrows what is not the model's failure: a hook's signal (the
     * explorer's unwinding) and the JVM running out of memory or failing inside.
     */
    private void died(Throwable t) {
        if (t instanceof RaceHook.Signal || t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
            throw (Error) t;
        }
        mm.trace.violation(Violation.MODEL_EXCEPTION, t.getClass().getSimpleName());
        mm.dropLocksOfDeadActor();
    }

    /** The FORBIDDEN outcome of the first violation recorded, or null; no check, no drain. */
    public Outcome violation() {
        return Checker.violation(mm, expectations, results);
    }

    /** Check, classify and drain. Call once, after every actor has returned. */
    public Outcome outcome() {
        return grade(null).outcome();
    }

    /** {@link #outcome()}'s {@code toString()}, the jcstress outcome id, interned. */
    public String outcomeId() {
        return grade(memo).id();
    }

    /**
     * The checker's drain runs the model's reclaim: a model exception there is a finding too, graded
     * as the violation it records (the drain stops where it threw).
     */
    private Outcomes.Interned grade(OutcomeMemo m) {
        try {
            return Checker.check(mm, expectations, results, m);
        } catch (Throwable t) {
            died(t);
            return Checker.check(mm, expectations, results, m);
        }
    }

    /**
     * Back to the scenario's initial state, for another execution on the same objects: after
     * {@link #outcome()}, with no actor running; whoever starts the next actors publishes it.
     */
    public void reset() {
        mm.restore(initial);
        mm.arm(choices);
        Arrays.fill(results, null);
    }
}
