package dev.swaprace.race;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Window amplification for the hunt: spin for a configured time before named race points, the
 * way a kernel developer adds a {@code udelay()} to reproduce a race. A delay is a fixed number
 * of nanoseconds or a random range (KCSAN-style), per step label.
 *
 * <p>Spec syntax, as in stress-configs and the {@code swaprace.delays} system property:
 * {@code S.9=2000,P.try=500-5000} (nanoseconds; a range picks uniformly per passage).
 */
public final class DelayHook implements RaceHook {
    /** The system property that carries the spec into forked JCStress JVMs. */
    public static final String PROPERTY = "swaprace.delays";

    private final long[] min = new long[RacePoint.values().length];
    private final long[] max = new long[RacePoint.values().length];
    private final String spec;

    private DelayHook(Map<RacePoint, long[]> delays, String spec) {
        delays.forEach((p, d) -> {
            min[p.ordinal()] = d[0];
            max[p.ordinal()] = d[1];
        });
        this.spec = spec;
    }

    /**
     * Parse a spec; throws {@link IllegalArgumentException} with a one-line message naming the
     * bad element.
     */
    public static DelayHook parse(String spec) {
        Map<RacePoint, long[]> delays = new EnumMap<>(RacePoint.class);
        for (String part : spec.split(",")) {
            String item = part.trim();
            if (item.isEmpty()) {
                continue;
            }
            int eq = item.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("delay '" + item + "': expected STEP=NANOS or STEP=MIN-MAX");
            }
            RacePoint point = byLabel(item.substring(0, eq).trim());
            String value = item.substring(eq + 1).trim();
            long lo;
            long hi;
            try {
                int dash = value.indexOf('-');
                lo = Long.parseLong(dash < 0 ? value : value.substring(0, dash).trim());
                hi = dash < 0 ? lo : Long.parseLong(value.substring(dash + 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("delay '" + item + "': '" + value + "' is not NANOS or MIN-MAX");
            }
            if (lo < 0 || hi < lo) {
                throw new IllegalArgumentException("delay '" + item + "': need 0 <= MIN <= MAX");
            }
            delays.put(point, new long[] {lo, hi});
        }
        return new DelayHook(delays, spec.replace(" ", ""));
    }

    /** The spec, without spaces (it travels inside a space-separated JVM argument list). */
    public String spec() {
        return spec;
    }

    /** The race point with kernel-model label {@code label} ({@code S.9}, {@code P.try}). */
    public static RacePoint byLabel(String label) {
        for (RacePoint p : RacePoint.values()) {
            if (p.label().equals(label)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown race point '" + label + "' (labels are like S.9, P.try, Rc.lock)");
    }

    @Override
    public void before(RacePoint point, Op op, Primitive target) {
        int i = point.ordinal();
        long hi = max[i];
        if (hi == 0) {
            return;
        }
        long lo = min[i];
        long ns = lo == hi ? lo : ThreadLocalRandom.current().nextLong(lo, hi + 1);
        long end = System.nanoTime() + ns;
        while (System.nanoTime() - end < 0) {
            Thread.onSpinWait();
        }
    }

    @Override
    public String toString() {
        return "delays[" + spec + "]";
    }
}
