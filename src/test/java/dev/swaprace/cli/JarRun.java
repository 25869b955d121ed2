package dev.swaprace.cli;

import dev.swaprace.campaign.StressConfig;
import dev.swaprace.mm.Variant;
import dev.swaprace.scenario.Scenario;
import dev.swaprace.suite.StressSuite;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A process of the integration tests (a {@code swaprace} command on the built shaded jar, or a
 * script of the repository), with every output line kept and echoed with a tag, and the helpers
 * the tests around it share: waiting for a line, ending it within a limit, finding the jcstress
 * JVMs that run in a folder.
 */
final class JarRun {
    static final Path BASE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();

    final Process process;
    final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final Thread pump;

    private JarRun(Process process, String tag) {
        this.process = process;
        this.pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    System.out.println("[" + tag + "] " + line);
                    lines.add(line);
                }
            } catch (IOException e) {
                // process gone
            }
        }, "it-output-" + tag);
        pump.setDaemon(true);
        pump.start();
    }

    /** {@code swaprace ARGS} on {@code target/jcstress.jar}, in the repository's folder. */
    static JarRun swaprace(String tag, String... args) throws IOException {
        Path jar = BASE.resolve("target/jcstress.jar");
        assertThat(jar).as("the shaded suite jar (mvn package)").exists();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", jar.toString(), "dev.swaprace.cli.Main"));
        Collections.addAll(cmd, args);
        return start(tag, cmd, Map.of());
    }

    /** {@code command} in the repository's folder, with {@code env} added to this JVM's environment. */
    static JarRun start(String tag, List<String> command, Map<String, String> env) throws IOException {
        JarRun r = holding(tag, command, env);
        r.release();
        return r;
    }

    /** As {@link #start}, but the process's stdin stays open (never written) until {@link #release()}. */
    static JarRun holding(String tag, List<String> command, Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(BASE.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        return new JarRun(pb.start(), tag);
    }

    /** Close the process's stdin: end-of-file for a process waiting on it. */
    void release() throws IOException {
        process.getOutputStream().close();
    }

    /** Wait at most {@code seconds} for the process to end (past that kill it and fail); its exit code. */
    int await(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError(process.info().commandLine().orElse("the process") + " did not end within "
                    + seconds + " s");
        }
        try {
            pump.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return process.exitValue();
    }

    /** Wait at most {@code seconds} for a line matching {@code p}; whether one came. */
    boolean awaitLine(Predicate<String> p, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            synchronized (lines) {
                if (lines.stream().anyMatch(p)) {
                    return true;
                }
            }
            if (!process.isAlive()) {
                return false;
            }
            Thread.sleep(200);
        }
        return false;
    }

    String output() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    /**
     * The live jcstress JVMs (the host, the VMs it probes and the test VMs it forks: a JVM with a
     * class of {@code org.openjdk.jcstress} on its command line) whose working folder is
     * {@code dir} or under it, whoever their parent is.
     */
    static List<ProcessHandle> jcstressJvmsIn(Path dir) {
        Path root = dir.toAbsolutePath().normalize();
        return ProcessHandle.allProcesses().filter(h -> {
            Path cwd;
            try {
                cwd = Files.readSymbolicLink(Path.of("/proc", Long.toString(h.pid()), "cwd"));
            } catch (IOException | UnsupportedOperationException e) {
                return false; // gone, a zombie, or not ours to read
            }
            boolean java = h.info().command().map(c -> c.endsWith("/java")).orElse(false);
            return java && cwd.startsWith(root) && arguments(h).contains("org.openjdk.jcstress.");
        }).toList();
    }

    /** Whether {@code h} is a test VM that jcstress forked ({@code org.openjdk.jcstress.ForkedMain}). */
    static boolean isTestVm(ProcessHandle h) {
        return arguments(h).contains("org.openjdk.jcstress.ForkedMain");
    }

    private static String arguments(ProcessHandle h) {
        return String.join(" ", h.info().arguments().map(List::of).orElse(List.of()));
    }

    /** The tests a stress configuration selects (every selected scenario on every variant), by name. */
    static List<String> expectedTests(Path config) throws Exception {
        StressConfig c = StressConfig.load(config, config.getFileName().toString());
        List<String> expected = new ArrayList<>();
        for (Scenario sc : c.selectedScenarios(c.scenarios())) {
            for (Variant v : c.variants()) {
                expected.add(StressSuite.testName(sc, v));
            }
        }
        assertThat(expected).as("%s selects tests", config).isNotEmpty();
        return expected;
    }

    /** Whether {@code h} still runs: alive and not a zombie waiting for its new parent to reap it. */
    static boolean running(ProcessHandle h) {
        if (!h.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(h.pid()), "stat"));
            // pid (comm) STATE ...: comm may hold spaces and parentheses, the state follows the last ')'
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false; // gone meanwhile
        }
    }

    static void deleteRecursively(Path root) throws IOException {
        if (Files.exists(root)) {
            try (var paths = Files.walk(root)) {
                for (Path q : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(q);
                }
            }
        }
    }
}
