package dev.swaprace.explore;

import dev.swaprace.check.Outcome;
import dev.swaprace.check.Verdict;
import dev.swaprace.mm.Choices;
import dev.swaprace.race.Backoff;
import dev.swaprace.race.LockHolder;
import dev.swaprace.race.PageLock;
import dev.swaprace.race.RaceHook;
import dev.swaprace.race.RaceLong;
import dev.swaprace.race.RacePoint;
import dev.swaprace.race.SpinLock;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;

/**
 * A small program over the race primitives, for checking the explorer itself: each actor is a
 * list of instructions on shared counters, spinlocks and page locks; the outcome is what every
 * actor saw plus the final values. Small enough for the naive search to enumerate every
 * schedule.
 */
final class Litmus implements Subject {

    /** The shared memory of one execution. */
    static final class Mem {
        final RaceHook hook;
        final RaceLong[] x;
        final SpinLock[] lock;
        /** A lock whose critical sections are one step, and the counter only it guards. */
        final SpinLock section;
        final RaceLong guarded;
        final PageLock[] page;
        final Choices choices;

        Mem(RaceHook hook, Choices choices, int vars, int locks, int pages) {
            this.hook = hook;
            this.choices = choices;
            x = new RaceLong[vars];
            for (int i = 0; i < vars; i++) {
                x[i] = new RaceLong("x" + i, hook, 0);
            }
            lock = new SpinLock[locks];
            for (int i = 0; i < locks; i++) {
                lock[i] = new SpinLock("l" + i, hook);
            }
            section = new SpinLock("s", hook, true);
            guarded = new RaceLong("g", hook, 0);
            page = new PageLock[pages];
            for (int i = 0; i < pages; i++) {
                page[i] = new PageLock("p" + i, hook);
            }
        }
    }

    /** One instruction; appends what it saw to {@code seen}. */
    interface Insn {
        void run(Mem m, StringBuilder seen);
    }

    static final RacePoint AT = RacePoint.SETUP;

    static Insn load(int v) {
        return (m, seen) -> seen.append('r').append(m.x[v].load(AT)).append(' ');
    }

    static Insn store(int v, long value) {
        return (m, seen) -> m.x[v].store(AT, value);
    }

    static Insn add(int v) {
        return (m, seen) -> seen.append('a').append(m.x[v].addAndGet(AT, 1)).append(' ');
    }

    static Insn cas(int v, long expect, long update) {
        return (m, seen) -> seen.append('c').append(m.x[v].compareAndExchange(AT, expect, update)).append(' ');
    }

    /** {@code spin_lock(l); body; spin_unlock(l)}. */
    static Insn locked(int l, Insn... body) {
        return (m, seen) -> {
            m.lock[l].lock(AT);
            for (Insn i : body) {
                i.run(m, seen);
            }
            m.lock[l].unlock(AT);
        };
    }

    /** A critical section of the one-step lock: read g, add one, and run {@code body}. */
    static Insn section(Insn... body) {
        return (m, seen) -> {
            m.section.lock(AT);
            long g = m.guarded.load(AT);
            m.guarded.store(AT, g + 1);
            seen.append('g').append(g).append(' ');
            for (Insn i : body) {
                i.run(m, seen);
            }
            m.section.unlock(AT);
        };
    }

    /** {@code lock_page(p); body; unlock_page(p)}. */
    static Insn pageLocked(int p, Insn... body) {
        return (m, seen) -> {
            m.page[p].lock(AT, LockHolder.SWAPIN);
            for (Insn i : body) {
                i.run(m, seen);
            }
            m.page[p].unlock(AT);
        };
    }

    /** {@code if (trylock_page(p)) { body; unlock_page(p); }}, recording the result. */
    static Insn trylock(int p, Insn... body) {
        return (m, seen) -> {
            LockHolder h = m.page[p].trylock(AT, LockHolder.PUNCH);
            seen.append(h == null ? "T+ " : "T- ");
            if (h == null) {
                for (Insn i : body) {
                    i.run(m, seen);
                }
                m.page[p].unlock(AT);
            }
        };
    }

    /** {@code while (x[v] == 0) cond_resched();}: a busy wait on another actor. */
    static Insn await(int v) {
        return (m, seen) -> {
            while (m.x[v].load(AT) == 0) {
                Backoff.condResched(m.hook, AT);
            }
            seen.append("w ");
        };
    }

    /** {@code wait_on_page_writeback}: block until x[v] is 0. */
    static Insn waitZero(int v) {
        return (m, seen) -> {
            m.x[v].waitForZero(AT);
            seen.append("z ");
        };
    }

    /** A choice point: {@code then} if the "charge" succeeds, else {@code otherwise}. */
    static Insn choice(Insn then, Insn otherwise) {
        return (m, seen) -> {
            boolean ok = m.choices.chargeSucceeds(RacePoint.S_8);
            seen.append(ok ? "C+ " : "C- ");
            (ok ? then : otherwise).run(m, seen);
        };
    }

    private final String name;
    private final int vars;
    private final int locks;
    private final int pages;
    private final List<List<Insn>> actors;
    private final String text;

    Litmus(String name, int vars, int locks, int pages, List<List<Insn>> actors, String text) {
        this.name = name;
        this.vars = vars;
        this.locks = locks;
        this.pages = pages;
        this.actors = actors;
        this.text = text;
    }

    static Litmus of(String name, int vars, int locks, int pages, List<List<Insn>> actors) {
        return new Litmus(name, vars, locks, pages, actors, name);
    }

    @Override
    public String id() {
        return name;
    }

    @Override
    public String title() {
        return "litmus " + name;
    }

    @Override
    public List<String> actorLabels() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < actors.size(); i++) {
            out.add("T" + i);
        }
        return out;
    }

    @Override
    public List<String> actorDescriptions() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < actors.size(); i++) {
            out.add("thread " + i);
        }
        return out;
    }

    @Override
    public Choices fixedChoices() {
        return Choices.CHARGE_CAN_FAIL;   // its choice points branch under every choice
    }

    @Override
    public Instance setUp(RaceHook hook, Choices choices) {
        Mem m = new Mem(hook, choices, vars, locks, pages);
        StringBuilder[] seen = new StringBuilder[actors.size()];
        for (int i = 0; i < seen.length; i++) {
            seen[i] = new StringBuilder();
        }
        return new Instance() {
            @Override
            public void act(int actor) {
                for (Insn i : actors.get(actor)) {
                    i.run(m, seen[actor]);
                }
            }

            @Override
            public String endState() {
                StringJoiner j = new StringJoiner(",");
                for (RaceLong v : m.x) {
                    j.add(v.name() + "=" + v.quiescent());
                }
                j.add("g=" + m.guarded.quiescent());
                return j.toString();
            }

            @Override
            public Outcome outcome() {
                StringJoiner j = new StringJoiner("|");
                for (int i = 0; i < seen.length; i++) {
                    j.add("T" + i + ":" + seen[i].toString().trim());
                }
                return new Outcome(Verdict.ACCEPTABLE, j + "|" + endState());
            }
        };
    }

    @Override
    public String toString() {
        return text;
    }

    /**
     * A random program: {@code actors} actors of {@code insns} instructions each over two
     * counters, one spinlock and one page lock; loads, stores, adds, cmpxchg, locked sections,
     * trylocks, busy waits, writeback waits and choice points.
     */
    static Litmus random(long seed, int actorCount, int insns) {
        Random r = new Random(seed);
        List<List<Insn>> actors = new ArrayList<>();
        StringBuilder text = new StringBuilder("random#" + seed + " {");
        for (int a = 0; a < actorCount; a++) {
            List<Insn> prog = new ArrayList<>();
            text.append(a == 0 ? "" : " ||");
            for (int k = 0; k < insns; k++) {
                int v = r.nextInt(2);
                switch (r.nextInt(12)) {
                    case 0 -> {
                        prog.add(load(v));
                        text.append(" r x").append(v);
                    }
                    case 1 -> {
                        long val = 1 + r.nextInt(2);
                        prog.add(store(v, val));
                        text.append(" x").append(v).append('=').append(val);
                    }
                    case 2 -> {
                        prog.add(add(v));
                        text.append(" x").append(v).append("++");
                    }
                    case 3 -> {
                        prog.add(cas(v, 0, 1));
                        text.append(" cas(x").append(v).append(",0,1)");
                    }
                    case 4 -> {
                        prog.add(locked(0, load(v), store(v, 2)));
                        text.append(" lock{r x").append(v).append("; x").append(v).append("=2}");
                    }
                    case 5 -> {
                        prog.add(trylock(0, load(v)));
                        text.append(" trylock{r x").append(v).append('}');
                    }
                    case 6 -> {
                        prog.add(pageLocked(0, add(v)));
                        text.append(" lock_page{x").append(v).append("++}");
                    }
                    case 7 -> {
                        prog.add(await(v));
                        text.append(" await x").append(v);
                    }
                    case 8 -> {
                        prog.add(waitZero(v));
                        text.append(" wait0 x").append(v);
                    }
                    case 9 -> {
                        prog.add(section());
                        text.append(" section{g++}");
                    }
                    case 10 -> {
                        prog.add(section(load(v)));
                        text.append(" section{g++; r x").append(v).append('}');
                    }
                    default -> {
                        prog.add(choice(store(v, 3), load(v)));
                        text.append(" choice{x").append(v).append("=3 | r x").append(v).append('}');
                    }
                }
            }
            actors.add(prog);
        }
        return new Litmus("random" + seed, 2, 1, 1, actors, text.append(" }").toString());
    }
}
