package dev.swaprace.results;

import dev.swaprace.report.SyntheticBlobs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The reader's two modes on a blob jcstress left unfinished, and the merge run uses: the loop
 * reads with truncation accepted (a killed jcstress leaves an empty file or a cut stream), the
 * report strictly.
 */
class BlobReaderModesTest {
    private static final String A = "dev.swaprace.stress.SwapinVsPunch.V57";
    private static final String B = "dev.swaprace.stress.SwapinVsPunch.V58";
    private static final BlobReader LENIENT = new BlobReader(BlobFilter.Limits.DEFAULT, true);

    @Test
    void anEmptyFileIsATruncatedBlobWithNothingInItOnlyWhenAccepted(@TempDir Path dir) throws Exception {
        Path empty = Files.createFile(dir.resolve("jcstress-results-empty.bin.gz"));
        Histograms h = LENIENT.read(BlobInput.of(empty));
        assertThat(h.total()).isZero();
        assertThat(h.tests()).isEmpty();
        assertThat(h.runs()).singleElement().satisfies(r -> {
            assertThat(r.truncated()).isTrue();
            assertThat(r.forks()).isZero();
        });
        assertThatThrownBy(() -> new BlobReader().read(BlobInput.of(empty))).isInstanceOf(ReportException.class)
                .hasMessage(empty + ": empty file, not a jcstress result blob");
    }

    @Test
    void aBlobCutInItsLastForkKeepsTheForksBeforeIt(@TempDir Path dir) throws Exception {
        Path whole = SyntheticBlobs.write(dir.resolve("whole.bin.gz"), List.of(
                SyntheticBlobs.Fork.of(A, Map.of("ACCEPTABLE:OK_FREED;S=HOLE", 70L)),
                SyntheticBlobs.Fork.of(B, Map.of("ACCEPTABLE:OK_FREED;S=HOLE", 30L))));
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.bin.gz"), java.util.Arrays.copyOf(bytes, bytes.length - 40));
        Histograms h = LENIENT.read(BlobInput.of(cut));
        assertThat(h.runs().get(0).truncated()).isTrue();
        assertThat(h.total()).as("the first fork whole, the cut one dropped").isEqualTo(70);
        h.tests().values().forEach(t -> assertThat(t.total()).isIn(70L, 30L));
        assertThatThrownBy(() -> new BlobReader().read(BlobInput.of(cut))).isInstanceOf(ReportException.class)
                .hasMessageStartingWith(cut + ": truncated");
    }

    @Test
    void mergeWritesEveryForkOfEveryBlobIntoOneAndRefusesAnUnreadableOne(@TempDir Path dir) throws Exception {
        Path a = SyntheticBlobs.write(dir.resolve("a.bin.gz"), List.of(
                SyntheticBlobs.Fork.of(A, Map.of("ACCEPTABLE:OK_FREED;S=HOLE", 70L, "ACCEPTABLE:OK_FREED;S=DATA", 5L))));
        Path b = SyntheticBlobs.write(dir.resolve("b.bin.gz"), List.of(
                SyntheticBlobs.Fork.of(B, Map.of("ACCEPTABLE:OK_FREED;S=HOLE", 30L)),
                SyntheticBlobs.Fork.of(B, Map.of("ACCEPTABLE:OK_FREED;S=HOLE", 12L))));
        Path merged = dir.resolve("merged.bin.gz");
        LENIENT.merge(List.of(a, b), merged);
        Histograms h = new BlobReader().read(BlobInput.of(merged));
        assertThat(h.total()).isEqualTo(117);
        assertThat(h.runs().get(0).forks()).isEqualTo(3);
        assertThat(h.test(A).outcomeTotals()).containsEntry("ACCEPTABLE:OK_FREED;S=DATA", 5L);
        assertThat(h.test(B).total()).isEqualTo(42);
        assertThat(h.test(B).forkRates()).hasSize(2);

        Path junk = Files.writeString(dir.resolve("junk.bin.gz"), "not gzip");
        assertThatThrownBy(() -> LENIENT.merge(List.of(a, junk), dir.resolve("m2.bin.gz")))
                .isInstanceOf(ReportException.class).hasMessageStartingWith(junk + ": not a jcstress result blob");
    }
}
