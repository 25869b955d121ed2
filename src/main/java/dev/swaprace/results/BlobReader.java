package dev.swaprace.results;

import org.openjdk.jcstress.infra.collectors.DiskReadCollector;
import org.openjdk.jcstress.infra.collectors.DiskWriteCollector;
import org.openjdk.jcstress.infra.collectors.TestResult;
import org.openjdk.jcstress.infra.collectors.TestResultCollector;
import org.openjdk.jcstress.infra.runners.TestConfig;
import org.openjdk.jcstress.os.CPUMap;
import org.openjdk.jcstress.util.Environment;
import org.openjdk.jcstress.vm.CompileMode;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectStreamException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads one jcstress 0.16 result blob ({@code jcstress-results-*.bin.gz}) into a
 * {@link Histograms}, with jcstress's own {@link DiskReadCollector} (docs/jcstress-notes.md §4.4).
 *
 * <p>Safety and honesty, in this order:
 * <ol>
 *   <li>the file is read once through gzip to its end: a truncated or corrupt gzip stream is an
 *       error here (jcstress's reader would stop quietly at the damage, as at a normal end), and
 *       the file's SHA-256 is taken;</li>
 *   <li>before a single object is read, a {@link BlobFilter} allow-list is installed on the
 *       {@link ObjectInputStream} that {@code DiskReadCollector} made (jcstress offers no hook,
 *       so its private stream is reached by reflection; if that fails nothing is read);</li>
 *   <li>every fork result is converted and its counts checked against jcstress's own total.</li>
 * </ol>
 * Any failure is one {@link ReportException} line naming the file; nothing of a failed blob is
 * used.
 */
public final class BlobReader {

    private final BlobFilter.Limits limits;
    private final boolean acceptTruncated;

    /**
     * @param acceptTruncated read a blob whose gzip stream ends early (jcstress killed by a
     *                        timeout) up to the damage, marking its run truncated, instead of
     *                        refusing it
     */
    public BlobReader(BlobFilter.Limits limits, boolean acceptTruncated) {
        this.limits = limits;
        this.acceptTruncated = acceptTruncated;
    }

    public BlobReader() {
        this(BlobFilter.Limits.DEFAULT, false);
    }

    public Histograms read(BlobInput in) {
        Path path = in.path();
        FileCheck check = checkFile(path, acceptTruncated);
        Converter conv = new Converter(in);
        dump(path, check, conv::add);
        return conv.finish(check.sha256(), check.truncated());
    }

    /**
     * Every fork result of the blobs {@code from}, in order, written into one new blob
     * {@code target} with jcstress's own writer, so that {@code jcstress -p target} reports them
     * together. Each blob is read as {@link #read} does (allow-list, truncation as configured).
     */
    public void merge(List<Path> from, Path target) {
        List<TestResult> forks = new ArrayList<>();
        for (Path p : from) {
            dump(p, checkFile(p, acceptTruncated), forks::add);
        }
        try {
            DiskWriteCollector w = new DiskWriteCollector(target.toString());
            try {
                forks.forEach(w::add);
            } finally {
                w.close();
            }
        } catch (IOException e) {
            throw new ReportException(target + ": cannot write the merged blob (" + oneLine(e) + ")", e);
        }
    }

    /**
     * Hands every complete fork result of {@code path} to {@code sink}, behind the allow-list. In
     * a blob {@code check} found truncated, the damage ends the read quietly: the forks before it
     * count, the one cut in two does not (an empty file or a cut gzip header holds none).
     */
    private void dump(Path path, FileCheck check, TestResultCollector sink) {
        if (check.empty()) {
            return;
        }
        BlobFilter filter = new BlobFilter(limits);
        DiskReadCollector drc;
        try {
            drc = new DiskReadCollector(path.toString(), sink);
        } catch (IOException e) {
            if (check.truncated()) {
                return;   // cut inside the gzip or serialization header: no fork result
            }
            throw new ReportException(path + ": not a jcstress result blob (" + oneLine(e) + ")", e);
        }
        try {
            installFilter(drc, filter, path);
            drc.dump();
        } catch (IOException e) {
            if (!check.truncated() || filter.rejection() != null || e instanceof InvalidClassException) {
                throw failure(path, filter, e);
            }
            // cut in the middle of a fork result: the complete ones are kept
        } catch (ClassNotFoundException | RuntimeException e) {
            throw failure(path, filter, e);
        } finally {
            drc.close();
        }
    }

    /** The one-line error for what stopped reading {@code path}. */
    private static ReportException failure(Path path, BlobFilter filter, Exception e) {
        if (e instanceof ReportException r) {
            return r;
        }
        if (e instanceof InvalidClassException || filter.rejection() != null) {
            return rejected(path, filter, e);
        }
        if (e instanceof ClassNotFoundException) {
            return new ReportException(path + ": rejected: serialized class " + e.getMessage()
                    + " is not a jcstress 0.16 result type; nothing from it was used", e);
        }
        if (e instanceof ObjectStreamException) {
            return new ReportException(path + ": not a jcstress result blob (" + oneLine(e) + ")", e);
        }
        if (e instanceof IOException) {
            return new ReportException(path + ": cannot read the blob (" + oneLine(e) + ")", e);
        }
        return new ReportException(path + ": malformed jcstress results (" + oneLine(e) + ")", e);
    }

    /** @param empty the file has no byte (jcstress killed before its writer flushed anything) */
    private record FileCheck(String sha256, boolean truncated, boolean empty) {
    }

    private static ReportException rejected(Path path, BlobFilter filter, Exception e) {
        if (filter.rejection() != null) {
            return new ReportException(path + ": rejected: " + filter.rejection() + "; nothing from it was used", e);
        }
        String m = String.valueOf(e.getMessage());
        if (m.contains("serialVersionUID")) {
            return new ReportException(path + ": written by another jcstress version (" + m.replaceFirst(";.*", "")
                    + ": serialVersionUID differs from jcstress 0.16's); this tool reads jcstress 0.16 blobs", e);
        }
        return new ReportException(path + ": not a jcstress 0.16 result blob (" + oneLine(e) + ")", e);
    }

    /**
     * Reads the whole file through gzip: empty, unreadable, non-gzip, corrupt and truncated files
     * fail here, with the reason (a truncated one only if not accepted). Returns the file's SHA-256.
     */
    private static FileCheck checkFile(Path path, boolean acceptTruncated) {
        try {
            if (!Files.isRegularFile(path)) {
                throw new ReportException(path + ": " + (Files.exists(path) ? "not a regular file" : "no such file"));
            }
            if (Files.size(path) == 0) {
                if (!acceptTruncated) {
                    throw new ReportException(path + ": empty file, not a jcstress result blob");
                }
                return new FileCheck(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest()), true, true);
            }
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            boolean truncated = false;
            try (InputStream raw = new DigestInputStream(Files.newInputStream(path), md)) {
                byte[] buf = new byte[1 << 16];
                InputStream shielded = new FilterInputStream(raw) {
                    @Override
                    public void close() {
                        // the digest goes on reading raw after gzip's end
                    }
                };
                try (GZIPInputStream gz = new GZIPInputStream(shielded, 1 << 16)) {
                    while (gz.read(buf) >= 0) {
                        // drain: the trailer's CRC and length are checked at the end
                    }
                } catch (ZipException e) {
                    throw new ReportException(path + ": not a jcstress result blob (not gzip, or corrupt gzip: "
                            + oneLine(e) + ")", e);
                } catch (EOFException e) {
                    if (!acceptTruncated) {
                        throw new ReportException(path + ": truncated (the gzip stream ends early; was the run killed?"
                                + " --accept-truncated reads it up to the damage)", e);
                    }
                    truncated = true;
                }
                while (raw.read(buf) >= 0) {
                    // digest the whole file, including anything after the first gzip member
                }
            }
            return new FileCheck(HexFormat.of().formatHex(md.digest()), truncated, false);
        } catch (NoSuchFileException e) {
            throw new ReportException(path + ": no such file", e);
        } catch (IOException e) {
            throw new ReportException(path + ": cannot read (" + oneLine(e) + ")", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Put {@code filter} on jcstress's reader before it deserializes anything (it has no hook of its own). */
    private static void installFilter(DiskReadCollector drc, BlobFilter filter, Path path) {
        try {
            Field f = DiskReadCollector.class.getDeclaredField("ois");
            f.setAccessible(true);
            ((ObjectInputStream) f.get(drc)).setObjectInputFilter(filter);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ReportException(path + ": cannot install the deserialization allow-list on jcstress's reader ("
                    + oneLine(e) + "); refusing to read it", e);
        }
    }

    public static String oneLine(Throwable e) {
        String m = e.getMessage();
        String s = e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
        return s.replaceAll("\\s+", " ").trim();
    }

    /** Turns jcstress fork results into cells, checking each fork's total. */
    private static final class Converter {
        private final BlobInput in;
        private final Histograms h = new Histograms();
        private final Map<String, String> env = new TreeMap<>();
        private final Map<String, String> flags = new LinkedHashMap<>();
        private final Set<Integer> cpus = new TreeSet<>();
        private final Set<String> tests = new LinkedHashSet<>();
        private final Map<TestConfig, JvmConfig> configs = new HashMap<>();
        private int forks;
        private long samples;

        Converter(BlobInput in) {
            this.in = in;
        }

        void add(TestResult r) {
            TestConfig c = r.getConfig();
            if (c == null || c.name == null) {
                throw new ReportException(in.path() + ": malformed jcstress results (a fork result without its test configuration)");
            }
            Map<String, Long> counts = new HashMap<>();
            long sum = 0;
            for (String s : r.getStateKeys()) {
                long n = r.getCount(s);
                counts.put(s, n);
                sum = Math.addExact(sum, n);
            }
            if (sum != r.getTotalCount()) {
                throw new ReportException(in.path() + ": fork of " + c.name + " counts " + sum
                        + " samples by outcome but " + r.getTotalCount() + " in all");
            }
            JvmConfig jc = configs.computeIfAbsent(c, BlobReader::config);
            List<String> msgs = new ArrayList<>(r.getMessages());
            msgs.addAll(r.getVmErr());
            h.addFork(c.name, c.threads, new Histograms.CellKey(in.host(), in.run(), jc),
                    r.status(), counts, (long) c.iters * c.time, msgs);
            tests.add(c.name);
            forks++;
            samples = Math.addExact(samples, sum);
            Environment e = r.getEnv();
            if (env.isEmpty() && e != null) {
                e.entries().forEach((k, v) -> env.put(k, String.valueOf(v)));
            }
            if (flags.isEmpty()) {
                flags.put("time", c.time + " ms");
                flags.put("iters", String.valueOf(c.iters));
                flags.put("strideSize", String.valueOf(c.strideSize));
                flags.put("strideCount", String.valueOf(c.strideCount));
                flags.put("spinStyle", String.valueOf(c.spinLoopStyle));
                flags.put("footprintMB", String.valueOf(c.maxFootprintMB));
            }
            CPUMap map = c.cpuMap;
            if (map != null) {
                for (int cpu : map.actorRealCPUs()) {
                    cpus.add(cpu);
                }
            }
        }

        Histograms finish(String sha, boolean truncated) {
            if (h.total() != samples) {
                throw new ReportException(in.path() + ": read " + samples + " samples but the model holds " + h.total());
            }
            h.addRun(new RunInfo(in, sha, Collections.unmodifiableSortedMap(new TreeMap<>(env)),
                    Collections.unmodifiableSortedMap(new TreeMap<>(flags)), new TreeSet<>(cpus),
                    List.copyOf(tests), forks, samples, truncated));
            return h;
        }
    }

    static JvmConfig config(TestConfig c) {
        List<String> names = c.actorNames == null ? List.of() : c.actorNames;
        StringBuilder comp = new StringBuilder();
        if (c.compileMode == CompileMode.UNIFIED) {
            comp.append("unified");
        } else {
            comp.append("split");
            for (int a = 0; a < names.size(); a++) {
                comp.append(' ').append(names.get(a)).append('=')
                        .append(CompileMode.isInt(c.compileMode, a) ? "Int" : CompileMode.isC1(c.compileMode, a) ? "C1" : "C2");
            }
        }
        return new JvmConfig(c.jvmArgs == null ? List.of() : c.jvmArgs, comp.toString(),
                c.shClass == null ? "-" : c.shClass.toString());
    }
}
