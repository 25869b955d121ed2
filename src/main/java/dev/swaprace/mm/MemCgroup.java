package dev.swaprace.mm;

import dev.swaprace.race.RaceHook;
import dev.swaprace.race.RaceLong;
import dev.swaprace.race.RacePoint;

/**
 * A memory cgroup (cgroup2): the {@code memory} page counter with its limit and the
 * {@code swap} counter. Counters are atomics, as in {@code page_counter}. The root memcg has no
 * counters: charging it always succeeds ({@code try_charge} returns 0 for root).
 */
public final class MemCgroup {
    public final RaceLong memory;
    public final RaceLong swap;
    private final long limit;
    private final String name;

    MemCgroup(String name, long limit, RaceHook hook) {
        this.name = name;
        this.limit = limit;
        this.memory = new RaceLong(name + ".memory", hook, 0);
        this.swap = new RaceLong(name + ".swap", hook, 0);
    }

    static MemCgroup root(RaceHook hook) {
        return new MemCgroup("root_mem_cgroup", -1, hook);
    }

    public boolean isRoot() {
        return limit < 0;
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
        if (isRoot()) {
            return true;
        }
        if (!choices.chargeSucceeds(at)) {
            return false;
        }
        return memory.getAndUpdate(at, v -> v + 1 > limit ? v : v + 1) + 1 <= limit;
    }

    void uncharge(RacePoint at) {
        if (!isRoot()) {
            memory.addAndGet(at, -1);
        }
    }

    /** Become a copy of {@code t}'s counters ({@link Mm#restore}). */
    void restore(MemCgroup t) {
        memory.reset(t.memory.quiescent());
        swap.reset(t.swap.quiescent());
    }

    @Override
    public String toString() {
        return name;
    }
}
