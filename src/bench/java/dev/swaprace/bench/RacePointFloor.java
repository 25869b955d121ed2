package dev.swaprace.bench;

import dev.swaprace.race.Op;
import dev.swaprace.race.PageLock;
import dev.swaprace.race.Primitive;
import dev.swaprace.race.RaceHook;
import dev.swaprace.race.RacePoint;
import dev.swaprace.scenario.Scenario;
import dev.swaprace.suite.LockBaseline;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What the sampling-rate target is up against, single-threaded, per scenario on V58: ns per
 * sample of (1) the lock baseline's actors ({@link LockBaseline#acquire} as often as
 * {@link LockBaseline#lockCounts}: per actor, its most lock race points over the serial orders),
 * (2) the model's race points alone, per actor those of the same serial order (the one where it
 * passes the most), replayed as the same memory operations on a {@code long[]} with nothing
 * between them: each lock, trylock and atomic read-modify-write a CAS, each release of a page
 * lock an exchange (as {@link PageLock} does), each other store a volatile store, each load a
 * volatile load; and (3) the same with release stores in place of the volatile stores, as the
 * kernel's {@code spin_unlock}, {@code WRITE_ONCE} and {@code rcu_assign_pointer} compile on x86
 * (a plain store, where a Java volatile store adds a full fence). If (2) alone is near 3x (1), no
 * harness work can meet the target. {@code scripts/bench-race-point-floor [SCENARIO...]} runs it.
 */
public final class RacePointFloor {
    private static final VarHandle WORDS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final int REPEAT = 256;
    private static final String NAME = "bench-race-point-floor";

    private RacePointFloor() {
    }

    public static void main(String[] args) {
        List<Scenario> scenarios = new ArrayList<>();
        if (args.length == 0) {
            // as the sampling-rate benchmark: the scenarios with lock baselines in the suite
            for (Scenario s : Scenario.values()) {
                if (s.actors().size() <= 2) {
                    scenarios.add(s);
                }
            }
        }
        for (String a : args) {
            try {
                scenarios.add(Scenario.byClassName(a));
            } catch (IllegalArgumentException e) {
                System.err.println(NAME + ": argument '" + a + "': " + e.getMessage());
                System.exit(2);
            }
        }
        System.out.println("Per sample, single-threaded, V58: the lock baseline's actors, then the model's race points"
                + " alone as memory operations (per actor those of the serial order where it passes the most),"
                + " then the same with release stores; each with its ratio to the baseline.");
        System.out.println("OPS: loads, volatile stores, exchanges (page-lock releases), CAS (locks, trylocks, atomics),"
                + " and of the CAS the locks.");
        for (Scenario s : scenarios) {
            Replay replay = Replay.longestPerActor(s);
            int[] locks = LockBaseline.lockCounts(s);
            ReentrantLock lock = new ReentrantLock();
            for (int warm = 0; warm < 3; warm++) {
                perSample(() -> baseline(lock, locks), 300_000_000L);
                perSample(() -> replay.run(false), 300_000_000L);
                perSample(() -> replay.run(true), 300_000_000L);
            }
            double base = perSample(() -> baseline(lock, locks), 1_000_000_000L);
            double floor = perSample(() -> replay.run(false), 1_000_000_000L);
            double release = perSample(() -> replay.run(true), 1_000_000_000L);
            System.out.printf("%-26s ops %3d (%2d ld, %2d st, %2d xchg, %2d cas, %2d locks)  lock pairs %2d  baseline %5.1f ns"
                            + "  race points %5.1f ns = %.1fx  with release stores %5.1f ns = %.1fx%n",
                    s.className(), replay.ops.length, replay.count(Replay.LOAD), replay.count(Replay.STORE),
                    replay.count(Replay.XCHG), replay.count(Replay.CAS), replay.locks, sum(locks), base, floor,
                    floor / base, release, release / base);
        }
    }

    private static int sum(int[] counts) {
        int n = 0;
        for (int c : counts) {
            n += c;
        }
        return n;
    }

    private static long baseline(ReentrantLock lock, int[] counts) {
        for (int n : counts) {
            LockBaseline.acquire(lock, n);
        }
        return 0;
    }

    private interface Workload {
        long run();
    }

    /** ns per call of {@code work}, calls timed in loops of {@link #REPEAT}. */
    private static double perSample(Workload work, long budgetNs) {
        long calls = 0;
        long sink = 0;
        long start = System.nanoTime();
        long end = start + budgetNs;
        long now;
        do {
            for (int i = 0; i < REPEAT; i++) {
                sink += work.run();
            }
            calls += REPEAT;
            now = System.nanoTime();
        } while (now < end);
        if (sink == 42) {
            System.out.println();
        }
        return (double) (now - start) / calls;
    }

    /** Race points as memory operations on word indices (one word per primitive, by name). */
    private static final class Replay {
        static final byte LOAD = 0;
        static final byte STORE = 1;
        static final byte CAS = 2;
        static final byte XCHG = 3;

        final byte[] ops;
        final int[] word;
        final long[] words;
        final int locks;

        private Replay(List<Byte> ops, List<Integer> word, int nWords, int locks) {
            this.ops = new byte[ops.size()];
            this.word = new int[word.size()];
            for (int k = 0; k < this.ops.length; k++) {
                this.ops[k] = ops.get(k);
                this.word[k] = word.get(k);
            }
            this.words = new long[nWords];
            this.locks = locks;
        }

        /**
         * Per actor, its race points in the serial run ({@link LockBaseline#serialRuns}, as the
         * baselines count) where it passes the most; the actors' sequences one after another.
         */
        static Replay longestPerActor(Scenario s) {
            int n = s.actors().size();
            List<List<Op>> opsOf = new ArrayList<>();
            List<List<String>> targetsOf = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                opsOf.add(List.of());
                targetsOf.add(List.of());
            }
            Recorder hook = new Recorder();
            LockBaseline.serialRuns(s, hook, new LockBaseline.SerialRun() {
                @Override
                public void before(int actor) {
                    hook.ops.clear();
                    hook.targets.clear();
                }

                @Override
                public void after(int actor) {
                    if (hook.ops.size() > opsOf.get(actor).size()) {
                        opsOf.set(actor, new ArrayList<>(hook.ops));
                        targetsOf.set(actor, new ArrayList<>(hook.targets));
                    }
                }
            });
            Map<String, Integer> index = new HashMap<>();
            List<Byte> kinds = new ArrayList<>();
            List<Integer> words = new ArrayList<>();
            int locks = 0;
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < opsOf.get(i).size(); k++) {
                    Op op = opsOf.get(i).get(k);
                    String target = targetsOf.get(i).get(k);
                    if (op == Op.SPIN) {
                        continue;
                    }
                    if (op == Op.LOCK || op == Op.TRYLOCK) {
                        locks++;
                    }
                    kinds.add(switch (op) {
                        case LOAD, WAIT -> LOAD;
                        case LOCK, TRYLOCK, RMW -> CAS;
                        case STORE, UNLOCK -> target.startsWith(Recorder.PAGE_LOCK) ? XCHG : STORE;
                        case SPIN -> throw new AssertionError();
                    });
                    words.add(index.computeIfAbsent(target, x -> index.size()));
                }
            }
            return new Replay(kinds, words, index.size(), locks);
        }

        int count(byte kind) {
            int n = 0;
            for (byte op : ops) {
                n += op == kind ? 1 : 0;
            }
            return n;
        }

        /** One sample's race points; locks and read-modify-writes succeed (the word flips 0/1). */
        long run(boolean releaseStores) {
            long seen = 0;
            for (int k = 0; k < ops.length; k++) {
                int w = word[k];
                switch (ops[k]) {
                    case LOAD -> seen += (long) WORDS.getVolatile(words, w);
                    case STORE -> {
                        if (releaseStores) {
                            WORDS.setRelease(words, w, seen & 1);
                        } else {
                            WORDS.setVolatile(words, w, seen & 1);
                        }
                    }
                    case CAS -> {
                        long v = (long) WORDS.getVolatile(words, w);
                        seen += (long) WORDS.compareAndExchange(words, w, v, v ^ 1);
                    }
                    default -> seen += (long) WORDS.getAndSet(words, w, seen & 1);
                }
            }
            return seen;
        }
    }

    /**
     * Records each race point's operation and target; a target is named, so that two runs' primitives
     * of the same name are one word, and a page lock's name is marked (it releases by exchange).
     */
    private static final class Recorder implements RaceHook {
        static final String PAGE_LOCK = "pagelock:";
        final List<Op> ops = new ArrayList<>();
        final List<String> targets = new ArrayList<>();

        @Override
        public void before(RacePoint point, Op op, Primitive target) {
            ops.add(op);
            targets.add(target instanceof PageLock ? PAGE_LOCK + target.name() : target.name());
        }
    }
}
