package dev.swaprace.report;

import dev.swaprace.cli.CliRun;
import dev.swaprace.results.BlobInput;
import dev.swaprace.results.Histograms;
import dev.swaprace.results.Histograms.TestCounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Merging runs, hosts and shards keeps every sample; the CLI writes every format. */
class MergeTest {

    @TempDir
    Path dir;

    static final String T = "dev.swaprace.stress.SwapinVsPunch.V58";

    @Test
    void mergingHostsRunsAndShardsKeepsEverySample() throws Exception {
        List<BlobInput> in = new ArrayList<>();
        long expected = 0;
        for (int i = 0; i < 6; i++) {
            long n = 1000L * (i + 1);
            Path p = SyntheticBlobs.write(dir.resolve("b" + i + ".bin.gz"), List.of(
                    SyntheticBlobs.Fork.of(T, Map.of("ACCEPTABLE:OK_PAGE;S=D", n, "ACCEPTABLE:OK_FREED;S=HOLE", i + 1L)),
                    SyntheticBlobs.Fork.of("foreign.Test", Map.of("1, 2", 7L))));
            expected += n + i + 1 + 7;
            // two hosts, three runs each; run r2 is sharded over two blobs
            in.add(new BlobInput(p, "host" + (i % 2), "r" + Math.min(i / 2, 2)));
        }
        Report r = Report.builder().blobs(in).build();
        Histograms h = r.histograms();
        assertThat(h.total()).isEqualTo(expected);
        assertThat(h.runs()).hasSize(6);
        TestCounts t = h.test(T);
        assertThat(t.outcomeTotals()).containsEntry("ACCEPTABLE:OK_PAGE;S=D", 21000L).containsEntry("ACCEPTABLE:OK_FREED;S=HOLE", 21L);
        assertThat(t.cells().keySet()).extracting(Histograms.CellKey::host).containsOnly("host0", "host1");
        assertThat(r.view().byName().get(T).byRun()).hasSize(6);
        assertThat(r.view().samples()).isEqualTo(expected);
        h.verify();
    }

    @Test
    void theCliWritesEveryFormatAndPrintsTheHistogram() throws Exception {
        Path a = SyntheticBlobs.write(dir.resolve("a.bin.gz"),
                List.of(SyntheticBlobs.Fork.of(T, Map.of("ACCEPTABLE:OK_PAGE;S=D", 900L, "LEAKED_UNTIL_RECLAIM:STRAND@IO;S=HOLE", 100L))));
        Path out = dir.resolve("out");
        CliRun cli = CliRun.of("report", "box1:nightly=" + a, "--html", out + "/r.html", "--json", out + "/r.json",
                "--csv", out + "/r.csv", "--junit", out + "/r.xml");
        String text = cli.out();
        assertThat(cli.code()).isZero();
        assertThat(text).contains("[OK] " + T + "  (SwapinVsPunch / V58)", "box1/nightly", "LEAKED", "90.00%", "100,000",
                "PASSED: 1 tests (1 OK); 1,000 samples");
        for (String f : List.of("r.html", "r.json", "r.csv", "r.xml")) {
            assertThat(out.resolve(f)).isNotEmptyFile();
        }
        try (var s = Files.list(out)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("r.html", "r.json", "r.csv", "r.xml");
        }
    }
}
