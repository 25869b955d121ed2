package dev.swaprace.explore;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How many schedules a naive enumeration would run for one Mazurkiewicz trace: the orderings of
 * its steps that keep each actor's program order and every happens-before edge (the vector
 * clocks of {@link Dpor}, over {@link Access#dependent}). Every such ordering is a schedule of the
 * engine: a lock, trylock or wait sees the same lock word or value (all operations on one
 * primitive are ordered when one writes), and an executed {@code cond_resched()} retry stays
 * enabled, because the write that enabled it came after the spinner's access to that primitive
 * and before the retry (whose footprint reads it), both ordered with it. Sleep sets make the complete executions the explorer
 * runs pairwise inequivalent, so the sum over them is the number of schedules without reduction.
 * Counted by dynamic programming over the number of steps each actor has done.
 */
final class Linearizations {
    /** Executions longer than this are not counted: the count is then unknown. */
    static final int MAX_STEPS = 2_000;

    private final int actors;
    private final int[][] byActor;      // per actor: global indices of its steps, in order
    private final int[][] need;         // per step: per actor, how many of its steps must come first
    private final long[] radix;

    private Linearizations(List<Event> events, int[][] clocks, int actors) {
        this.actors = actors;
        int n = events.size();
        int[] len = new int[actors];
        int[] local = new int[n];
        for (int i = 0; i < n; i++) {
            local[i] = len[events.get(i).actor()]++;
        }
        byActor = new int[actors][];
        for (int a = 0; a < actors; a++) {
            byActor[a] = new int[len[a]];
        }
        need = new int[n][actors];
        for (int i = 0; i < n; i++) {
            int a = events.get(i).actor();
            byActor[a][local[i]] = i;
            for (int q = 0; q < actors; q++) {
                int c = clocks[i][q];
                need[i][q] = q == a || c < 0 ? 0 : local[c] + 1;
            }
        }
        radix = new long[actors + 1];
        radix[0] = 1;
        for (int a = 0; a < actors; a++) {
            radix[a + 1] = radix[a] * (len[a] + 1);
        }
    }

    /** The count for one execution, or null if it is too long to count. */
    static BigInteger count(List<Event> events, int[][] clocks, int actors) {
        if (events.size() > MAX_STEPS) {
            return null;
        }
        return new Linearizations(events, clocks, actors).count(new int[actors], new HashMap<>());
    }

    private long key(int[] pos) {
        long k = 0;
        for (int a = 0; a < actors; a++) {
            k += pos[a] * radix[a];
        }
        return k;
    }

    /** Whether actor {@code a}'s next step may come now. */
    private boolean ready(int[] pos, int a) {
        if (pos[a] >= byActor[a].length) {
            return false;
        }
        int[] needs = need[byActor[a][pos[a]]];
        for (int q = 0; q < actors; q++) {
            if (pos[q] < needs[q]) {
                return false;
            }
        }
        return true;
    }

    private boolean done(int[] pos) {
        for (int a = 0; a < actors; a++) {
            if (pos[a] < byActor[a].length) {
                return false;
            }
        }
        return true;
    }

    private BigInteger count(int[] pos, Map<Long, BigInteger> memo) {
        if (done(pos)) {
            return BigInteger.ONE;
        }
        long key = key(pos);
        BigInteger m = memo.get(key);
        if (m != null) {
            return m;
        }
        BigInteger total = BigInteger.ZERO;
        for (int a = 0; a < actors; a++) {
            if (ready(pos, a)) {
                pos[a]++;
                total = total.add(count(pos, memo));
                pos[a]--;
            }
        }
        memo.put(key, total);
        return total;
    }
}
