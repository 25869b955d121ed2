package dev.swaprace.stress;

import dev.swaprace.mm.Variant;
import dev.swaprace.race.Op;
import dev.swaprace.race.PageLock;
import dev.swaprace.race.Primitive;
import dev.swaprace.race.RaceHook;
import dev.swaprace.race.RacePoint;
import dev.swaprace.scenario.Run;
import dev.swaprace.scenario.Scenario;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What the sampling-rate target is up against, single-threaded: per scenario (V58, actors one
 * after another in the order with the most race points), ns per sample of (1) the lock baseline's actors ({@link LockBaseline#acquire}),
 * (2) the model's race points alone, replayed as the same memory operations on a {@code long[]}
 * with nothing between them (each lock a CAS, each store a volatile store, each read-modify-write
 * a CAS, each load a volatile load), and (3) the same with release stores, as the kernel's
 * {@code spin_unlock}, {@code WRITE_ONCE} and {@code rcu_assign_pointer} compile on x86 (a plain
 * store, where a Java volatile store adds a full fence). If (2) is already near 3x (1), no
 * harness work can meet the target. {@code scripts/bench-race-point-floor [SCENARIO...]} runs it.
 */
public final class RacePointFloor {
    private static final VarHandle WORDS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final int REPEAT = 256;

    private RacePointFloor() {
    }

    public static void main(String[] args) {
        List<Scenario> scenarios = new ArrayList<>(args.length == 0 ? List.of(Scenario.values()) : List.of());
        for (String a : args) {
            try {
                scenarios.add(Scenario.byClassName(a));
            } catch (IllegalArgumentException e) {
                System.err.println("bench-race-point-floor: argument '" + a + "': " + e.getMessage());
                System.exit(2);
            }
        }
        System.out.println("Per sample, single-threaded, V58, the actors one after another (the order with the most"
                + " race points): the lock baseline's actors, then the model's race points alone as memory"
                + " operations (ratio to the baseline).");
        for (Scenario s : scenarios) {
            if (s.actors().size() > 2) {
                continue;
            }
            // as LockBaseline.lockCounts: the serial order with the most race points
            Replay forward = Replay.record(s, false);
            Replay reverse = Replay.record(s, true);
            Replay replay = forward.ops.length >= reverse.ops.length ? forward : reverse;
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
            System.out.printf("%-26s ops %3d (stores %2d, atomics %2d, locks %2d)  baseline %5.1f ns"
                            + "  race points %5.1f ns = %.1fx  with release stores %5.1f ns = %.1fx%n",
                    s.className(), replay.ops.length, replay.count(Replay.STORE), replay.count(Replay.CAS)
                            + replay.count(Replay.XCHG), replay.locks(), base, floor, floor / base, release, release / base);
        }
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

    /** ns per call of {@code sample}, calls timed in loops of {@link #REPEAT}. */
    private static double perSample(Workload sample, long budgetNs) {
        long calls = 0;
        long sink = 0;
        long start = System.nanoTime();
        long end = start + budgetNs;
        long now;
        do {
            for (int i = 0; i < REPEAT; i++) {
                sink += sample.run();
            }
            calls += REPEAT;
            now = System.nanoTime();
        } while (now < end);
        if (sink == 42) {
            System.out.println();
        }
        return (double) (now - start) / calls;
    }

    /** The race points of one serial run of every actor, as memory operations on word indices. */
    private static final class Replay {
        static final byte LOAD = 0;
        static final byte STORE = 1;
        static final byte CAS = 2;
        static final byte XCHG = 3;

        final byte[] ops;
        final int[] word;
        final long[] words;
        final int locks;

        Replay(byte[] ops, int[] word, int nWords, int locks) {
            this.ops = ops;
            this.word = word;
            this.words = new long[nWords];
            this.locks = locks;
        }

        /** The race points of the actors run one after another, in declaration order or in reverse. */
        static Replay record(Scenario s, boolean reverse) {
            List<Op> ops = new ArrayList<>();
            List<Primitive> targets = new ArrayList<>();
            RaceHook hook = new RaceHook() {
                @Override
                public void before(RacePoint point, Op op, Primitive target) {
                    ops.add(op);
                    targets.add(target);
                }
            };
            Run run = s.setUp(Variant.V58, hook);
            ops.clear();
            targets.clear();
            int n = s.actors().size();
            for (int k = 0; k < n; k++) {
                run.act(reverse ? n - 1 - k : k);
            }
            Map<Primitive, Integer> index = new IdentityHashMap<>();
            List<Byte> kinds = new ArrayList<>();
            List<Integer> words = new ArrayList<>();
            int locks = 0;
            for (int k = 0; k < ops.size(); k++) {
                Op op = ops.get(k);
                Primitive t = targets.get(k);
                if (op == Op.SPIN) {
                    continue;
                }
                if (op == Op.LOCK || op == Op.TRYLOCK) {
                    locks++;
                }
                kinds.add(switch (op) {
                    case LOAD, WAIT -> LOAD;
                    case LOCK, TRYLOCK, RMW -> CAS;
                    case STORE, UNLOCK -> t instanceof PageLock ? XCHG : STORE;
                    case SPIN -> throw new AssertionError();
                });
                words.add(index.computeIfAbsent(t, x -> index.size()));
            }
            byte[] kindArray = new byte[kinds.size()];
            int[] wordArray = new int[words.size()];
            for (int k = 0; k < kindArray.length; k++) {
                kindArray[k] = kinds.get(k);
                wordArray[k] = words.get(k);
            }
            return new Replay(kindArray, wordArray, index.size(), locks);
        }

        int count(byte kind) {
            int n = 0;
            for (byte op : ops) {
                n += op == kind ? 1 : 0;
            }
            return n;
        }

        int locks() {
            return locks;
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
}
