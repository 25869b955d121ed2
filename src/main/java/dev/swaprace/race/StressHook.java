package dev.swaprace.race;

/**
 * The hook of a JCStress fork: {@link RaceHook#NONE} unless the {@value DelayHook#PROPERTY}
 * system property asks for delays. A {@code static final}, so with no delays the JIT sees one
 * constant no-op hook and the race points cost nothing.
 */
public final class StressHook {
    public static final RaceHook HOOK = fromSystemProperty();

    private StressHook() {
    }

    private static RaceHook fromSystemProperty() {
        String spec = System.getProperty(DelayHook.PROPERTY, "").trim();
        return spec.isEmpty() ? RaceHook.NONE : DelayHook.parse(spec);
    }
}
