package dev.swaprace.report;

import org.openjdk.jcstress.annotations.Expect;

import java.util.List;

/**
 * One jcstress test of a run, all forks merged: its status and the states it observed.
 *
 * @param name          the test, e.g. {@code dev.swaprace.stress.SwapinVsPunch.V58}
 * @param status        jcstress's label: {@code OK}, {@code FAILED}, {@code ERROR}, {@code TIMEOUT},
 *                      {@code VM ERROR} or {@code SKIPPED}
 * @param states        the observed states, most frequent first
 * @param forks         how many fork results were merged
 * @param sampledMillis Σ iterations × iteration time over the forks
 * @param messages      harness messages and VM error output (why a test errored)
 */
public record TestOutcomes(String name, String status, List<State> states, int forks, long sampledMillis,
                           List<String> messages) {

    /** The three grades, as jcstress's {@code Expect} (and as this project's verdicts). */
    public enum Grade {
        /** {@code Expect.ACCEPTABLE}: verdict ACCEPTABLE. */
        ACCEPTABLE,
        /** {@code Expect.ACCEPTABLE_INTERESTING}: verdict LEAKED_UNTIL_RECLAIM. */
        LEAKED_UNTIL_RECLAIM,
        /** {@code Expect.FORBIDDEN} (and {@code UNKNOWN}, which jcstress also fails). */
        FORBIDDEN;

        static Grade of(Expect e) {
            return switch (e) {
                case ACCEPTABLE -> ACCEPTABLE;
                case ACCEPTABLE_INTERESTING -> LEAKED_UNTIL_RECLAIM;
                case FORBIDDEN, UNKNOWN -> FORBIDDEN;
            };
        }
    }

    /** One observed state: the outcome id, how often, its grade and the matching {@code @Outcome}'s desc. */
    public record State(String id, long count, Grade grade, String description) {
    }

    public long samples() {
        return states.stream().mapToLong(State::count).sum();
    }

    public long count(Grade g) {
        return states.stream().filter(s -> s.grade() == g).mapToLong(State::count).sum();
    }

    /** jcstress's own pass criterion: status OK (no FORBIDDEN state, no error). */
    public boolean passed() {
        return status.equals("OK");
    }

    /** Samples per second of sampling time. */
    public double samplesPerSecond() {
        return sampledMillis == 0 ? 0 : samples() * 1000.0 / sampledMillis;
    }
}
