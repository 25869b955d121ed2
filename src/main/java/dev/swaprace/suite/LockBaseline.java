package dev.swaprace.suite;

import dev.swaprace.mm.Variant;
import dev.swaprace.race.Op;
import dev.swaprace.race.Primitive;
import dev.swaprace.race.RaceHook;
import dev.swaprace.race.RacePoint;
import dev.swaprace.scenario.Run;
import dev.swaprace.scenario.Scenario;

import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * The calibration baseline of the sampling-rate benchmark: a JCStress test whose actors take a
 * plain {@link ReentrantLock} as many times as the model's actors pass a lock race point
 * ({@link Op#LOCK} or {@link Op#TRYLOCK}) in one run of a scenario ({@link #lockCounts}), and do
 * nothing else. The
 * generated baseline tests are named by those counts, {@code dev.swaprace.stress.Baseline.Locks_9_7},
 * so that a {@code -t} regex naming a scenario never selects one.
 */
public final class LockBaseline {
    /** The variant whose lock counts the baselines reproduce. */
    public static final Variant VARIANT = Variant.V58;
    public static final String CLASS_NAME = "Baseline";
    /**
     * The nested class, beside the baselines, of the amplification-off twin: the
     * {@link #AMPLIFICATION_OFF_SCENARIO} test on {@link #VARIANT} built with {@code RaceHook.NONE}
     * instead of {@code StressHook.HOOK}. Named so that no scenario's {@code -t} regex selects it.
     */
    public static final String AMPLIFICATION_OFF_TWIN = "NoAmplification";
    public static final Scenario AMPLIFICATION_OFF_SCENARIO = Scenario.SWAPIN_VS_PUNCH;

    private LockBaseline() {
    }

    /** Take and release {@code lock} {@code n} times: the whole body of a baseline actor. */
    public static void acquire(ReentrantLock lock, int n) {
        for (int i = 0; i < n; i++) {
            lock.lock();
            lock.unlock();
        }
    }

    /**
     * Per actor of {@code scenario}, the most lock race points it passes when the actors run one
     * after another on {@link #VARIANT}, in declaration order or in reverse (for two actors: every
     * serial order). Set-up and the checker are not counted.
     */
    public static int[] lockCounts(Scenario scenario) {
        int[] max = new int[scenario.actors().size()];
        CountingHook hook = new CountingHook();
        serialRuns(scenario, hook, new SerialRun() {
            @Override
            public void before(int actor) {
                hook.count = 0;
                hook.counting = true;
            }

            @Override
            public void after(int actor) {
                hook.counting = false;
                max[actor] = Math.max(max[actor], hook.count);
            }
        });
        return max;
    }

    /** Told about each actor's run in {@link #serialRuns}. */
    public interface SerialRun {
        void before(int actor);

        void after(int actor);
    }

    /**
     * Run {@code scenario}'s actors one after another on {@link #VARIANT}, once in declaration
     * order and once in reverse (for two actors: every serial order), each order on a machine
     * of its own with race hook {@code hook}; {@code each} hears every actor's run. The baselines
     * count, and the race-point floor ({@code dev.swaprace.bench.RacePointFloor} in {@code src/bench})
     * replays, the race points of these runs.
     */
    public static void serialRuns(Scenario scenario, RaceHook hook, SerialRun each) {
        int n = scenario.actors().size();
        for (boolean reverse : new boolean[] {false, true}) {
            Run run = scenario.setUp(VARIANT, hook);
            for (int k = 0; k < n; k++) {
                int i = reverse ? n - 1 - k : k;
                each.before(i);
                run.act(i);
                each.after(i);
            }
        }
    }

    /** {@code Locks_9_7}: the nested class name of the baseline for these per-actor counts. */
    public static String nestedName(int[] counts) {
        return "Locks_" + Arrays.stream(counts).mapToObj(Integer::toString).collect(Collectors.joining("_"));
    }

    /** The jcstress test name of the amplification-off twin. */
    public static String amplificationOffTwin() {
        return StressSuite.PACKAGE + "." + CLASS_NAME + "." + AMPLIFICATION_OFF_TWIN;
    }

    /** The jcstress test name of the baseline for {@code scenario}. */
    public static String testName(Scenario scenario) {
        return StressSuite.PACKAGE + "." + CLASS_NAME + "." + nestedName(lockCounts(scenario));
    }

    /** Counts lock acquisitions while {@link #counting}; single-threaded use only. */
    private static final class CountingHook implements RaceHook {
        boolean counting;
        int count;

        @Override
        public void before(RacePoint point, Op op, Primitive target) {
            if (counting && (op == Op.LOCK || op == Op.TRYLOCK)) {
                count++;
            }
        }
    }
}
