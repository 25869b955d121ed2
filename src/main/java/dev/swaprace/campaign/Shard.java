package dev.swaprace.campaign;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code --shard I/N}: shard I (0-based) of N of a campaign's tests. Tests are sorted by name
 * and dealt round-robin, so every machine that runs the same configuration agrees on the split
 * without talking to the others, the shards are disjoint, and together they are the campaign.
 */
public record Shard(int index, int count) {
    public static final Shard ALL = new Shard(0, 1);

    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("--shard " + index + "/" + count + ": need 0 <= I < N");
        }
    }

    /** Parse {@code I/N}; a one-line error naming the option on bad input. */
    public static Shard parse(String s) {
        int slash = s.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("--shard '" + s + "': expected I/N, e.g. 0/4 (I counts from 0)");
        }
        try {
            return new Shard(Integer.parseInt(s.substring(0, slash).trim()),
                    Integer.parseInt(s.substring(slash + 1).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--shard '" + s + "': expected I/N, e.g. 0/4 (I counts from 0)");
        }
    }

    /** The tests of this shard, in name order. */
    public List<String> select(List<String> tests) {
        List<String> sorted = new ArrayList<>(tests);
        sorted.sort(null);
        List<String> mine = new ArrayList<>();
        for (int k = 0; k < sorted.size(); k++) {
            if (k % count == index) {
                mine.add(sorted.get(k));
            }
        }
        return mine;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
