package dev.swaprace.report;

import org.openjdk.jcstress.Options;
import org.openjdk.jcstress.infra.Status;
import org.openjdk.jcstress.infra.TestInfo;
import org.openjdk.jcstress.infra.collectors.DiskWriteCollector;
import org.openjdk.jcstress.infra.collectors.TestResult;
import org.openjdk.jcstress.infra.runners.SpinLoopStyle;
import org.openjdk.jcstress.infra.runners.TestConfig;
import org.openjdk.jcstress.os.AffinityMode;
import org.openjdk.jcstress.os.NodeType;
import org.openjdk.jcstress.os.SchedulingClass;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes blobs with jcstress's own {@link DiskWriteCollector}, from fork results built with
 * jcstress's public constructors: the same format a run writes, with counts chosen by the
 * test (diff tests, merge tests, the benchmark).
 */
public final class SyntheticBlobs {

    /** One fork result. */
    public record Fork(String test, int actors, List<String> jvmArgs, int compileMode, Status status,
                       Map<String, Long> counts) {
        public static Fork of(String test, Map<String, Long> counts) {
            return new Fork(test, 2, List.of("-XX:+UseBiasedLocking"), -1, Status.NORMAL, counts);
        }
    }

    private SyntheticBlobs() {
    }

    /** Options as {@code -m quick} leaves them, set field by field (parsing would burn the CPUs for a second). */
    static Options options() {
        Options opts = new Options(new String[0]);
        try {
            set(opts, "spinStyle", SpinLoopStyle.THREAD_SPIN_WAIT);
            set(opts, "time", 200);
            set(opts, "iters", 5);
            set(opts, "strideSize", 256);
            set(opts, "strideCount", 40);
            set(opts, "heapPerFork", 256);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return opts;
    }

    private static void set(Options o, String field, Object value) throws ReflectiveOperationException {
        Field f = Options.class.getDeclaredField(field);
        f.setAccessible(true);
        f.set(o, value);
    }

    public static Path write(Path file, List<Fork> forks) throws IOException {
        Options opts = options();
        DiskWriteCollector out = new DiskWriteCollector(file.toString());
        try {
            int forkId = 0;
            for (Fork f : forks) {
                List<String> actorNames = new ArrayList<>();
                for (int a = 0; a < f.actors(); a++) {
                    actorNames.add("actor" + (a + 1));
                }
                TestInfo info = new TestInfo(f.test(), f.test(), f.test() + "_jcstress", "synthetic", f.actors(),
                        actorNames, false);
                SchedulingClass scl = new SchedulingClass(AffinityMode.LOCAL, f.actors(), NodeType.PACKAGE);
                for (int a = 0; a < f.actors(); a++) {
                    scl.setNode(a, 0);
                    scl.setCore(a, a);
                }
                TestConfig config = new TestConfig(opts, info, forkId++, new ArrayList<>(f.jvmArgs()), f.compileMode(), scl);
                TestResult r = new TestResult(f.status());
                r.setConfig(config);
                f.counts().forEach(r::addState);
                out.add(r);
            }
        } finally {
            out.close();
        }
        return file;
    }
}
