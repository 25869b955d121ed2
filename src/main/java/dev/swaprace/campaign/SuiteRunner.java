package dev.swaprace.campaign;

import dev.swaprace.campaign.Invocation.End;
import dev.swaprace.report.ReportView.TestView;
import dev.swaprace.results.BlobFilter;
import dev.swaprace.results.BlobReader;
import dev.swaprace.results.ReportException;
import dev.swaprace.results.TestNaming;
import dev.swaprace.suite.StressSuite;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs tests with jcstress, by default one jcstress invocation per test, each in its own folder
 * ({@code <out>/tests/<test>/}: blob, log, HTML), under one deadline. One invocation per test
 * because jcstress only finishes its result blob when the whole invocation ends (it never
 * sync-flushes the gzip stream): a run stopped by the time limit or by Ctrl-C keeps every test
 * that had finished and loses only the one in progress. An invocation costs about 8 s of
 * jcstress start-up (VM probing), so short runs of many tests may batch several tests per
 * invocation ({@code batch}), at the price of losing the whole batch in progress when stopped. At the end the blobs are merged into
 * {@code <out>/jcstress-results-<time>.bin.gz}, and jcstress renders its HTML report of all of
 * them into {@code <out>/html} ({@code -p}).
 */
public final class SuiteRunner {
    /** The tests' results, and why any stopped early. */
    public record Result(Map<String, TestView> results, Map<String, String> notRun, Optional<Path> blob,
                  String stopped, boolean truncated, boolean interrupted) {
    }

    /** Why a test in an invocation that was killed has no result. */
    public static final String STOPPED = "stopped before its first result";
    /** Why a test in an invocation that the time limit ended has no result. */
    public static final String TIMED_OUT = "timed out: the time limit ended its jcstress run";

    private static final Duration RENDER_LIMIT = Duration.ofMinutes(2);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss");

    private final Path out;
    private final List<String> options;
    private final PrintStream terminal;
    private final Consumer<String> jcstressOutput;
    private final JcstressLoop loop = new JcstressLoop();

    /**
     * @param options        jcstress options for every test ({@code -t} and {@code -r} are added per test)
     * @param jcstressOutput receives every line jcstress prints
     */
    public SuiteRunner(Path out, List<String> options, PrintStream terminal, Consumer<String> jcstressOutput) {
        this.out = out;
        this.options = options;
        this.terminal = terminal;
        this.jcstressOutput = jcstressOutput;
    }

    /** The loop this runner's invocations go through: its {@link JcstressLoop#guard} is Ctrl-C. */
    public JcstressLoop loop() {
        return loop;
    }

    /**
     * Run {@code tests}, {@code batch} per jcstress invocation (1: each on its own), within
     * {@code limit}. A stopped invocation loses its whole batch.
     */
    public Result run(List<String> tests, int batch, Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        Map<String, TestView> results = new LinkedHashMap<>();
        Map<String, String> notRun = new LinkedHashMap<>();
        List<Path> blobs = new ArrayList<>();
        String stopped = null;
        boolean truncated = false;
        for (int from = 0; from < tests.size(); from += batch) {
            List<String> group = tests.subList(from, Math.min(tests.size(), from + batch));
            if (loop.stopped()) {
                stopped = "interrupted";
                break;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                stopped = "time limit " + StressConfig.human(limit) + " reached";
                break;
            }
            String first = TestNaming.DEFAULT.shortName(group.get(0));
            String label = group.size() == 1 ? first : first + "+" + (group.size() - 1);
            Path dir = out.resolve("tests").resolve(label);
            String position = group.size() == 1 ? String.format("[%2d/%d]", from + 1, tests.size())
                    : String.format("[%d-%d/%d]", from + 1, from + group.size(), tests.size());
            if (group.size() > 1) {
                terminal.printf("%s %d tests in one jcstress run%n", position, group.size());
            } else {
                terminal.printf("%s %-36s ", position, first);
            }
            terminal.flush();
            List<String> args = new ArrayList<>(List.of("-t", StressSuite.exactly(group),
                    "-r", dir.toAbsolutePath().resolve(Invocation.HTML).toString()));
            args.addAll(options);
            Invocation inv = loop.invoke(dir, args, jcstressOutput, Duration.ofNanos(left));
            End end = inv.end();
            long secs = (long) inv.seconds();
            Map<String, TestView> ran = new LinkedHashMap<>();
            if (inv.results().isPresent()) {
                blobs.add(inv.blob().orElseThrow());   // an unreadable blob would fail the merge of them all
            }
            truncated |= inv.truncated();
            inv.tests().values().stream().filter(t -> group.contains(t.name())).forEach(t -> ran.put(t.name(), t));
            results.putAll(ran);
            for (String test : group) {
                TestView r = ran.get(test);
                String status = r != null ? r.state().label() + (end == End.EXITED ? "" : " (partial)")
                        : inv.fatal() != null ? "NOT RUN" : end == End.EXITED ? "NO RESULT" : "STOPPED";
                if (group.size() > 1) {
                    terminal.printf("        %-36s ", TestNaming.DEFAULT.shortName(test));
                }
                terminal.printf("%-10s %14s samples", status, r == null ? "-" : String.format("%,d", r.samples()));
                terminal.println(group.size() > 1 ? "" : String.format(" %5d s", secs));
                if (r == null) {
                    notRun.put(test, inv.fatal() == null && end == End.TIMED_OUT ? TIMED_OUT
                            : inv.fatal() == null && end != End.EXITED ? STOPPED
                            : inv.noResultReason());
                }
            }
            if (group.size() > 1) {
                terminal.printf("        %d s%n", secs);
            }
            if (end == End.TIMED_OUT) {
                stopped = "time limit " + StressConfig.human(limit) + " reached during " + label;
                break;
            }
            if (end == End.KILLED || loop.stopped()) {
                stopped = "interrupted during " + label;
                break;
            }
        }
        Optional<Path> merged = Optional.empty();
        if (!blobs.isEmpty()) {
            Path target = out.resolve("jcstress-results-" + LocalDateTime.now().format(STAMP) + ".bin.gz");
            try {
                new BlobReader(BlobFilter.Limits.DEFAULT, true).merge(blobs, target);
                merged = Optional.of(target);
                render(target);
            } catch (ReportException e) {
                terminal.println("swaprace run: the blobs were not merged: " + e.getMessage());
            }
        }
        return new Result(results, notRun, merged, stopped, truncated, loop.stopped());
    }

    /** jcstress's own HTML report of the merged blob, in {@code <out>/html}. */
    private void render(Path blob) {
        try {
            List<String> cmd = JcstressProcess.command(List.of("-p", blob.toAbsolutePath().toString(),
                    "-r", out.toAbsolutePath().resolve("html").toString()));
            // not through the loop: a stop (Ctrl-C) lets the report of what finished be rendered
            JcstressProcess.start(cmd, out, out.resolve("jcstress-report.log"), l -> { }).await(RENDER_LIMIT);
        } catch (IOException e) {
            terminal.println("swaprace run: could not render the HTML report: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
