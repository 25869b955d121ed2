package dev.swaprace.cli;

import dev.swaprace.campaign.JcstressLoop;
import dev.swaprace.report.Report;
import dev.swaprace.report.ReportView;
import dev.swaprace.results.BlobInput;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CI smoke run: {@code swaprace run --config stress-configs/ci.yaml} on the built shaded jar,
 * a real jcstress run. Fails unless every test the configuration selects ran with samples and
 * passed, and the run exited 0 with its closing line.
 */
class RunCiConfigIT {
    private static final long LIMIT_SECONDS = 240;

    @Test
    void ciConfigRunsEveryExpectedTestOnTheBuiltJar() throws Exception {
        Path base = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
        Path config = base.resolve("stress-configs/ci.yaml");
        Path out = base.resolve("target/ci-run");
        JarRun.deleteRecursively(out);

        JarRun run = JarRun.swaprace("ci-run", "run", "--config", config.toString(), "--out", out.toString());
        int code = run.await(LIMIT_SECONDS);
        List<String> lines = run.lines;

        List<String> expected = JarRun.expectedTests(config);
        assertThat(code).as("exit status of swaprace run").isZero();
        assertThat(lines).contains(expected.size() + " passed, 0 failed");

        Path blob = JcstressLoop.blobs(out).stream().reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no result blob in " + out));
        // graded by the suite jar's TestList (the test classpath also holds the report fixtures')
        Map<String, ReportView.TestView> ran = Report.builder().blob(BlobInput.of(blob))
                .suite(Path.of("target/jcstress.jar")).build().view().byName();
        for (String test : expected) {
            assertThat(ran).as("tests in the result blob").containsKey(test);
            assertThat(ran.get(test).samples()).as("samples of %s", test).isPositive();
            assertThat(ran.get(test).state()).as("status of %s", test).isEqualTo(ReportView.State.OK);
        }
        assertThat(out.resolve("html/index.html")).as("jcstress HTML report").exists();
    }
}
