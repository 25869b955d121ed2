package dev.swaprace.explore;

import dev.swaprace.check.Outcome;

import java.util.List;

/** One execution of a subject under one schedule: its events, how it ended, and its outcome. */
public final class Execution {

    /** How an execution ended. */
    public enum End {
        /** Every actor returned; the outcome is the checker's. */
        COMPLETE,
        /** No actor could run and some had work left: {@code FORBIDDEN:DEADLOCK}. */
        DEADLOCK,
        /** The schedule reached the step bound: {@code FORBIDDEN:BUG_LIVELOCK}. */
        LIVELOCK,
        /** An actor was about to sleep on a page with a spinlock held: {@code FORBIDDEN:BUG_SLEEP_IN_ATOMIC}. */
        SLEEP_IN_ATOMIC,
        /** The search abandoned it (every enabled step asleep): no outcome, not a schedule. */
        PRUNED,
        /** An actor threw: a bug in the model, reported as an error, never as an outcome. */
        MODEL_ERROR;

        /** Whether this end is a complete schedule with an outcome. */
        public boolean counts() {
            return this != PRUNED && this != MODEL_ERROR;
        }
    }

    final List<Event> events;
    final List<Note> notes;
    final End end;
    /** For a deadlock, livelock or sleep in atomic context: who was stuck where. */
    final String detail;
    final Outcome outcome;
    final String endState;
    final Throwable failure;
    final ChoicePlan.Answers choices;

    Execution(List<Event> events, List<Note> notes, End end, String detail, Outcome outcome, String endState,
              Throwable failure, ChoicePlan.Answers choices) {
        this.events = events;
        this.notes = notes;
        this.end = end;
        this.detail = detail;
        this.outcome = outcome;
        this.endState = endState;
        this.failure = failure;
        this.choices = choices;
    }

    public End end() {
        return end;
    }

    public Outcome outcome() {
        return outcome;
    }

    public int steps() {
        return events.size();
    }

    /** Times control passed from one actor to another. */
    public int contextSwitches() {
        int switches = 0;
        for (int i = 1; i < events.size(); i++) {
            if (events.get(i).actor() != events.get(i - 1).actor()) {
                switches++;
            }
        }
        return switches;
    }

    /** The actor of every step, in order. */
    int[] actorSequence() {
        int[] seq = new int[events.size()];
        for (int i = 0; i < seq.length; i++) {
            seq[i] = events.get(i).actor();
        }
        return seq;
    }
}
