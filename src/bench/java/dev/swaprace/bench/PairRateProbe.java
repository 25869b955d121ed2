package dev.swaprace.bench;

import dev.swaprace.mm.Variant;
import dev.swaprace.race.StressHook;
import dev.swaprace.scenario.Scenario;
import dev.swaprace.suite.LockBaseline;
import dev.swaprace.suite.RunPool;
import dev.swaprace.suite.Sample;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Samples per second of a 2-actor scenario's V58 test and of its lock baseline, driven in process
 * as jcstress 0.16 drives them (fresh states per iteration of 40 strides of 256, a spin barrier
 * after each stride, the arbiters after the iteration), alternating model and baseline every
 * second so that both see the same machine. Without jcstress's forks and JIT variance it tells
 * layout changes apart that a jcstress run's noise hides. Not a test; a development probe, compiled
 * by {@code mvn test-compile} into {@code target/bench-classes}:
 * {@code java -cp target/bench-classes:target/test-classes:target/classes:CP dev.swaprace.bench.PairRateProbe SCENARIO [SECONDS]}
 * ({@code CP}: {@code mvn dependency:build-classpath}, as {@code scripts/bench-report} does).
 */
public final class PairRateProbe {
    private static final int STRIDE = 256;
    private static final int STRIDES = 40;

    private PairRateProbe() {
    }

    /**
     * A generated test's state: actors call {@code act}, the arbiter {@code outcome} (protected in
     * {@link Sample}, so reached through this subclass).
     */
    private static final class ModelState extends Sample {
        ModelState(RunPool pool) {
            super(pool);
        }

        void actor(int i) {
            act(i);
        }

        String arbiter() {
            return outcome();
        }
    }

    private interface States {
        Object make();

        void actor(Object state, int i);

        long arbiter(Object state);
    }

    public static void main(String[] args) throws Exception {
        Scenario s = Scenario.byClassName(args[0]);
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        RunPool pool = new RunPool(() -> s.setUp(Variant.V58, StressHook.HOOK));
        int[] locks = LockBaseline.lockCounts(s);
        States model = new States() {
            public Object make() {
                return new ModelState(pool);
            }

            public void actor(Object st, int i) {
                ((ModelState) st).actor(i);
            }

            public long arbiter(Object st) {
                return ((ModelState) st).arbiter().length();
            }
        };
        States baseline = new States() {
            public Object make() {
                return new ReentrantLock();
            }

            public void actor(Object st, int i) {
                LockBaseline.acquire((ReentrantLock) st, locks[i]);
            }

            public long arbiter(Object st) {
                return 1;
            }
        };
        rate(model, 2000);   // warm-up
        rate(baseline, 2000);
        double m = 0;
        double b = 0;
        for (int k = 0; k < seconds; k++) {
            m += rate(model, 1000);
            b += rate(baseline, 1000);
        }
        System.out.printf("%-26s model %,12.0f SPS  baseline %,12.0f SPS  ratio %.2fx%n", s.className(),
                m / seconds, b / seconds, b / m);
    }

    /** Samples per second of {@code states} over about {@code millis}. */
    private static double rate(States states, long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000L;
        long samples = 0;
        long start = System.nanoTime();
        long sink = 0;
        while (System.nanoTime() < end) {
            Object[] batch = new Object[STRIDE * STRIDES];
            for (int c = 0; c < batch.length; c++) {
                batch[c] = states.make();
            }
            AtomicInteger arrived = new AtomicInteger();
            Thread[] actors = new Thread[2];
            for (int a = 0; a < 2; a++) {
                int actor = a;
                actors[a] = new Thread(() -> {
                    for (int stride = 0; stride < STRIDES; stride++) {
                        for (int c = stride * STRIDE; c < (stride + 1) * STRIDE; c++) {
                            states.actor(batch[c], actor);
                        }
                        int target = 2 * (stride + 1);
                        arrived.incrementAndGet();
                        while (arrived.get() < target) {
                            Thread.onSpinWait();
                        }
                    }
                });
                actors[a].start();
            }
            for (Thread t : actors) {
                t.join();
            }
            for (Object st : batch) {
                sink += states.arbiter(st);
            }
            samples += batch.length;
        }
        if (sink == 42) {
            System.out.println();
        }
        return samples * 1e9 / (System.nanoTime() - start);
    }
}
