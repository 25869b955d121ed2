package dev.swaprace.campaign;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link JcstressLoop}: a stop kills the run in progress and any run started after it; a run past its limit is killed. */
class JcstressLoopTest {
    private static final List<String> LONG_RUN = List.of("sleep", "60");

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aStopKillsTheRunInProgress(@TempDir Path dir) throws Exception {
        JcstressLoop slot = new JcstressLoop();
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            slot.stop();
        });
        stopper.start();
        long t0 = System.nanoTime();
        JcstressProcess p = slot.run(LONG_RUN, dir, dir.resolve("log"), line -> { }, Duration.ofSeconds(60));
        stopper.join();
        assertThat(p.end()).isEqualTo(Invocation.End.KILLED);
        assertThat(slot.stopped()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aRunStartedAfterAStopIsKilledAtOnce(@TempDir Path dir) throws Exception {
        JcstressLoop slot = new JcstressLoop();
        slot.stop();
        JcstressProcess p = slot.run(LONG_RUN, dir, dir.resolve("log"), line -> { }, Duration.ofSeconds(60));
        assertThat(p.end()).isEqualTo(Invocation.End.KILLED);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aRunPastItsLimitTimesOutAndItsOutputIsLogged(@TempDir Path dir) throws Exception {
        JcstressLoop slot = new JcstressLoop();
        JcstressProcess p = slot.run(List.of("sh", "-c", "echo started; exec sleep 60"), dir, dir.resolve("log"),
                line -> { }, Duration.ofMillis(500));
        assertThat(p.end()).isEqualTo(Invocation.End.TIMED_OUT);
        assertThat(slot.stopped()).isFalse();
        assertThat(Files.readAllLines(dir.resolve("log"))).containsExactly("started");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aRunThatEndsByItselfExited(@TempDir Path dir) throws Exception {
        JcstressProcess p = new JcstressLoop().run(List.of("sh", "-c", "exit 3"), dir, dir.resolve("log"), line -> { },
                Duration.ofSeconds(20));
        assertThat(p.end()).isEqualTo(Invocation.End.EXITED);
        assertThat(p.exitValue()).isEqualTo(3);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aStopKillsWhatTheRunStartedEvenWhenItIsNoLongerADescendant(@TempDir Path dir) throws Exception {
        JcstressLoop slot = new JcstressLoop();
        java.util.concurrent.CompletableFuture<Long> orphan = new java.util.concurrent.CompletableFuture<>();
        // the subshell prints its background sleep's pid and exits: the sleep is reparented, out of the tree
        Thread stopper = new Thread(() -> {
            try {
                orphan.get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                return;
            }
            slot.stop();
        });
        stopper.start();
        JcstressProcess p = slot.run(List.of("sh", "-c", "(sleep 61 & echo $!); exec sleep 60"), dir, dir.resolve("log"),
                line -> orphan.complete(Long.parseLong(line.trim())), Duration.ofSeconds(60));
        stopper.join();
        assertThat(p.end()).isEqualTo(Invocation.End.KILLED);
        ProcessHandle sleeper = ProcessHandle.of(orphan.get()).orElse(null);
        if (sleeper != null) {
            sleeper.onExit().get(5, TimeUnit.SECONDS);
        }
    }
}
