package dev.swaprace.cli;

import dev.swaprace.campaign.JcstressLoop;
import dev.swaprace.results.BlobInput;
import dev.swaprace.results.BlobReader;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -9} of {@code swaprace run} while a test runs: within a few seconds no jcstress JVM
 * of the run is left (neither the jcstress host nor its forked test VMs, which a SIGKILL leaves
 * no shutdown hook to stop), and the test that had finished keeps an intact blob that
 * {@code swaprace report} reads.
 */
class RunKilledIT {
    private static final String FIRST = "dev.swaprace.stress.SwapinVsPunch.V57";
    /** Time for the process group to die after the kill; the JVMs go in well under a second. */
    private static final long GONE_SECONDS = 5;

    @Test
    void aKilledRunLeavesNoJcstressJvmAndKeepsTheFinishedTestsBlob() throws Exception {
        Path out = JarRun.BASE.resolve("target/killed-run");
        JarRun.deleteRecursively(out);
        Files.createDirectories(out);
        // two short tests: the first finishes, the second is killed in its timed loop
        Path config = out.resolve("two-short.yaml");
        Files.writeString(config, String.join("\n",
                "description: two short tests, the second killed mid-test",
                "scenarios: [SwapinVsPunch]",
                "variants: [V57, V58]",
                "headline: [SwapinVsPunch]",
                "mode: quick",
                "flags: [-sc, \"false\", -iters, \"1\", -time, \"8000\", -jvmArgs, \"-XX:+UseG1GC\"]",
                "cpus: 2",
                "time-limit: 4m",
                "out: " + out.resolve("run"),
                ""));
        JarRun run = JarRun.swaprace("killed-run", "run", "--config", config.toString());
        Path secondDir = out.resolve("run/tests/SwapinVsPunch.V58");
        try {
            assertThat(run.awaitLine(l -> l.contains("[ 1/2]") && l.contains("samples"), 150))
                    .as("the first test finished:\n%s", run.output()).isTrue();
            // mid-test: the second test's jcstress host has forked a test VM (past its VM probes)
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (System.nanoTime() < deadline && JarRun.jcstressJvmsIn(secondDir).stream().noneMatch(JarRun::isTestVm)) {
                Thread.sleep(200);
            }
            List<ProcessHandle> before = JarRun.jcstressJvmsIn(secondDir);
            assertThat(before).as("the second test's jcstress JVMs, a forked test VM among them").anyMatch(JarRun::isTestVm);

            run.process.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertThat(run.process.waitFor(GONE_SECONDS, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            long killedAt = System.nanoTime();
            long goneBy = killedAt + GONE_SECONDS * 1_000_000_000L;
            List<ProcessHandle> left = JarRun.jcstressJvmsIn(out);
            while (!left.isEmpty() && System.nanoTime() < goneBy) {
                Thread.sleep(100);
                left = JarRun.jcstressJvmsIn(out);
            }
            System.out.printf("[killed-run] jcstress JVMs before kill -9: %d; left after %d ms: %d%n", before.size(),
                    (System.nanoTime() - killedAt) / 1_000_000, left.size());
            assertThat(left).as("jcstress JVMs of the run %s s after kill -9 of swaprace (pids %s)", GONE_SECONDS,
                    left.stream().map(ProcessHandle::pid).toList()).isEmpty();
            assertThat(before).as("the JVMs seen before the kill").noneMatch(JarRun::running);
        } finally {
            // whatever the assertions said, leave nothing running for the next test
            JarRun.jcstressJvmsIn(out).forEach(ProcessHandle::destroyForcibly);
        }

        // the finished test: its own blob, whole, and report (strict, graded by the jar's TestList) passes it
        Optional<Path> blob = JcstressLoop.blobs(out.resolve("run/tests/SwapinVsPunch.V57")).stream().reduce((a, b) -> b);
        assertThat(blob).as("the finished test's blob").isPresent();
        assertThat(new BlobReader().read(BlobInput.of(blob.get())).runs().get(0).truncated())
                .as("the finished test's blob is whole (the strict reader refuses a cut one)").isFalse();
        JarRun report = JarRun.swaprace("report", "report", "--expect-tests", writeLine(out, FIRST), blob.get().toString());
        assertThat(report.await(120)).as("swaprace report on the finished test's blob:\n%s", report.output()).isZero();
        assertThat(report.output()).contains("[OK] " + FIRST).contains("PASSED: 1 tests (1 OK)");
    }

    private static String writeLine(Path dir, String test) throws java.io.IOException {
        Path f = dir.resolve("expect.txt");
        Files.writeString(f, test + "\n");
        return f.toString();
    }
}
