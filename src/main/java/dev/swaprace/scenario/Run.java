package dev.swaprace.scenario;

import dev.swaprace.check.ActorResult;
import dev.swaprace.check.Checker;
import dev.swaprace.check.Expectations;
import dev.swaprace.check.Outcome;
import dev.swaprace.mm.Mm;

import java.util.ArrayList;
import java.util.List;

/**
 * One execution of a scenario on one machine: each actor thread calls {@link #act(int)} once,
 * then one thread calls {@link #outcome()}. The driver (JCStress, the explorer, a test) orders
 * the actor calls before the outcome (thread join, or JCStress's arbiter guarantee).
 */
public final class Run {
    private final Scenario scenario;
    private final Mm mm;
    private final Expectations expectations;
    /** Harness state, not model state: actor i writes slot i, the outcome reads them after. */
    private final ActorResult[] results;

    Run(Scenario scenario, Mm mm, Expectations expectations) {
        this.scenario = scenario;
        this.mm = mm;
        this.expectations = expectations;
        this.results = new ActorResult[scenario.actors().size()];
    }

    public Scenario scenario() {
        return scenario;
    }

    public Mm mm() {
        return mm;
    }

    /** Run actor {@code i} of the scenario. */
    public void act(int i) {
        results[i] = scenario.actors().get(i).run(mm);
    }

    /** Check, classify and drain. Call once, after every actor has returned. */
    public Outcome outcome() {
        List<ActorResult> reported = new ArrayList<>(results.length);
        for (int i = 0; i < results.length; i++) {
            if (scenario.actors().get(i).reports()) {
                reported.add(results[i]);
            }
        }
        return Checker.check(mm, expectations, reported);
    }
}
