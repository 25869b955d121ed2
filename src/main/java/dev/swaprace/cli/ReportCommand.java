package dev.swaprace.cli;

import dev.swaprace.report.Report;
import dev.swaprace.results.BlobInput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code swaprace report BLOB...}: merge jcstress result blobs and render them. */
@Command(name = "report", mixinStandardHelpOptions = true, usageHelpWidth = 100,
        header = "Merge and grade jcstress result blobs: histograms, HTML, JSON, CSV, JUnit XML.",
        description = {
            "",
            "Read jcstress result blobs (jcstress-results-*.bin.gz, any jcstress 0.16 suite), merge them,",
            "and print the outcome histograms; optionally write HTML, JSON, CSV and JUnit XML.",
            "Exit 0 when every test passed, 1 when a test failed (forbidden/unknown outcome, error, timeout,",
            "missing expected test, outcome the explorer cannot reach), 2 on bad input."
        })
public final class ReportCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "BLOB",
            description = "[HOST[:RUN]=]FILE: a result blob, optionally labelled with its host and run")
    List<String> blobs = new ArrayList<>();

    @Option(names = "--html", paramLabel = "FILE", description = "write the self-contained HTML report")
    Path html;

    @Option(names = "--json", paramLabel = "FILE", description = "write JSON (schema: dev/swaprace/report/report.schema.json)")
    Path json;

    @Option(names = "--csv", paramLabel = "FILE", description = "write CSV, one row per host x run x test x configuration x outcome")
    Path csv;

    @Option(names = "--junit", paramLabel = "FILE", description = "write JUnit XML, one testcase per test")
    Path junit;

    @Option(names = "--explorer", paramLabel = "FILE", description = "the explorer's JSON: reachable outcomes and witnesses")
    Path explorer;

    @Mixin
    GradingOptions grading = new GradingOptions();

    @Option(names = "--expect-tests", paramLabel = "FILE",
            description = "test names the run should have, one a line: absent ones are SKIPPED when they need more CPUs "
                    + "than the run had, NOT RUN (a failure) otherwise")
    Path expectTests;

    @Option(names = "--cpus", paramLabel = "N", description = "CPUs of the machine that ran the blobs (default: inferred from the blobs)")
    int cpus;

    @Option(names = "--accept-truncated",
            description = "read a blob whose gzip stream ends early (jcstress killed by a timeout) up to the damage, "
                    + "marked TRUNCATED, instead of refusing it")
    boolean acceptTruncated;

    @Option(names = "--ascii", description = "draw bars with # instead of Unicode blocks")
    boolean ascii;

    @Option(names = {"-q", "--quiet"}, description = "print only the summary line")
    boolean quiet;

    @Override
    public Integer call() {
        Report.Builder b = grading.builder().cpus(cpus).acceptTruncated(acceptTruncated);
        blobs.forEach(s -> b.blob(BlobInput.parse(s)));
        if (explorer != null) {
            b.explorer(explorer);
        }
        if (expectTests != null) {
            b.expectTests(expectTests);
        }
        Report r = b.build();
        r.writeAll(html, json, csv, junit);
        r.renderTerminal(System.out, !ascii, quiet);
        for (Path p : new Path[] {html, json, csv, junit}) {
            if (p != null) {
                System.out.println("wrote " + p);
            }
        }
        System.out.flush();
        return r.passed() ? 0 : 1;
    }
}
