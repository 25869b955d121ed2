package dev.swaprace.explore;

import dev.swaprace.check.Outcome;
import dev.swaprace.mm.Choices;
import dev.swaprace.mm.Variant;
import dev.swaprace.race.RaceHook;
import dev.swaprace.scenario.Actor;
import dev.swaprace.scenario.Run;
import dev.swaprace.scenario.Scenario;

import java.util.List;
import java.util.Locale;

/** A {@link Scenario} on one kernel {@link Variant}: what the explorer explores by default. */
public final class ScenarioSubject implements Subject {
    private final Scenario scenario;
    private final Variant variant;

    public ScenarioSubject(Scenario scenario, Variant variant) {
        this.scenario = scenario;
        this.variant = variant;
    }

    public Scenario scenario() {
        return scenario;
    }

    public Variant variant() {
        return variant;
    }

    @Override
    public String id() {
        return scenario.className() + "@" + variant.name();
    }

    /** The subject a schedule's first part names: {@code SwapinVsPunch@V58}. */
    public static ScenarioSubject byId(String id) {
        int at = id.indexOf('@');
        if (at < 0) {
            throw new IllegalArgumentException("not a scenario@variant: '" + id + "'");
        }
        return new ScenarioSubject(Scenario.byClassName(id.substring(0, at)), variant(id.substring(at + 1)));
    }

    /** A variant by name, case-insensitive ({@code v58a} is {@code V58A}). */
    public static Variant variant(String name) {
        try {
            return Variant.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("no variant named '" + name + "' (V57, RFC1, V2P, V58A, V58B, V58)");
        }
    }

    @Override
    public String title() {
        return scenario.className() + " (" + scenario.title() + ") on " + variant.name() + ": " + variant.where();
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
        Run run = scenario.setUp(variant, hook, choices);
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
