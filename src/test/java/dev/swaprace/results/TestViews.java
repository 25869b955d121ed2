package dev.swaprace.results;

import dev.swaprace.report.ReportView;
import dev.swaprace.report.ReportView.TestView;
import dev.swaprace.results.ExplorerResults;
import org.openjdk.jcstress.infra.Status;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Graded test views made from outcome counts, through the same model and grading a blob goes through. */
public final class TestViews {
    private TestViews() {
    }

    /** {@code test} with one fork of {@code idCount} (outcome id, Long count, ...), graded as every report grades it. */
    public static TestView of(String test, Object... idCount) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int i = 0; i < idCount.length; i += 2) {
            counts.put((String) idCount[i], (Long) idCount[i + 1]);
        }
        Histograms h = new Histograms();
        h.addFork(test, 2, new Histograms.CellKey("-", "run", new JvmConfig(List.of(), "unified", "-")),
                Status.NORMAL, counts, 1000, List.of());
        return ReportView.of(h, new ReportView.Options(TestCatalog.fromClasspath(), TestNaming.DEFAULT,
                ExplorerResults.none(), List.of(), 0)).byName().get(test);
    }
}
