package dev.swaprace.cli;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * One jcstress run as a child process of its own JVM ({@code org.openjdk.jcstress.Main} on this
 * JVM's class path), in the output folder, so that its result blob lands there. Every output line
 * goes to a log file and to a line consumer. The run is bounded by a wall-clock limit, and
 * {@link #kill()} ends the whole process tree (the jcstress host and the forked test VMs).
 */
final class JcstressProcess {
    /** How the run ended. */
    enum End { EXITED, TIMED_OUT, KILLED }

    private static final Duration GRACE = Duration.ofSeconds(5);

    private final Process process;
    private final Thread pump;
    private volatile boolean killed;
    /** How the run ended, once {@link #await} returned; read by the thread that awaited. */
    private End end;

    private JcstressProcess(Process process, Thread pump) {
        this.process = process;
        this.pump = pump;
    }

    /** The command line of {@code org.openjdk.jcstress.Main} with {@code args}, on this JVM. */
    static List<String> command(List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        // absolute: the child runs in the output folder
        cmd.add(Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(e -> Path.of(e).toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator)));
        cmd.add("org.openjdk.jcstress.Main");
        cmd.addAll(args);
        return cmd;
    }

    /** Start {@code command} in {@code dir}; output lines go to {@code log} and to {@code lines}. */
    static JcstressProcess start(List<String> command, Path dir, Path log, Consumer<String> lines) throws IOException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        PrintWriter logWriter = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true);
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                 logWriter) {
                String line;
                while ((line = r.readLine()) != null) {
                    logWriter.println(line);
                    lines.accept(line);
                }
            } catch (IOException e) {
                // the child is gone; what was read is logged
            }
        }, "jcstress-output");
        pump.setDaemon(true);
        pump.start();
        return new JcstressProcess(p, pump);
    }

    /**
     * Wait for the run to end, at most {@code limit}; past it, kill the tree. Returns how it
     * ended; the output has been fully read when this returns.
     */
    End await(Duration limit) throws InterruptedException {
        boolean exited = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        End end = exited ? End.EXITED : End.TIMED_OUT;
        if (!exited) {
            kill();
        }
        if (killed && end == End.EXITED) {
            end = End.KILLED;
        }
        pump.join(GRACE.toMillis());
        this.end = end;
        return end;
    }

    /** How the run ended: {@link #await}'s answer, null before it returned. */
    End end() {
        return end;
    }

    int exitValue() {
        return process.exitValue();
    }

    /**
     * End the run: SIGTERM to the jcstress host and every descendant (the test VMs), then
     * SIGKILL to whatever is still alive after a grace period. The descendants are collected
     * before the host dies, because orphans are no longer its descendants.
     */
    void kill() {
        killed = true;
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(0, process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + GRACE.toNanos();
        for (ProcessHandle h : tree) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) {
                    h.onExit().get(left, TimeUnit.NANOSECONDS);
                }
            } catch (Exception e) {
                // still alive: forced below
            }
            if (h.isAlive()) {
                h.destroyForcibly();
            }
        }
    }
}
