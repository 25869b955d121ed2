package dev.swaprace.campaign;

import dev.swaprace.campaign.Invocation.End;
import dev.swaprace.results.BlobFilter;
import dev.swaprace.results.BlobInput;
import dev.swaprace.results.BlobReader;
import dev.swaprace.results.Histograms;
import dev.swaprace.results.ReportException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The one loop that runs jcstress, for every command that does ({@code run}, {@code hunt},
 * {@code mutants}, {@code bench}): start it in an invocation folder, publish it so that a stop
 * (Ctrl-C) kills it, bound it by a time limit, find the blob it wrote, read it. A stop kills the
 * invocation in progress and every one started after it, so the blobs of those already finished
 * are kept and no new one begins. What it starts dies with this JVM however the JVM ends, SIGKILL
 * included ({@link JcstressProcess}).
 */
public final class JcstressLoop {
    /** jcstress names its blob {@code jcstress-results-<yyyy-MM-dd-HH-mm-ss>.bin.gz}, in its working directory. */
    private static final String BLOB = "jcstress-results-.*\\.bin\\.gz";

    private volatile boolean stopped;
    private volatile JcstressProcess current;

    /** Stop: kill the invocation in progress, and every one started from now on. Safe from a shutdown hook. */
    public void stop() {
        stopped = true;
        JcstressProcess p = current;
        if (p != null) {
            p.kill();
        }
    }

    public boolean stopped() {
        return stopped;
    }

    /**
     * Run jcstress with {@code args} in {@code dir} (created), at most {@code limit}: the command
     * goes to {@code command.txt}, every output line to {@code jcstress.log} and to {@code lines};
     * the blob it wrote is read with truncation accepted. A blob that cannot be read is a
     * {@link Invocation#readError()}, not an exception.
     */
    public Invocation invoke(Path dir, List<String> args, Consumer<String> lines, Duration limit)
            throws IOException, InterruptedException {
        return invokeCommand(dir, JcstressProcess.command(args), lines, limit);
    }

    /** {@link #invoke} of any command: the tests stand in for jcstress with a shell line. */
    Invocation invokeCommand(Path dir, List<String> command, Consumer<String> lines, Duration limit)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(Invocation.COMMAND), JcstressProcess.quoted(command) + "\n");
        List<Path> before = blobs(dir);
        FatalWatch watch = new FatalWatch();
        long t0 = System.nanoTime();
        JcstressProcess p = run(command, dir, dir.resolve(Invocation.LOG), watch.andThen(lines), limit);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Optional<Path> blob = blobs(dir).stream().filter(b -> !before.contains(b)).reduce((a, b) -> b);
        Optional<Histograms> results = Optional.empty();
        String readError = null;
        if (blob.isPresent()) {
            try {
                results = Optional.of(new BlobReader(BlobFilter.Limits.DEFAULT, true).read(BlobInput.of(blob.get())));
            } catch (ReportException e) {
                readError = e.getMessage();
            }
        }
        return new Invocation(dir, p.end(), p.end() == End.EXITED ? p.exitValue() : -1, watch.line, watch.exception,
                blob, results, readError, seconds);
    }

    /**
     * Start {@code command} in {@code dir} (every output line to {@code log} and to {@code lines}),
     * wait for it at most {@code limit}, and return it ended ({@link JcstressProcess#end()}). A
     * stop kills it; so does a stop that came between the caller's check and this start.
     */
    JcstressProcess run(List<String> command, Path dir, Path log, Consumer<String> lines, Duration limit)
            throws IOException, InterruptedException {
        JcstressProcess p = JcstressProcess.start(command, dir, log, lines);
        current = p;
        if (stopped) {
            p.kill();
        }
        try {
            p.await(limit);
        } finally {
            current = null;
        }
        return p;
    }

    /**
     * Run {@code work}; if the JVM starts shutting down meanwhile (Ctrl-C, SIGTERM), call
     * {@code onStop} (tell the user), stop this loop, and hold the exit up to {@code grace} for
     * {@code work} to return, so a command writes and prints what it collected before the JVM goes.
     */
    public <T> T guard(String name, Runnable onStop, Duration grace, Callable<T> work) throws Exception {
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            if (finished.getCount() == 0) {
                return;
            }
            try {
                onStop.run();
            } finally {
                stop();
            }
            try {
                finished.await(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return work.call();
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down: the hook is running
            }
        }
    }

    /** The blobs in {@code dir}, oldest first (jcstress's names sort by time). */
    public static List<Path> blobs(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches(BLOB))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        }
    }

    /**
     * Remembers jcstress's "FATAL: ..." line ("No matching tests." when it cannot schedule a test)
     * and the first exception it printed (a bad option).
     */
    private static final class FatalWatch implements Consumer<String> {
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
