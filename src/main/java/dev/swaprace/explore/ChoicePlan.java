package dev.swaprace.explore;

import dev.swaprace.mm.Choices;
import dev.swaprace.race.RacePoint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The choice points of kernel-model §6 (memcg charge result, read IO result) as the explorer
 * answers them. The n-th choice of a kind that actor a makes in an execution is the key
 * {@code (a, kind, n)}; an <em>assignment</em> fixes the answers of some keys, every other key
 * gets the subject's fixed answer. For a fixed assignment the model is deterministic in the
 * schedule, so the interleaving search is sound per assignment; branching on choices is a
 * closure over assignments ({@link Explorer}): each key an execution consulted with the default
 * answer is flipped in a new assignment. An execution that makes its choices under assignment
 * A+{k} behaves like one under A until it consults k, so every combination of answers that some
 * execution can meet is reached.
 */
final class ChoicePlan implements Choices {

    enum Kind {
        CHARGE("charge"), IO("io"), READAHEAD("readahead"), WRITE_IO("wio");

        final String token;

        Kind(String token) {
            this.token = token;
        }

        static Kind byToken(String t) {
            for (Kind k : values()) {
                if (k.token.equals(t)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("no choice kind '" + t + "' (charge, io, readahead, wio)");
        }
    }

    record Key(int actor, Kind kind, int nth) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = Integer.compare(actor, o.actor);
            if (c == 0) {
                c = kind.compareTo(o.kind);
            }
            return c != 0 ? c : Integer.compare(nth, o.nth);
        }
    }

    /** One consulted choice. */
    record Consult(Key key, RacePoint at, boolean answer, boolean byDefault) {
    }

    /** The answers of one execution: the assignment it ran under and what it consulted. */
    record Answers(Map<Key, Boolean> assignment, List<Consult> consulted) {
        static final Answers NONE = new Answers(Map.of(), List.of());

        /**
         * Whether the execution consulted every key its assignment fixes. If not, it behaved as
         * under a smaller assignment, whose search runs it too: not a new schedule.
         */
        boolean consultedAll() {
            return consulted.stream().map(Consult::key).collect(java.util.stream.Collectors.toSet())
                    .containsAll(assignment.keySet());
        }

        /** The answers that differ from the subject's fixed ones, in key order: what a replay needs. */
        Map<Key, Boolean> flipped() {
            Map<Key, Boolean> out = new TreeMap<>();
            for (Consult c : consulted) {
                if (!c.byDefault()) {
                    out.put(c.key(), c.answer());
                }
            }
            return out;
        }
    }

    private final Engine engine;
    private final Choices fixed;
    private final boolean branching;
    private final int actors;
    private Map<Key, Boolean> assignment = Map.of();
    /** Keys consulted with the default answer, over every execution of this assignment, with that answer. */
    private final Map<Key, Boolean> discovered = new LinkedHashMap<>();
    private int[][] counters;
    private List<Consult> consulted = new ArrayList<>();

    /**
     * @param branching whether the explorer branches on choices ({@code --all-choices}); then
     *                  the set-up's question "may a charge fail here at all" is answered yes
     */
    ChoicePlan(Engine engine, Choices fixed, boolean branching, int actors) {
        this.engine = engine;
        this.fixed = fixed;
        this.branching = branching;
        this.actors = actors;
        this.counters = new int[actors][Kind.values().length];
    }

    /** Explore under {@code a} next. */
    void assign(Map<Key, Boolean> a) {
        this.assignment = Map.copyOf(a);
        discovered.clear();
    }

    Map<Key, Boolean> assignment() {
        return assignment;
    }

    /** Keys the executions so far consulted without an explicit answer. */
    Set<Key> discovered() {
        return Collections.unmodifiableSet(discovered.keySet());
    }

    /** The answer a discovered key got by default. */
    boolean defaultAnswer(Key k) {
        return discovered.get(k);
    }

    /** Reset the per-execution counters; called by the engine before the actors start. */
    void beginExecution() {
        counters = new int[actors][Kind.values().length];
        consulted = new ArrayList<>();
    }

    /** Whether {@code actor} has consulted a choice in this execution. */
    boolean consulted(int actor) {
        for (int c : counters[actor]) {
            if (c > 0) {
                return true;
            }
        }
        return false;
    }

    /** What this execution consulted. */
    Answers answers() {
        return new Answers(assignment, List.copyOf(consulted));
    }

    @Override
    public boolean chargeSucceeds(RacePoint at) {
        if (!fixed.chargeCanFail()) {
            return fixed.chargeSucceeds(at);   // the scenario's caller never sees -ENOMEM: no branch
        }
        return answer(Kind.CHARGE, at, fixed.chargeSucceeds(at), "memcg charge fails");
    }

    @Override
    public boolean chargeCanFail() {
        return fixed.chargeCanFail();
    }

    @Override
    public boolean readIoSucceeds(RacePoint at) {
        return answer(Kind.IO, at, fixed.readIoSucceeds(at), "read IO error");
    }

    @Override
    public boolean swapinSkipsReadahead(RacePoint at) {
        return answer(Kind.READAHEAD, at, fixed.swapinSkipsReadahead(at),
                "readahead window > 1: the loop reads the target first");
    }

    @Override
    public boolean writeIoSucceeds(RacePoint at) {
        return answer(Kind.WRITE_IO, at, fixed.writeIoSucceeds(at), "write IO error");
    }

    private boolean answer(Kind kind, RacePoint at, boolean byDefault, String whenFalse) {
        int actor = engine.currentActor();
        if (actor < 0) {
            // the set-up asks whether this can fail at all (Scenario.expectations)
            return branching ? false : byDefault;
        }
        Key key = new Key(actor, kind, counters[actor][kind.ordinal()]++);
        Boolean explicit = assignment.get(key);
        boolean answer = explicit != null ? explicit : byDefault;
        if (explicit == null) {
            discovered.putIfAbsent(key, byDefault);
        }
        consulted.add(new Consult(key, at, answer, explicit == null || explicit == byDefault));
        if (!answer) {
            engine.note(actor, at, "choice: " + whenFalse);
        }
        return answer;
    }

    @Override
    public String toString() {
        return "explorer choices " + assignment + " over " + fixed;
    }
}
