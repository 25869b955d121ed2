package dev.swaprace.report;

import dev.swaprace.report.ReportView.TestView;
import dev.swaprace.results.TestViews;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SummaryTextTest {
    private static final TestView T = TestViews.of("dev.swaprace.stress.SwapinVsPunchVsReclaimVsCharger.V58A",
            "ACCEPTABLE:OK_FREED;S=HOLE;Rc=NONE;MC=CHARGED", 258_707_200L,
            "LEAKED_UNTIL_RECLAIM:STRAND@SWAPIN;S=HOLE;Rc=KEPT;MC=ENOMEM", 17_131L);

    private static List<String> render(java.util.function.Consumer<PrintStream> r) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        r.accept(new PrintStream(b, true, StandardCharsets.UTF_8));
        return b.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void everythingFitsOneHundredColumns() {
        List<String> lines = render(out -> {
            SummaryText.summaryHeader(out);
            SummaryText.summaryLine(out, "SwapinVsPunchVsReclaimVsCharger.V58A", T);
            SummaryText.missingLine(out, "SKIPPED", "SwapinVsPunchVsReclaimVsCharger.V58A",
                    "needs 4 CPUs (one per actor), 2 available");
            SummaryText.histogram(out, String.format("%-5s %-58s", "V58A", "after 3fea5a499d57, before 4c6355b25e8b"), T);
        });
        assertThat(lines).allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(SummaryText.WIDTH));
        assertThat(lines.get(1)).startsWith("OK      SwapinVsPunchVsReclaimVsCharg~.V58A")
                .contains("258,724,331").contains("17,131");
    }

    @Test
    void histogramRowsShowCountFrequencyBarAndVerdict() {
        List<String> lines = render(out -> SummaryText.histogram(out, "V58", T));
        assertThat(lines.get(1)).contains("OK_FREED;S=HOLE;Rc=NONE;MC=CHARGED").contains("99.99%")
                .contains("############ ").endsWith("ACCEPTABLE");
        assertThat(lines.get(2)).contains("STRAND@SWAPIN;S=HOLE;Rc=KEPT;MC=ENOMEM").contains("<0.01%")
                .endsWith("LEAKED_UNTIL_RECLAIM");
    }
}
