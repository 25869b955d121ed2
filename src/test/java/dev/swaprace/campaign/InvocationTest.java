package dev.swaprace.campaign;

import dev.swaprace.report.SyntheticBlobs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the loop hands back after an invocation (a shell line stands in for jcstress): the blob it
 * wrote and not one that was there before, read and graded; a blob that cannot be read as a
 * reason, not an exception; the folder convention.
 */
class InvocationTest {
    private static final String TEST = "dev.swaprace.stress.SwapinVsPunch.V58";
    private static final Duration LIMIT = Duration.ofSeconds(20);

    private static List<String> sh(String line) {
        return List.of("sh", "-c", line);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void theBlobTheInvocationWroteIsReadAndGradedNotAnOlderOne(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("inv");
        Files.createDirectories(dir);
        // a stale blob from an earlier run, newer by name, must not be taken
        SyntheticBlobs.write(dir.resolve("jcstress-results-2099-12-31-23-59-59.bin.gz"),
                List.of(SyntheticBlobs.Fork.of(TEST, Map.of("FORBIDDEN:BUG_DATA;S=HOLE", 5L))));
        Path fresh = SyntheticBlobs.write(tmp.resolve("fresh.bin.gz"), List.of(SyntheticBlobs.Fork.of(TEST,
                Map.of("ACCEPTABLE:OK_FREED;S=HOLE", 900L, "LEAKED_UNTIL_RECLAIM:STRAND@SWAPIN;S=HOLE", 100L))));
        Invocation inv = new JcstressLoop().invokeCommand(dir,
                sh("echo running; cp " + fresh + " jcstress-results-2000-01-01-00-00-00.bin.gz"), l -> { }, LIMIT);
        assertThat(inv.end()).isEqualTo(Invocation.End.EXITED);
        assertThat(inv.blob()).contains(dir.resolve("jcstress-results-2000-01-01-00-00-00.bin.gz"));
        assertThat(inv.readError()).isNull();
        assertThat(inv.truncated()).isFalse();
        assertThat(inv.tests()).containsOnlyKeys(TEST);
        assertThat(inv.tests().get(TEST).samples()).isEqualTo(1000);
        assertThat(inv.tests().get(TEST).passed()).isTrue();
        assertThat(Files.readString(dir.resolve(Invocation.COMMAND))).startsWith("sh -c 'echo running;");
        assertThat(Files.readAllLines(dir.resolve(Invocation.LOG))).containsExactly("running");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aBlobThatCannotBeReadIsAReasonNotAnException(@TempDir Path dir) throws Exception {
        Invocation inv = new JcstressLoop().invokeCommand(dir,
                sh("echo not a blob | gzip > jcstress-results-2000-01-01-00-00-00.bin.gz"), l -> { }, LIMIT);
        assertThat(inv.blob()).isPresent();
        assertThat(inv.results()).isEmpty();
        assertThat(inv.tests()).isEmpty();
        assertThat(inv.readError()).startsWith(inv.blob().get() + ": not a jcstress result blob");
        assertThat(inv.noResultReason()).isEqualTo(inv.readError());
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void jcstressFatalLineAndExitWithoutABlobAreTheReasons(@TempDir Path dir) throws Exception {
        Invocation fatal = new JcstressLoop().invokeCommand(dir.resolve("a"),
                sh("echo 'FATAL: No matching tests.'; exit 1"), l -> { }, LIMIT);
        assertThat(fatal.fatal()).isEqualTo("No matching tests.");
        assertThat(fatal.noResultReason()).isEqualTo("jcstress: No matching tests.");
        Invocation silent = new JcstressLoop().invokeCommand(dir.resolve("b"), sh("exit 3"), l -> { }, LIMIT);
        assertThat(silent.blob()).isEmpty();
        assertThat(silent.exitValue()).isEqualTo(3);
        assertThat(silent.noResultReason()).startsWith("jcstress exited with 3 and no result");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aStoppedLoopKillsTheInvocationAndSaysSo(@TempDir Path dir) throws Exception {
        JcstressLoop loop = new JcstressLoop();
        loop.stop();
        Invocation inv = loop.invokeCommand(dir, sh("exec sleep 60"), l -> { }, Duration.ofSeconds(60));
        assertThat(inv.end()).isEqualTo(Invocation.End.KILLED);
        assertThat(inv.exitValue()).isEqualTo(-1);
        assertThat(inv.seconds()).isLessThan(20);
    }
}
