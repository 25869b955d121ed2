package dev.swaprace.explore;

import dev.swaprace.check.Outcome;
import dev.swaprace.mm.Choices;
import dev.swaprace.race.RaceHook;
import dev.swaprace.race.RacePoint;

import java.util.List;

/**
 * What the explorer explores: a program of a few actors over the race-point primitives that
 * can be built afresh, in the same initial state, as often as the search needs. A scenario on
 * a kernel variant is one ({@link ScenarioSubject}); the tests add small litmus programs.
 */
public interface Subject {

    /** Stable name, the first part of a serialized schedule: {@code SwapinVsPunch@V58}. */
    String id();

    /** One line for a human: what runs against what, on which kernel. */
    String title();

    /** Short actor names, the column heads of a timeline: {@code S}, {@code P}. */
    List<String> actorLabels();

    /** One line per actor: what it does in kernel terms. */
    List<String> actorDescriptions();

    /** The initial state in words. */
    default String initialState() {
        return "";
    }

    /** The choice answers the subject fixes (the scenario's); the explorer may branch away from them. */
    Choices fixedChoices();

    /**
     * A fresh instance in the initial state. Called between executions, outside any; every
     * race point it passes is ignored. {@code hook} must be used by every primitive.
     */
    Instance setUp(RaceHook hook, Choices choices);

    /** One execution's machine. */
    interface Instance {
        /** Run actor {@code actor} to completion; called on that actor's thread. */
        void act(int actor);

        /** The quiescent end state in words, before any checking or drain. */
        String endState();

        /** Grade the finished execution (may drain: call after {@link #endState}). */
        Outcome outcome();

        /**
         * For an execution that ended early (deadlock, step bound): the FORBIDDEN outcome of the
         * first violation a path recorded, or null if none was.
         */
        default Outcome violation() {
            return null;
        }

        /** Where the instance reports what its steps returned; optional. */
        default void reportSteps(StepListener listener) {
        }
    }

    /** Receives step results from the running actor's thread. */
    interface StepListener {
        void step(RacePoint at, String result);
    }
}
