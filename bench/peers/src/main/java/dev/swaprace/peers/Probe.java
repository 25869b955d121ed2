package dev.swaprace.peers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What one tool saw in one run on one target: each distinct outcome with the execution
 * (1-based) and the wall time (since {@link #Probe} was made, i.e. since the tool was called) at
 * which it first appeared. Executions are counted as the tool hands them to us: one per call of
 * {@link #record}.
 *
 * <p>{@link #shouldStop()} says when the run may end: every outcome of {@code expected} (the
 * explorer's reachable set) has been seen, or the wall-clock budget is spent. A run with no
 * expected set (the explorer itself) never asks.
 */
public final class Probe {
    /** First sight of an outcome. */
    public record First(long execution, long nanos) {
    }

    private final long start = System.nanoTime();
    private final Set<String> expected;
    private final long budgetNanos;
    private final Map<String, First> firsts = new LinkedHashMap<>();
    private long executions;
    private int expectedSeen;
    private long lastNewNanos = -1;
    private long lastNewExecution;
    private long lastEndNanos;      // since start: the last execution's end (0: none yet)
    private long slowestNanos;      // the longest wall time from one execution's end (or the start) to the next's

    public Probe(Set<String> expected, long budgetMillis) {
        this.expected = expected;
        this.budgetNanos = budgetMillis * 1_000_000L;
    }

    /** One execution ended in {@code outcome}. */
    public synchronized void record(String outcome) {
        ended();
        executions++;
        if (!firsts.containsKey(outcome)) {
            long t = System.nanoTime() - start;
            firsts.put(outcome, new First(executions, t));
            lastNewNanos = t;
            lastNewExecution = executions;
            if (expected.contains(outcome)) {
                expectedSeen++;
            }
        }
    }

    private void ended() {
        long t = System.nanoTime() - start;
        slowestNanos = Math.max(slowestNanos, t - lastEndNanos);
        lastEndNanos = t;
    }

    /** Wall time since the last execution ended (or since the start, if none has). */
    public synchronized long nanosSinceLastEnd() {
        return System.nanoTime() - start - lastEndNanos;
    }

    /** The longest wall time between consecutive execution ends (the first from the start). */
    public synchronized long slowestNanos() {
        return slowestNanos;
    }

    /** Every expected outcome seen. */
    public synchronized boolean allSeen() {
        return !expected.isEmpty() && expectedSeen == expected.size();
    }

    public synchronized boolean budgetSpent() {
        return System.nanoTime() - start >= budgetNanos;
    }

    public boolean shouldStop() {
        return allSeen() || budgetSpent();
    }

    public synchronized long executions() {
        return executions;
    }

    public synchronized Map<String, First> firsts() {
        return new LinkedHashMap<>(firsts);
    }

    /** Wall time to the last outcome first seen, or -1 if none. */
    public synchronized long lastNewNanos() {
        return lastNewNanos;
    }

    public synchronized long lastNewExecution() {
        return lastNewExecution;
    }

    public long elapsedNanos() {
        return System.nanoTime() - start;
    }
}
