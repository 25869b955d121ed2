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

    public Probe(Set<String> expected, long budgetMillis) {
        this.expected = expected;
        this.budgetNanos = budgetMillis * 1_000_000L;
    }

    /** One execution ended in {@code outcome}. */
    public synchronized void record(String outcome) {
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
