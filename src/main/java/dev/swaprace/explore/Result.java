package dev.swaprace.explore;

import dev.swaprace.check.Outcome;
import dev.swaprace.check.Verdict;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the explorer found for one subject: the reachable outcomes, how often, and a witness each. */
public final class Result {

    /** One reachable outcome. */
    public static final class Reached {
        private final Outcome outcome;
        private long schedules;
        private BigInteger naive;
        private Execution witness;
        private Schedule schedule;

        Reached(Outcome outcome) {
            this.outcome = outcome;
        }

        public Outcome outcome() {
            return outcome;
        }

        /** Schedules explored (with reduction) that end in this outcome. */
        public long schedules() {
            return schedules;
        }

        /** Schedules a naive enumeration would run to this outcome; null if not counted. */
        public BigInteger naive() {
            return naive;
        }

        /** The shortest witness: fewest steps (a one-step critical section counts once), then fewest context switches. */
        public Execution witness() {
            return witness;
        }

        public Schedule schedule() {
            return schedule;
        }
    }

    /** Outcome order for tables: acceptable, then leaked-until-reclaim, then forbidden; then by name. */
    public static final Comparator<Outcome> ORDER = Comparator.comparing(Outcome::verdict)
            .thenComparing(Outcome::toString);

    private final Subject subject;
    private final String algorithm;
    private final Map<String, Reached> reached = new TreeMap<>();
    long schedules;
    long pruned;
    BigInteger naive = BigInteger.ZERO;
    boolean naiveExact = true;
    boolean naiveCounted;
    int assignments;
    long elapsedNanos;
    long handoffs;
    boolean complete = true;

    Result(Subject subject, String algorithm) {
        this.subject = subject;
        this.algorithm = algorithm;
    }

    void add(Execution e, BigInteger naiveOfTrace) {
        schedules++;
        Reached r = reached.computeIfAbsent(e.outcome.toString(), k -> new Reached(e.outcome));
        r.schedules++;
        if (naiveCounted) {
            if (naiveOfTrace == null) {
                naiveExact = false;
            } else {
                naive = naive.add(naiveOfTrace);
                r.naive = r.naive == null ? naiveOfTrace : r.naive.add(naiveOfTrace);
            }
        }
        if (r.witness == null || shorter(e, r.witness)) {
            r.witness = e;
            r.schedule = Schedule.of(subject, e);
        }
    }

    private static boolean shorter(Execution a, Execution b) {
        if (a.steps() != b.steps()) {
            return a.steps() < b.steps();
        }
        return a.contextSwitches() < b.contextSwitches();
    }

    public Subject subject() {
        return subject;
    }

    public String algorithm() {
        return algorithm;
    }

    /** Reachable outcomes in {@link #ORDER}. */
    public List<Reached> outcomes() {
        List<Reached> out = new ArrayList<>(reached.values());
        out.sort(Comparator.comparing(Reached::outcome, ORDER));
        return out;
    }

    public Reached outcome(String outcome) {
        return reached.get(outcome);
    }

    /** Complete schedules explored (each a distinct Mazurkiewicz trace under reduction). */
    public long schedules() {
        return schedules;
    }

    /** Executions the sleep sets abandoned before the end (not schedules). */
    public long pruned() {
        return pruned;
    }

    /** Schedules without reduction (sum over the explored traces); null if not counted. */
    public BigInteger naive() {
        return naiveCounted ? naive : null;
    }

    /** False if some trace was too long to count (a livelock bound): {@link #naive} is then a lower bound. */
    public boolean naiveExact() {
        return naiveExact;
    }

    /**
     * The reduction factor: schedules without reduction per schedule explored, to one decimal;
     * null if not counted.
     */
    public BigDecimal reduction() {
        BigInteger n = naive();
        if (n == null || schedules == 0) {
            return null;
        }
        return new BigDecimal(n).divide(BigDecimal.valueOf(schedules), 1, RoundingMode.HALF_UP);
    }

    /** Choice assignments explored (1 unless choices branch). */
    public int assignments() {
        return assignments;
    }

    public long elapsedMillis() {
        return elapsedNanos / 1_000_000;
    }

    public long elapsedNanos() {
        return elapsedNanos;
    }

    /** Thread switches of the whole search (the baton passing from one actor's thread to another's). */
    public long handoffs() {
        return handoffs;
    }

    /** False if a schedule budget stopped the search early. */
    public boolean complete() {
        return complete;
    }

    public boolean anyForbidden() {
        return reached.values().stream().anyMatch(r -> r.outcome.verdict() == Verdict.FORBIDDEN);
    }
}
