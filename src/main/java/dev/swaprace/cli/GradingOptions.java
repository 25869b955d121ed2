package dev.swaprace.cli;

import dev.swaprace.report.Report;
import dev.swaprace.results.TestNaming;
import dev.swaprace.suite.StressSuite;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** How report and diff grade and name tests: extra suites' TestLists and the swaprace test prefix. */
final class GradingOptions {

    @Option(names = "--suite", paramLabel = "JAR|DIR",
            description = "a jcstress suite jar or class directory whose TestList grades the blob's tests (repeatable)")
    List<Path> suites = new ArrayList<>();

    @Option(names = "--test-prefix", paramLabel = "PREFIX", defaultValue = StressSuite.PACKAGE + ".",
            description = "name prefix of swaprace tests, <PREFIX><Scenario>.<Variant> (default: ${DEFAULT-VALUE})")
    String prefix;

    /** A report builder with these options applied. */
    Report.Builder builder() {
        Report.Builder b = Report.builder().naming(new TestNaming(prefix));
        suites.forEach(b::suite);
        return b;
    }
}
