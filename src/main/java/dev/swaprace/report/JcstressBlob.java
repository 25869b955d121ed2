package dev.swaprace.report;

import org.openjdk.jcstress.infra.collectors.DiskReadCollector;
import org.openjdk.jcstress.infra.collectors.DiskWriteCollector;
import org.openjdk.jcstress.infra.collectors.InProcessCollector;
import org.openjdk.jcstress.infra.collectors.TestResult;
import org.openjdk.jcstress.infra.grading.GradingResult;
import org.openjdk.jcstress.infra.grading.ReportUtils;
import org.openjdk.jcstress.infra.runners.TestConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A jcstress result blob ({@code jcstress-results-*.bin.gz}: one serialized {@code TestResult}
 * per fork), read with jcstress's own collectors as its {@code -p} option does
 * ({@code DiskReadCollector} into an {@code InProcessCollector}, merged per test with
 * {@code ReportUtils.mergedByName}). These are jcstress 0.16 internals: the version is pinned.
 * Grading looks tests up in {@code META-INF/TestList}, so the suite must be on the classpath.
 * Deserialization runs behind the same allow-list as {@link BlobReader} ({@link BlobFilter}):
 * a blob naming any other class, or too deep or too large, is refused, not instantiated.
 *
 * <p>jcstress writes the blob through a {@code GZIPOutputStream} that it never sync-flushes
 * before the end of the run, so a killed run leaves a blob that holds little or nothing; such a
 * blob is read up to the last complete fork result, and {@link #truncated()} says so.
 */
public final class JcstressBlob {
    /** jcstress names its blob {@code jcstress-results-<yyyy-MM-dd-HH-mm-ss>.bin.gz}, in its working directory. */
    public static final String GLOB = "jcstress-results-*.bin.gz";

    private final Path file;
    private final List<TestResult> forks;
    private final boolean truncated;

    private JcstressBlob(Path file, List<TestResult> forks, boolean truncated) {
        this.file = file;
        this.forks = forks;
        this.truncated = truncated;
    }

    /**
     * Read {@code file}. A blob cut short, even before its first fork result, reads as what it
     * holds; only a file that cannot be opened fails.
     */
    public static JcstressBlob read(Path file) throws IOException {
        InProcessCollector collector = new InProcessCollector();
        BlobFilter filter = new BlobFilter(BlobFilter.Limits.DEFAULT);
        boolean truncated = false;
        DiskReadCollector reader = null;
        try {
            reader = new DiskReadCollector(file.toString(), collector);
            BlobReader.installFilter(reader, filter, file);
            reader.dump();   // ends quietly at EOF, also at a cut-off gzip stream
        } catch (NoSuchFileException e) {
            throw e;
        } catch (ReportException e) {
            throw new IOException(e.getMessage(), e);
        } catch (IOException | ClassNotFoundException e) {
            if (filter.rejection() != null) {
                throw new IOException(file + ": rejected: " + filter.rejection() + "; nothing from it was used", e);
            }
            truncated = true;   // cut in a header or in a fork result: keep the complete ones
        } finally {
            if (reader != null) {
                reader.close();
            }
        }
        return new JcstressBlob(file, new ArrayList<>(collector.getTestResults()), truncated);
    }

    /**
     * Write {@code blobs}' fork results into one new blob, {@code target}, with jcstress's own
     * writer, so that {@code jcstress -p target} reports them together.
     */
    public static void merge(List<JcstressBlob> blobs, Path target) throws IOException {
        DiskWriteCollector w = new DiskWriteCollector(target.toString());
        try {
            for (JcstressBlob b : blobs) {
                b.forks.forEach(w::add);
            }
        } finally {
            w.close();
        }
    }

    /** The blobs in {@code dir}, oldest first (jcstress's names sort by time). */
    public static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("jcstress-results-.*\\.bin\\.gz"))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        }
    }

    /** The newest blob in {@code dir}. */
    public static Optional<Path> latest(Path dir) throws IOException {
        List<Path> all = list(dir);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    public Path file() {
        return file;
    }

    /** True if the blob ended in the middle of a fork result (the writer was killed). */
    public boolean truncated() {
        return truncated;
    }

    /** Number of fork results in the blob. */
    public int forkCount() {
        return forks.size();
    }

    /** One entry per test, all its forks merged, sorted by test name. */
    public List<TestOutcomes> tests() {
        List<TestOutcomes> out = new ArrayList<>();
        for (TestResult merged : ReportUtils.mergedByName(forks)) {
            String name = merged.getName();
            List<TestResult> ofTest = forks.stream().filter(f -> f.getName().equals(name)).toList();
            out.add(new TestOutcomes(name, ReportUtils.statusToLabel(merged), states(merged),
                    ofTest.size(), sampledMillis(ofTest), messages(merged)));
        }
        out.sort(Comparator.comparing(TestOutcomes::name));
        return out;
    }

    /** Per fork of {@code test}, in blob order: samples per second of sampling time. */
    public List<Double> forkSamplesPerSecond(String test) {
        List<Double> sps = new ArrayList<>();
        for (TestResult f : forks) {
            if (f.getName().equals(test)) {
                long ms = sampledMillis(List.of(f));
                sps.add(ms == 0 ? 0 : f.getTotalCount() * 1000.0 / ms);
            }
        }
        return sps;
    }

    /** The observed states of a merged result, as jcstress graded them, most frequent first. */
    private static List<TestOutcomes.State> states(TestResult merged) {
        List<TestOutcomes.State> states = new ArrayList<>();
        for (GradingResult g : merged.grading().gradingResults.values()) {
            if (g.count > 0) {
                states.add(new TestOutcomes.State(g.id, g.count, TestOutcomes.Grade.of(g.expect), g.description));
            }
        }
        states.sort(Comparator.comparingLong(TestOutcomes.State::count).reversed()
                .thenComparing(TestOutcomes.State::id));
        return states;
    }

    /** Σ iterations × iteration time over the forks: how long the test was sampled. */
    private static long sampledMillis(Collection<TestResult> forks) {
        long ms = 0;
        for (TestResult f : forks) {
            TestConfig c = f.getConfig();
            ms += (long) c.iters * c.time;
        }
        return ms;
    }

    /** Harness messages and VM error output, for a test that errored. */
    private static List<String> messages(TestResult merged) {
        List<String> m = new ArrayList<>();
        for (List<String> part : List.of(merged.getMessages(), merged.getVmErr())) {
            for (String line : part) {
                if (!ReportUtils.skipMessage(line)) {
                    m.add(line);
                }
            }
        }
        return m;
    }
}
