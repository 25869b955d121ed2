package dev.swaprace.cli;

import dev.swaprace.report.Report;
import dev.swaprace.report.RunDiff;
import dev.swaprace.results.BlobInput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code swaprace diff A B}: what changed between two runs. */
@Command(name = "diff", mixinStandardHelpOptions = true, usageHelpWidth = 100,
        header = "Compare two jcstress result blobs test by test, with a chi-square homogeneity test.",
        description = {
            "",
            "Compare two jcstress result blobs, test by test: outcomes that appeared or vanished, and a",
            "chi-square test of homogeneity of each test's outcome distribution (statistic, df, p-value,",
            "Cramer's V; Bonferroni-corrected over the tests compared).",
            "Exit 1 when a FORBIDDEN outcome appears in B that A never had, 0 otherwise, 2 on bad input."
        })
public final class DiffCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "A", description = "[HOST[:RUN]=]FILE: the baseline blob")
    String a;

    @Parameters(index = "1", paramLabel = "B", description = "[HOST[:RUN]=]FILE: the blob compared with it")
    String b;

    @Option(names = "--alpha", defaultValue = "0.01",
            description = "family-wise significance level for 'changed' (default: ${DEFAULT-VALUE})")
    double alpha;

    @Mixin
    GradingOptions grading = new GradingOptions();

    @Override
    public Integer call() {
        RunDiff d = RunDiff.of(load(a).view(), load(b).view(), alpha);
        System.out.print(d.render());
        System.out.flush();
        return d.newForbidden().isEmpty() ? 0 : 1;
    }

    private Report load(String spec) {
        return grading.builder().blob(BlobInput.parse(spec)).build();
    }
}
