package dev.swaprace.campaign;

import dev.swaprace.campaign.Invocation.End;

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
 *
 * <p>No process of the run outlives this JVM, however it ends (SIGKILL included): every command
 * starts under {@link #GUARD}, in a session and process group of its own, beside a watcher that
 * holds the read end of a pipe whose only write end is this JVM's. When this JVM dies the kernel
 * closes that end, the watcher reads end-of-file and SIGKILLs the group: the jcstress host, every
 * test VM it forked (they inherit the group) and itself. {@link #kill()} closes the pipe the same
 * way. Measured (docs/fleet.md): {@code setpriv --pdeathsig KILL} on the host is not enough, its
 * forked test VMs are reparented to init and run on; and a death signal follows the thread that
 * started the child, not the process.
 */
final class JcstressProcess {
    private static final Duration GRACE = Duration.ofSeconds(5);

    /**
     * {@code sh -c GUARD guard COMMAND...}, run by {@code setsid}: runs COMMAND (stdin from
     * /dev/null) and a watcher that reads the shell's stdin, the pipe from this JVM, until
     * end-of-file and then SIGKILLs the process group (COMMAND's tree, the shell, itself). When
     * COMMAND ends by itself the watcher is killed and the shell exits with COMMAND's status.
     * The watcher's stdin is named explicitly: sh gives a background job /dev/null otherwise.
     */
    static final String GUARD = String.join("\n",
            "exec 3<&0",
            "\"$@\" </dev/null 3<&- &",
            "job=$!",
            "{ while read -r _; do :; done; kill -KILL 0; } <&3 &",
            "watcher=$!",
            "exec 3<&-",
            "wait \"$job\"; rc=$?",
            "kill -KILL \"$watcher\" 2>/dev/null",
            "exit $rc");

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
    public static List<String> command(List<String> args) {
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
        if (!onPath("setsid")) {
            throw new IOException("setsid (util-linux) is not on PATH: jcstress runs under it, in a process group that"
                    + " dies with swaprace");
        }
        Process p = new ProcessBuilder(guarded(command)).directory(dir.toFile()).redirectErrorStream(true).start();
        // p's stdin stays open, never written: its end-of-file tells the guard this JVM is gone
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

    /** {@code command} under {@link #GUARD}, in a new session (setsid waits if it had to fork). */
    static List<String> guarded(List<String> command) {
        List<String> cmd = new ArrayList<>(List.of("setsid", "--wait", "sh", "-c", GUARD, "swaprace-guard"));
        cmd.addAll(command);
        return cmd;
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
        closeGuardPipe();
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
     * End the run: close the guard's pipe, on which the guard SIGKILLs the run's process group
     * (the jcstress host, the test VMs, whatever they started), then SIGKILL whatever of the
     * process tree is still alive after a grace period (the guard's watcher was killed by hand).
     * The descendants are collected first, because orphans are no longer descendants.
     */
    void kill() {
        killed = true;
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(0, process.toHandle());
        closeGuardPipe();
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

    private void closeGuardPipe() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // already closed, or the guard is gone: either way the pipe is shut
        }
    }

    /** {@code words} as one shell command line, quoted where a shell would split or expand them. */
    public static String quoted(List<String> words) {
        return words.stream().map(w -> w.matches("[A-Za-z0-9_./:=,+@%-]+") ? w : "'" + w.replace("'", "'\\''") + "'")
                .collect(Collectors.joining(" "));
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(File.pathSeparator))
                .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, program)));
    }
}
