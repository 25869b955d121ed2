package dev.swaprace.campaign;

import com.google.common.base.Supplier;
import com.google.common.base.Suppliers;
import dev.swaprace.report.ReportView;
import dev.swaprace.report.ReportView.TestView;
import dev.swaprace.results.ExplorerResults;
import dev.swaprace.results.Histograms;
import dev.swaprace.results.TestCatalog;
import dev.swaprace.results.TestNaming;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One jcstress invocation, ended, in its own folder: {@code command.txt}, {@code jcstress.log},
 * {@code html/} and the result blob it wrote ({@code jcstress-results-*.bin.gz}). Every command
 * that runs jcstress keeps its invocations this way; only the parent folders differ
 * ({@code run}: {@code tests/<test>/}, {@code hunt}: {@code rounds/NNN/}, {@code mutants}:
 * {@code <mutant>/round-N/}, {@code bench}: the output folder).
 *
 * @param dir       the invocation's folder
 * @param end       how the process ended
 * @param exitValue jcstress's exit status (meaningful when it {@link End#EXITED})
 * @param fatal     jcstress's "FATAL: ..." line (it scheduled nothing, e.g. "No matching tests."), or null
 * @param exception the first exception jcstress printed (a bad option), or null
 * @param blob      the blob this invocation wrote, if any
 * @param results   the blob read (truncation accepted), if there was one and it could be read
 * @param readError why the blob could not be read, or null
 * @param seconds   wall time of the invocation
 */
public record Invocation(Path dir, End end, int exitValue, String fatal, String exception, Optional<Path> blob,
                         Optional<Histograms> results, String readError, double seconds) {

    /** How the jcstress process ended. */
    public enum End {
        /** By itself. */
        EXITED,
        /** Killed at its time limit. */
        TIMED_OUT,
        /** Killed by a stop (Ctrl-C, or the command ending). */
        KILLED
    }

    public static final String LOG = "jcstress.log";
    public static final String COMMAND = "command.txt";
    public static final String HTML = "html";

    /** The suite's TestLists, read once; a malformed one is a one-line ReportException at the first grading. */
    private static final Supplier<TestCatalog> CATALOG = Suppliers.memoize(TestCatalog::fromClasspath);

    public Path log() {
        return dir.resolve(LOG);
    }

    /** True if the blob was cut short (the process was killed while writing it). */
    public boolean truncated() {
        return results.map(h -> h.runs().stream().anyMatch(r -> r.truncated())).orElse(false);
    }

    /**
     * The tests in the blob, graded as every report grades them (jcstress's rules, from the
     * TestLists on the class path), by name.
     */
    public Map<String, TestView> tests() {
        return results.map(h -> ReportView.of(h, new ReportView.Options(CATALOG.get(), TestNaming.DEFAULT,
                ExplorerResults.none(), List.of(), 0)).byName()).orElse(Map.of());
    }

    /** Why jcstress left no result: its FATAL line, its exit, or the blob it could not read. */
    public String noResultReason() {
        if (fatal != null) {
            return "jcstress: " + fatal;
        }
        if (readError != null) {
            return readError;
        }
        return "jcstress exited with " + exitValue + " and no result"
                + (exception != null ? ": " + exception : " (see " + log() + ")");
    }
}
