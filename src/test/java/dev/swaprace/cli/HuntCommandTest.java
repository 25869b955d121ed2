package dev.swaprace.cli;

import dev.swaprace.campaign.HuntPlan;
import dev.swaprace.campaign.HuntSettings;
import dev.swaprace.mm.Variant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code swaprace hunt} as a user runs it, without running jcstress. */
class HuntCommandTest {

    private static void badInput(String expected, String... args) {
        CliRun r = CliRun.of(args);
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).contains(expected).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.err().lines().filter(l -> l.startsWith("swaprace")).count()).isEqualTo(1);
    }

    @Test
    void badInputIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        badInput("--round: bad duration '5x'", "hunt", "-t", "SwapinVsPunch", "--round", "5x");
        badInput("--budget: bad duration 'forever'", "hunt", "-t", "SwapinVsPunch", "--budget", "forever");
        badInput("--target '(': bad regex", "hunt", "-t", "SwapinVsPunch", "--target", "(");
        badInput("-t '[': bad regex", "hunt", "-t", "[");
        badInput("no test selected by -t 'NoSuchTest'", "hunt", "-t", "NoSuchTest");
        badInput("unknown race point 'S.99'", "hunt", "-t", "SwapinVsPunch", "--delays", "S.99=1");
        badInput("--spin-style: unknown value 'SLOW'", "hunt", "-t", "SwapinVsPunch", "--spin-style", "SLOW");
        badInput("--compile: unknown mode 'jit'", "hunt", "-t", "SwapinVsPunch", "--compile", "jit");
        badInput("unknown scenario 'Nope'", "hunt", "--scenarios", "Nope");
        badInput("unknown variant 'V99'", "hunt", "--scenarios", "SwapinVsPunch", "--variants", "V99");
        badInput("nope.yaml: no such file", "hunt", "--config", "nope");
        badInput("-jvmArgs after '--' is set by the hunt itself", "hunt", "-t", "SwapinVsPunch", "--", "-jvmArgs", "-Xint");
        badInput("--max-rounds must be at least 1", "hunt", "-t", "SwapinVsPunch", "--max-rounds", "0");
        badInput("--cpus 100000: this machine has", "hunt", "-t", "SwapinVsPunch", "--cpus", "100000");
        Path foreign = dir.resolve("foreign");
        Files.createDirectories(foreign);
        Files.writeString(foreign.resolve("keep.txt"), "not a hunt");
        badInput("not empty and not a hunt folder", "hunt", "-t", "SwapinVsPunch\\.V58$", "-o", foreign.toString());
        assertThat(foreign.resolve("keep.txt")).exists();
    }

    @Test
    void dryRunShowsTestsSettingsAndTheRoundCommand() {
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2);
        CliRun r = CliRun.of("hunt", "--scenarios", "SwapinVsPunch,SwapinVsPunchVsReclaim,SwapinVsPunchVsReclaimVsCharger",
                "--variants", "V57,V58", "--cpus", "2", "--compile", "c2,split", "--dry-run");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("2 tests, 1 target, 8 settings")
                .contains("SKIPPED 2 tests need 3 CPUs (one per actor), 2 available: SwapinVsPunchVsReclaim.{V57,V58}")
                .contains("SKIPPED 2 tests need 4 CPUs (one per actor), 2 available:"
                        + " SwapinVsPunchVsReclaimVsCharger.{V57,V58}")
                .contains("test    dev.swaprace.stress.SwapinVsPunch.V57")
                .contains("target  " + HuntPlan.DEFAULT_TARGET)
                .contains(" 8      delays=" + HuntSettings.SWAPIN_WINDOW + " spin=HARD af=LOCAL compile=split")
                .contains("-t '^(dev\\.swaprace\\.stress\\.SwapinVsPunch\\.V57|dev\\.swaprace\\.stress\\.SwapinVsPunch\\.V58)$'")
                .contains("-c 2 -m quick -f 1 -iters 1 -time 5000 -spinStyle THREAD_SPIN_WAIT -af LOCAL -sc false"
                        + " -jvmArgs '-Dswaprace.hunt.setting=1 -XX:-TieredCompilation'")
                .doesNotContain("SwapinVsPunchVsReclaim.V57\n");
    }

    @Test
    void nothingRunnableIsExitTwo() {
        CliRun r = CliRun.of("hunt", "--scenarios", "SwapinVsPunchVsReclaimVsCharger", "--cpus", "1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).contains("SKIPPED " + Variant.values().length + " tests need 4 CPUs (one per actor), 1 available");
        assertThat(r.err()).contains("no selected test can run with 1 CPUs");
    }

    @Test
    void helpReadsLikeATool() {
        CliRun r = CliRun.of("hunt", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: swaprace hunt").contains("--target=REGEX").contains("--all-settings")
                .contains("Exit status:").contains("130  interrupted").contains("round-granular");
    }
}
