package dev.swaprace.race;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The names of a family of numbered primitives, {@code prefix + i + suffix} ("page3.lock",
 * "i_pages[0]"), each built once. Every scenario run builds the same few names again, and a
 * JCStress run builds millions of scenario runs: a cached name costs an array load instead of a
 * string concatenation.
 */
public final class IndexedName {
    private static final int CACHED = 64;

    private final String prefix;
    private final String suffix;
    private final AtomicReferenceArray<String> cache = new AtomicReferenceArray<>(CACHED);

    public IndexedName(String prefix, String suffix) {
        this.prefix = prefix;
        this.suffix = suffix;
    }

    /** {@code prefix + i + suffix}. */
    public String of(int i) {
        if (i < 0 || i >= CACHED) {
            return prefix + i + suffix;
        }
        String s = cache.get(i);
        if (s == null) {
            s = prefix + i + suffix;
            cache.set(i, s);   // racing threads store equal strings
        }
        return s;
    }
}
