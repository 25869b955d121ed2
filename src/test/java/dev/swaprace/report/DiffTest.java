package dev.swaprace.report;

import dev.swaprace.cli.CliRun;
import dev.swaprace.results.BlobInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code swaprace diff}: appeared/vanished outcomes, the homogeneity test, and the exit code on a new FORBIDDEN. */
class DiffTest {

    @TempDir
    Path dir;

    static final String T = "dev.swaprace.stress.SwapinVsPunch.V58";
    static final String U = "dev.swaprace.stress.PunchVsReclaim.V58";

    @Test
    void chiSquareMatchesAHandComputedTable() {
        // 2x2: A = (60, 40), B = (40, 60); expected 50 each: X2 = 4 * 10^2 / 50 = 8, df 1, p = 0.004678
        Homogeneity h = Homogeneity.test(Map.of("x", 60L, "y", 40L), Map.of("x", 40L, "y", 60L));
        assertThat(h.statistic()).isCloseTo(8.0, within(1e-9));
        assertThat(h.df()).isEqualTo(1);
        assertThat(h.pValue()).isCloseTo(0.0046777, within(1e-6));
        assertThat(h.cramersV()).isCloseTo(0.2, within(1e-9));
    }

    @Test
    void sameDistributionIsNotChangedAndTinyPValuesDoNotRoundToZero() {
        Homogeneity same = Homogeneity.test(Map.of("x", 5000L, "y", 5000L), Map.of("x", 10000L, "y", 10000L));
        assertThat(same.statistic()).isCloseTo(0, within(1e-9));
        assertThat(same.pValue()).isCloseTo(1.0, within(1e-9));
        Homogeneity huge = Homogeneity.test(Map.of("x", 90_000_000L, "y", 10_000_000L),
                Map.of("x", 80_000_000L, "y", 20_000_000L));
        assertThat(huge.pValue()).isGreaterThanOrEqualTo(0).isLessThan(1e-300);
    }

    @Test
    void sparseOutcomesArePooled() {
        Homogeneity h = Homogeneity.test(Map.of("x", 1000L, "y", 1000L, "rare1", 1L, "rare2", 2L),
                Map.of("x", 1000L, "y", 1000L, "rare3", 1L));
        assertThat(h.pooled()).isEqualTo(3);
        assertThat(h.df()).isEqualTo(1);
        Homogeneity one = Homogeneity.test(Map.of("x", 10L), Map.of("x", 20L));
        assertThat(one.testable()).isFalse();
    }

    @Test
    void aNewForbiddenOutcomeFailsTheDiff() throws Exception {
        Path a = SyntheticBlobs.write(dir.resolve("a.bin.gz"), List.of(
                SyntheticBlobs.Fork.of(T, Map.of("ACCEPTABLE:OK_PAGE;S=D", 6000L, "ACCEPTABLE:OK_FREED;S=HOLE", 4000L,
                        "LEAKED_UNTIL_RECLAIM:STRAND@IO;S=HOLE", 30L)),
                SyntheticBlobs.Fork.of(U, Map.of("ACCEPTABLE:OK_FREED", 500L, "ACCEPTABLE:OK_CACHED", 500L))));
        Path b = SyntheticBlobs.write(dir.resolve("b.bin.gz"), List.of(
                SyntheticBlobs.Fork.of(T, Map.of("ACCEPTABLE:OK_PAGE;S=D", 3000L, "ACCEPTABLE:OK_FREED;S=HOLE", 7000L,
                        "FORBIDDEN:BUG_SIGBUS;S=ENOENT", 2L)),
                SyntheticBlobs.Fork.of(U, Map.of("ACCEPTABLE:OK_FREED", 1000L, "ACCEPTABLE:OK_CACHED", 1000L))));
        RunDiff d = RunDiff.of(Report.builder().blob(BlobInput.of(a)).build().view(),
                Report.builder().blob(BlobInput.of(b)).build().view(), 0.01);
        RunDiff.TestDiff t = d.tests().stream().filter(x -> x.name().equals(T)).findFirst().orElseThrow();
        assertThat(t.appeared()).containsExactly("FORBIDDEN:BUG_SIGBUS;S=ENOENT");
        assertThat(t.vanished()).containsExactly("LEAKED_UNTIL_RECLAIM:STRAND@IO;S=HOLE");
        assertThat(t.forbiddenNew()).containsExactly("FORBIDDEN:BUG_SIGBUS;S=ENOENT");
        assertThat(t.changed()).isTrue();
        assertThat(t.homogeneity().pValue()).isLessThan(1e-100);
        RunDiff.TestDiff u = d.tests().stream().filter(x -> x.name().equals(U)).findFirst().orElseThrow();
        assertThat(u.changed()).isFalse();
        assertThat(u.homogeneity().pValue()).isCloseTo(1.0, within(1e-9));
        assertThat(d.newForbidden()).containsExactly(T + ": FORBIDDEN:BUG_SIGBUS;S=ENOENT");

        CliRun cli = CliRun.of("diff", a.toString(), b.toString());
        String text = cli.out();
        assertThat(cli.code()).isEqualTo(1);
        assertThat(text).contains("[CHANGED] " + T, "+ FORBIDDEN:BUG_SIGBUS;S=ENOENT   NEW FORBIDDEN",
                "- LEAKED_UNTIL_RECLAIM:STRAND@IO;S=HOLE", "[SAME] " + U, "p=", "X2=", "NEW FORBIDDEN: 1 tests changed");
        // the other way round nothing forbidden appears
        assertThat(CliRun.of("diff", b.toString(), a.toString()).code()).isZero();
    }

    @Test
    void aRealBlobAgainstItselfHasNoChange() {
        Path blob = FixtureBlobs.get().blob();
        ReportView v = Report.builder().blob(BlobInput.of(blob)).build().view();
        RunDiff d = RunDiff.of(v, v, 0.01);
        assertThat(d.newForbidden()).isEmpty();
        assertThat(d.tests()).noneMatch(RunDiff.TestDiff::changed);
        assertThat(d.tests()).allSatisfy(t -> {
            assertThat(t.appeared()).isEmpty();
            assertThat(t.vanished()).isEmpty();
        });
    }
}
