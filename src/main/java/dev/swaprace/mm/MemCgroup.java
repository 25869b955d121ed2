package dev.swaprace.mm;

import dev.swaprace.race.RaceHook;
import dev.swaprace.race.RaceLong;
import dev.swaprace.race.RacePoint;

/**
 * One memory cgroup (cgroup2): the {@code memory} page counter with its limit and the
 * {@code swap} counter. Counters are atomics, as in {@code page_counter}.
 */
public final class MemCgroup {
    public final RaceLong memory;
    public final RaceLong swap;
    private final long limit;

    MemCgroup(long limit, RaceHook hook) {
        this.limit = limit;
        this.memory = new RaceLong("memcg.memory", hook, 0);
        this.swap = new RaceLong("memcg.swap", hook, 0);
    }

    public long limit() {
        return limit;
    }

    /**
     * {@code try_charge}/{@code page_counter_try_charge}: raise the counter unless that would
     * pass the limit, in one atomic step. The reclaim a real charge may do first is a choice the
     * scenario makes.
     */
    boolean tryCharge(RacePoint at, Choices choices) {
        if (!choices.chargeSucceeds(at)) {
            return false;
        }
        return memory.getAndUpdate(at, v -> v + 1 > limit ? v : v + 1) + 1 <= limit;
    }

    void uncharge(RacePoint at) {
        memory.addAndGet(at, -1);
    }

    @Override
    public String toString() {
        return "memcg";
    }
}
