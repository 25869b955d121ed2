package dev.swaprace.explore;

import dev.swaprace.check.Outcome;
import dev.swaprace.mm.Choices;
import dev.swaprace.mm.Mutant;
import dev.swaprace.mm.Variant;
import dev.swaprace.race.RaceHook;
import dev.swaprace.scenario.Actor;
import dev.swaprace.scenario.Run;
import dev.swaprace.scenario.Scenario;

import java.util.List;
import java.util.Locale;

/**
 * A {@link Scenario} on one kernel {@link Variant}: what the explorer explores by default; or on
 * a seeded bug ({@link Mutant}, on its base variant) for the mutation campaign.
 */
public final class ScenarioSubject implements Subject {
    private final Scenario scenario;
    private final Variant variant;
    /** Null for the real kernel. */
    private final Mutant mutant;

    public ScenarioSubject(Scenario scenario, Variant variant) {
        this.scenario = scenario;
        this.variant = variant;
        this.mutant = null;
    }

    /** {@code scenario} on seeded bug {@code mutant}, which runs on its base variant. */
    public ScenarioSubject(Scenario scenario, Mutant mutant) {
        this.scenario = scenario;
        this.variant = mutant.base();
        this.mutant = mutant;
    }

    public Scenario scenario() {
        return scenario;
    }

    public Variant variant() {
        return variant;
    }

    /** The seeded bug, or null for the real kernel. */
    public Mutant mutant() {
        return mutant;
    }

    /** {@code SwapinVsPunch@V58}, or {@code SwapinVsPunch@V58+DEC_BEFORE_CAS} for a mutant. */
    @Override
    public String id() {
        return scenario.className() + "@" + variant.name() + (mutant == null ? "" : "+" + mutant.name());
    }

    /**
     * The subject a schedule's first part names: {@code SwapinVsPunch@V58}, or
     * {@code SwapinVsPunch@V58+DEC_BEFORE_CAS} (the variant must be the mutant's base).
     */
    public static ScenarioSubject byId(String id) {
        int at = id.indexOf('@');
        if (at < 0) {
            throw new IllegalArgumentException("not a scenario@variant: '" + id + "'");
        }
        Scenario scenario = Scenario.byClassName(id.substring(0, at));
        String rest = id.substring(at + 1);
        int plus = rest.indexOf('+');
        Variant v = variant(plus < 0 ? rest : rest.substring(0, plus));
        if (plus < 0) {
            return new ScenarioSubject(scenario, v);
        }
        Mutant m = mutant(rest.substring(plus + 1));
        if (m.base() != v) {
            throw new IllegalArgumentException("mutant " + m.name() + " runs on " + m.base().name() + ", not " + v.name());
        }
        return new ScenarioSubject(scenario, m);
    }

    /** A mutant by name, case-insensitive. */
    public static Mutant mutant(String name) {
        try {
            return Mutant.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("no mutant named '" + name + "' (see 'swaprace mutants --list')");
        }
    }

    /** A variant by name, case-insensitive ({@code v58a} is {@code V58A}). */
    public static Variant variant(String name) {
        try {
            return Variant.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("no variant named '" + name + "' (" + Variant.names() + ")");
        }
    }

    @Override
    public String title() {
        return scenario.className() + " (" + scenario.title() + ") on " + variant.name() + ": " + variant.where()
                + (mutant == null ? "" : "; seeded bug " + mutant.name() + ": " + mutant.bug());
    }

    @Override
    public List<String> actorLabels() {
        return scenario.actors().stream().map(Actor::label).toList();
    }

    @Override
    public List<String> actorDescriptions() {
        return scenario.actors().stream().map(Actor::description).toList();
    }

    @Override
    public String initialState() {
        return scenario.initial().description();
    }

    @Override
    public Choices fixedChoices() {
        return scenario.choices();
    }

    @Override
    public Instance setUp(RaceHook hook, Choices choices) {
        Run run = mutant == null ? scenario.setUp(variant, hook, choices) : scenario.setUp(mutant, hook, choices);
        return new Instance() {
            @Override
            public void act(int actor) {
                run.act(actor);
            }

            @Override
            public String endState() {
                return EndState.describe(run.mm());
            }

            @Override
            public Outcome outcome() {
                return run.outcome();
            }

            @Override
            public Outcome violation() {
                return run.violation();
            }

            @Override
            public void reportSteps(StepListener listener) {
                run.mm().trace.listen(listener::step);
            }
        };
    }

    @Override
    public String toString() {
        return id();
    }
}
