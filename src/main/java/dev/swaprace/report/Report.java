package dev.swaprace.report;

import dev.swaprace.results.AtomicOutput;
import dev.swaprace.results.BlobFilter;
import dev.swaprace.results.BlobInput;
import dev.swaprace.results.BlobReader;
import dev.swaprace.results.ExplorerResults;
import dev.swaprace.results.Histograms;
import dev.swaprace.results.ReportException;
import dev.swaprace.results.TestCatalog;
import dev.swaprace.results.TestNaming;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/**
 * The report API: read and merge blobs, join with the explorer, render. This is what
 * {@code swaprace report} calls, and what {@code swaprace run} calls at the end of a run:
 *
 * <pre>{@code
 * Report r = Report.builder().blob(BlobInput.of(blob)).build();
 * r.renderTerminal(System.out);
 * r.writeHtml(Path.of("results/swaprace-report.html"));
 * }</pre>
 *
 * Bad input is a {@link ReportException} whose message is one line naming the file.
 */
public final class Report {

    private final Histograms histograms;
    private final ReportView view;

    private Report(Histograms histograms, ReportView view) {
        this.histograms = histograms;
        this.view = view;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static Report of(Histograms h, ReportView.Options options) {
        return new Report(h, ReportView.of(h, options));
    }

    public Histograms histograms() {
        return histograms;
    }

    public ReportView view() {
        return view;
    }

    /** True when no test failed: no forbidden outcome, error, timeout, ungraded or missing test. */
    public boolean passed() {
        return view.passed();
    }

    public void renderTerminal(PrintStream out) {
        renderTerminal(out, true, false);
    }

    /**
     * The terminal report: bars in Unicode blocks or {@code #}; with {@code quiet}, only its last
     * line, the verdict of the whole report.
     */
    public void renderTerminal(PrintStream out, boolean unicode, boolean quiet) {
        String text = new TerminalRenderer(unicode).render(view);
        if (quiet) {
            String[] lines = text.split("\n");
            out.println(lines[lines.length - 1]);
        } else {
            out.print(text);
        }
        out.flush();
    }

    public void writeHtml(Path file) {
        AtomicOutput.write(file, w -> new HtmlRenderer().render(view, w));
    }

    public void writeJson(Path file) {
        AtomicOutput.write(file, w -> JsonRenderer.render(view, w));
    }

    public void writeCsv(Path file) {
        AtomicOutput.write(file, w -> CsvRenderer.render(view, w));
    }

    public void writeJunit(Path file) {
        AtomicOutput.write(file, w -> JunitRenderer.render(view, w));
    }

    /**
     * Writes the given outputs (null ones are skipped) in parallel, each atomically. The first
     * failure is thrown after all have finished.
     */
    public void writeAll(Path html, Path json, Path csv, Path junit) {
        List<Runnable> jobs = new ArrayList<>();
        if (html != null) {
            jobs.add(() -> writeHtml(html));
        }
        if (json != null) {
            jobs.add(() -> writeJson(json));
        }
        if (csv != null) {
            jobs.add(() -> writeCsv(csv));
        }
        if (junit != null) {
            jobs.add(() -> writeJunit(junit));
        }
        List<Future<?>> fs = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(jobs.size(),
                Runtime.getRuntime().availableProcessors())), daemon("report-writer"));
        try {
            jobs.forEach(j -> fs.add(pool.submit(j)));
            RuntimeException first = null;
            for (Future<?> f : fs) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (first == null) {
                        first = e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReportException("interrupted while writing reports", e);
        } finally {
            pool.shutdownNow();
        }
    }

    static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** Options of a report; {@link #build()} reads the blobs (in parallel) and merges them in order. */
    public static final class Builder {
        private final List<BlobInput> blobs = new ArrayList<>();
        private TestCatalog catalog;
        private final List<Path> suites = new ArrayList<>();
        private TestNaming naming = TestNaming.DEFAULT;
        private ExplorerResults explorer = ExplorerResults.none();
        private List<String> expected = List.of();
        private int cpus;
        private BlobFilter.Limits limits = BlobFilter.Limits.DEFAULT;
        private int threads = Runtime.getRuntime().availableProcessors();
        private boolean acceptTruncated;

        public Builder blob(BlobInput in) {
            blobs.add(in);
            return this;
        }

        public Builder blobs(List<BlobInput> in) {
            blobs.addAll(in);
            return this;
        }

        /** Grade from this catalog instead of the classpath's TestLists. */
        public Builder catalog(TestCatalog c) {
            catalog = c;
            return this;
        }

        /** Adds a jcstress suite jar or class directory whose TestList grades a foreign blob. */
        public Builder suite(Path jarOrDir) {
            suites.add(jarOrDir);
            return this;
        }

        public Builder naming(TestNaming n) {
            naming = n;
            return this;
        }

        public Builder explorer(ExplorerResults e) {
            explorer = e;
            return this;
        }

        public Builder explorer(Path json) {
            return explorer(ExplorerResults.read(json));
        }

        /** Tests the run should have: absent ones are skipped (too few CPUs) or not run. */
        public Builder expectTests(List<String> names) {
            expected = List.copyOf(names);
            return this;
        }

        /** The tests the run should have, from a file: one name a line, blank lines and {@code #} comments ignored. */
        public Builder expectTests(Path file) {
            try {
                return expectTests(Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                        .map(l -> l.replaceFirst("#.*", "").strip()).filter(l -> !l.isEmpty()).toList());
            } catch (IOException e) {
                throw new ReportException(file + ": cannot read the expected-test list (" + e.getMessage() + ")", e);
            }
        }

        /** The CPUs of the machine that ran the blobs; 0 infers it from the blobs. */
        public Builder cpus(int n) {
            cpus = n;
            return this;
        }

        public Builder limits(BlobFilter.Limits l) {
            limits = l;
            return this;
        }

        /**
         * Read blobs whose gzip stream ends early (jcstress killed by a timeout) up to the damage,
         * marking their runs truncated, instead of refusing them. Off by default.
         */
        public Builder acceptTruncated(boolean accept) {
            acceptTruncated = accept;
            return this;
        }

        public Builder threads(int n) {
            threads = Math.max(1, n);
            return this;
        }

        public Report build() {
            TestCatalog c = catalog != null ? catalog : TestCatalog.fromClasspath();
            suites.forEach(c::addSuite);
            Histograms h = Histograms.mergeAll(readAll());
            return Report.of(h, new ReportView.Options(c, naming, explorer, expected, cpus));
        }

        private List<Histograms> readAll() {
            BlobReader reader = new BlobReader(limits, acceptTruncated);
            if (blobs.size() <= 1 || threads == 1) {
                return blobs.stream().map(reader::read).toList();
            }
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, blobs.size()), daemon("blob-reader"));
            try {
                List<Future<Histograms>> fs = new ArrayList<>();
                for (BlobInput b : blobs) {
                    fs.add(pool.submit(() -> reader.read(b)));
                }
                List<Histograms> out = new ArrayList<>();
                for (Future<Histograms> f : fs) {
                    out.add(f.get());
                }
                return out;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ReportException("interrupted while reading blobs", e);
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
