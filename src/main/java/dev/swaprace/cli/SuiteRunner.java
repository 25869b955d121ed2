package dev.swaprace.cli;

import dev.swaprace.report.JcstressBlob;
import dev.swaprace.report.TestOutcomes;
import dev.swaprace.stress.StressSuite;

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
final class SuiteRunner {
    /** The tests' results, and why any stopped early. */
    record Result(Map<String, TestOutcomes> results, Map<String, String> notRun, Optional<Path> blob,
                  String stopped, boolean truncated, boolean interrupted) {
    }

    /** Why a test in an invocation that was killed has no result. */
    static final String STOPPED = "stopped before its first result";
    /** Why a test in an invocation that the time limit ended has no result. */
    static final String TIMED_OUT = "timed out: the time limit ended its jcstress run";

    private static final Duration RENDER_LIMIT = Duration.ofMinutes(2);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss");

    private final Path out;
    private final List<String> options;
    private final PrintStream terminal;
    private final Consumer<String> jcstressOutput;
    private final RunSlot slot = new RunSlot();

    /**
     * @param options        jcstress options for every test ({@code -t} and {@code -r} are added per test)
     * @param jcstressOutput receives every line jcstress prints
     */
    SuiteRunner(Path out, List<String> options, PrintStream terminal, Consumer<String> jcstressOutput) {
        this.out = out;
        this.options = options;
        this.terminal = terminal;
        this.jcstressOutput = jcstressOutput;
    }

    /** Stop: kill the jcstress run in progress, start no other. Safe from a shutdown hook. */
    void interrupt() {
        slot.stop();
    }

    /**
     * Run {@code tests}, {@code batch} per jcstress invocation (1: each on its own), within
     * {@code limit}. A stopped invocation loses its whole batch.
     */
    Result run(List<String> tests, int batch, Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        Map<String, TestOutcomes> results = new LinkedHashMap<>();
        Map<String, String> notRun = new LinkedHashMap<>();
        List<JcstressBlob> blobs = new ArrayList<>();
        String stopped = null;
        boolean truncated = false;
        for (int from = 0; from < tests.size(); from += batch) {
            List<String> group = tests.subList(from, Math.min(tests.size(), from + batch));
            if (slot.stopped()) {
                stopped = "interrupted";
                break;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                stopped = "time limit " + RunCommand.human(limit) + " reached";
                break;
            }
            String first = RunCommand.shortName(group.get(0));
            String label = group.size() == 1 ? first : first + "+" + (group.size() - 1);
            Path dir = out.resolve("tests").resolve(label);
            Files.createDirectories(dir);
            List<Path> before = JcstressBlob.list(dir);
            String position = group.size() == 1 ? String.format("[%2d/%d]", from + 1, tests.size())
                    : String.format("[%d-%d/%d]", from + 1, from + group.size(), tests.size());
            if (group.size() > 1) {
                terminal.printf("%s %d tests in one jcstress run%n", position, group.size());
            } else {
                terminal.printf("%s %-36s ", position, first);
            }
            terminal.flush();
            long t0 = System.nanoTime();
            FatalWatch fatal = new FatalWatch();
            List<String> args = new ArrayList<>(List.of("-t", StressSuite.exactly(group),
                    "-r", dir.toAbsolutePath().resolve("html").toString()));
            args.addAll(options);
            JcstressProcess p = slot.run(JcstressProcess.command(args), dir, dir.resolve("jcstress.log"),
                    fatal.andThen(jcstressOutput), Duration.ofNanos(left));
            JcstressProcess.End end = p.end();
            long secs = Duration.ofNanos(System.nanoTime() - t0).toSeconds();
            Map<String, TestOutcomes> ran = new LinkedHashMap<>();
            Optional<Path> blob = JcstressBlob.list(dir).stream().filter(x -> !before.contains(x)).reduce((x, y) -> y);
            if (blob.isPresent()) {
                JcstressBlob b = JcstressBlob.read(blob.get());
                blobs.add(b);
                truncated |= b.truncated();
                b.tests().stream().filter(t -> group.contains(t.name())).forEach(t -> ran.put(t.name(), t));
            }
            results.putAll(ran);
            for (String test : group) {
                TestOutcomes r = ran.get(test);
                String status = r != null ? r.status() + (end == JcstressProcess.End.EXITED ? "" : " (partial)")
                        : fatal.line != null ? "NOT RUN" : end == JcstressProcess.End.EXITED ? "NO RESULT" : "STOPPED";
                if (group.size() > 1) {
                    terminal.printf("        %-36s ", RunCommand.shortName(test));
                }
                terminal.printf("%-10s %14s samples", status, r == null ? "-" : String.format("%,d", r.samples()));
                terminal.println(group.size() > 1 ? "" : String.format(" %5d s", secs));
                if (r == null) {
                    notRun.put(test, fatal.line != null ? "jcstress: " + fatal.line
                            : end == JcstressProcess.End.TIMED_OUT ? TIMED_OUT
                            : end != JcstressProcess.End.EXITED ? STOPPED
                            : "jcstress exited with " + p.exitValue() + " and no result"
                            + (fatal.exception != null ? ": " + fatal.exception : " (see " + dir.resolve("jcstress.log") + ")"));
                }
            }
            if (group.size() > 1) {
                terminal.printf("        %d s%n", secs);
            }
            if (end == JcstressProcess.End.TIMED_OUT) {
                stopped = "time limit " + RunCommand.human(limit) + " reached during " + label;
                break;
            }
            if (end == JcstressProcess.End.KILLED || slot.stopped()) {
                stopped = "interrupted during " + label;
                break;
            }
        }
        Optional<Path> merged = Optional.empty();
        if (!blobs.isEmpty()) {
            Path target = out.resolve("jcstress-results-" + LocalDateTime.now().format(STAMP) + ".bin.gz");
            JcstressBlob.merge(blobs, target);
            merged = Optional.of(target);
            render(target);
        }
        return new Result(results, notRun, merged, stopped, truncated, slot.stopped());
    }

    /** jcstress's own HTML report of the merged blob, in {@code <out>/html}. */
    private void render(Path blob) {
        try {
            List<String> cmd = JcstressProcess.command(List.of("-p", blob.toAbsolutePath().toString(),
                    "-r", out.toAbsolutePath().resolve("html").toString()));
            JcstressProcess.start(cmd, out, out.resolve("jcstress-report.log"), l -> { }).await(RENDER_LIMIT);
        } catch (IOException e) {
            terminal.println("swaprace run: could not render the HTML report: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Remembers jcstress's "FATAL: ..." line ("No matching tests." when it cannot schedule a test)
     * and the first exception it printed (a bad option).
     */
    static final class FatalWatch implements Consumer<String> {
        volatile String line;
        volatile String exception;

        @Override
        public void accept(String s) {
            if (s.startsWith("FATAL:")) {
                line = s.substring("FATAL:".length()).trim();
            } else if (exception == null && s.startsWith("Exception in thread")) {
                exception = s.replaceFirst("^Exception in thread \"[^\"]*\" ", "");
            }
        }
    }
}
