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

    /** Counter names are literals, not concatenations: a jcstress sample builds a machine. */
    private MemCgroup(String name, String memoryName, String swapName, long limit, RaceHook hook) {
        this.name = name;
        this.limit = limit;
        this.memory = new RaceLong(memoryName, hook, 0);
        this.swap = new RaceLong(swapName, hook, 0);
    }

    static MemCgroup root(RaceHook hook) {
        return new MemCgroup("root_mem_cgroup", "root_mem_cgroup.memory", "root_mem_cgroup.swap", -1, hook);
    }

    /** The memcg of the tmpfs file's tasks, limited to {@code limit} pages. */
    static MemCgroup tasks(long limit, RaceHook hook) {
        return new MemCgroup("memcg", "memcg.memory", "memcg.swap", limit, hook);
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
        return memory.getAndIncrementUpTo(at, limit) + 1 <= limit;
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
