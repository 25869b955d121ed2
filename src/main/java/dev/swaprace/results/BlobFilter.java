package dev.swaprace.results;

import java.io.ObjectInputFilter;
import java.util.Set;

/**
 * The deserialization allow-list for jcstress result blobs. A blob is a Java serialization
 * stream, and campaigns merge blobs from many hosts, so a blob is untrusted input: only
 * jcstress 0.16's result classes and the few JDK types they hold may be resolved, and the
 * stream's depth, reference count, array sizes and length are bounded. Anything else is
 * rejected before an instance is made (the filter runs when a class descriptor or array
 * length is read, before allocation; rejected classes are never initialised).
 *
 * <p>The classes are those a jcstress 0.16 run writes, measured on real blobs:
 * {@code TestResult} holds a {@code TestConfig}, a {@code Status}, a {@code Counter} of
 * outcome strings, an {@code Environment} (a {@code HashMap} of system properties) and
 * {@code ArrayList}s of messages; {@code TestConfig} holds a {@code SchedulingClass},
 * {@code CPUMap}, {@code SpinLoopStyle}, {@code AffinityMode}, {@code NodeType}.
 *
 * <p>A filter instance remembers why it rejected, so the reader can say so in one line.
 */
public final class BlobFilter implements ObjectInputFilter {

    /**
     * Bounds on one blob's stream. The defaults are far above what a jcstress run writes (a
     * sanity run of 6 tests: depth 5, 4,464 references, arrays of 64; a {@code Counter}
     * doubles its arrays from 64 as outcomes appear, so 1M entries is ~100k distinct
     * outcomes of one fork) and far below what would exhaust a report machine.
     *
     * @param maxDepth      nesting depth of objects
     * @param maxReferences object references in the whole stream (jcstress does not reset it)
     * @param maxArray      length of any one array
     * @param maxBytes      bytes of the (decompressed) serialization stream
     */
    public record Limits(long maxDepth, long maxReferences, long maxArray, long maxBytes) {
        public static final Limits DEFAULT = new Limits(32, 200_000_000L, 1 << 20, 16L << 30);
    }

    /** Classes allowed by exact name. */
    static final Set<String> ALLOWED = Set.of(
            // jcstress 0.16 result classes
            "org.openjdk.jcstress.infra.collectors.TestResult",
            "org.openjdk.jcstress.infra.Status",
            "org.openjdk.jcstress.infra.runners.TestConfig",
            "org.openjdk.jcstress.infra.runners.SpinLoopStyle",
            "org.openjdk.jcstress.os.SchedulingClass",
            "org.openjdk.jcstress.os.AffinityMode",
            "org.openjdk.jcstress.os.NodeType",
            "org.openjdk.jcstress.os.CPUMap",
            "org.openjdk.jcstress.util.Counter",
            "org.openjdk.jcstress.util.Environment",
            // JDK types they hold (enum constants, lists of strings, the environment map)
            "java.lang.Enum",
            "java.lang.String",
            "java.util.ArrayList",
            "java.util.Arrays$ArrayList",
            "java.util.Collections$UnmodifiableList",
            "java.util.Collections$UnmodifiableRandomAccessList",
            "java.util.Collections$UnmodifiableCollection",
            "java.util.Collections$EmptyList",
            "java.util.Collections$SingletonList",
            "java.util.ImmutableCollections$ListN",
            "java.util.ImmutableCollections$List12",
            "java.util.CollSer",
            "java.util.HashMap",
            "java.util.LinkedHashMap",
            // arrays: Counter's key and count tables, CPUMap and SchedulingClass int maps,
            // the Map.Entry[] HashMap.readObject checks its capacity against
            "[Ljava.lang.Object;",
            "[Ljava.lang.String;",
            "[Ljava.util.Map$Entry;",
            "[I",
            "[J");

    private final Limits limits;
    private volatile String rejection;

    public BlobFilter(Limits limits) {
        this.limits = limits;
    }

    public BlobFilter() {
        this(Limits.DEFAULT);
    }

    @Override
    public Status checkInput(FilterInfo info) {
        if (info.depth() > limits.maxDepth()) {
            return reject("objects nested " + info.depth() + " deep (limit " + limits.maxDepth() + ")");
        }
        if (info.references() > limits.maxReferences()) {
            return reject("more than " + limits.maxReferences() + " object references");
        }
        if (info.streamBytes() > limits.maxBytes()) {
            return reject("serialization stream longer than " + limits.maxBytes() + " bytes");
        }
        if (info.arrayLength() > limits.maxArray()) {
            return reject("an array of " + info.arrayLength() + " elements (limit " + limits.maxArray() + ")");
        }
        Class<?> c = info.serialClass();
        if (c != null && !ALLOWED.contains(c.getName())) {
            return reject("serialized class " + c.getName() + " is not a jcstress 0.16 result type");
        }
        return c == null ? Status.UNDECIDED : Status.ALLOWED;
    }

    private Status reject(String why) {
        if (rejection == null) {
            rejection = why;
        }
        return Status.REJECTED;
    }

    /** Why the stream was rejected, or null if it was not. */
    public String rejection() {
        return rejection;
    }
}
