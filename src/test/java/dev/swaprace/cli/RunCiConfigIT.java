package dev.swaprace.cli;

import dev.swaprace.mm.Variant;
import dev.swaprace.report.BlobInput;
import dev.swaprace.report.JcstressBlob;
import dev.swaprace.report.Report;
import dev.swaprace.report.ReportView;
import dev.swaprace.scenario.Scenario;
import dev.swaprace.stress.StressSuite;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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
        Path jar = base.resolve("target/jcstress.jar");
        Path config = base.resolve("stress-configs/ci.yaml");
        Path out = base.resolve("target/ci-run");
        assertThat(jar).as("the shaded suite jar (mvn package)").exists();
        deleteRecursively(out);

        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", jar.toString(), "dev.swaprace.cli.Main", "run", "--config", config.toString(),
                "--out", out.toString());
        Process p = new ProcessBuilder(cmd).directory(base.toFile()).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    System.out.println("[ci-run] " + line);
                    lines.add(line);
                }
            } catch (IOException e) {
                // process gone
            }
        });
        pump.start();
        if (!p.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("swaprace run --config ci did not finish in " + LIMIT_SECONDS + " s");
        }
        pump.join(10_000);

        StressConfig c = StressConfig.load(config, "ci.yaml");
        List<String> expected = new ArrayList<>();
        for (Scenario s : c.selectedScenarios(c.scenarios())) {
            for (Variant v : c.variants()) {
                expected.add(StressSuite.testName(s, v));
            }
        }
        assertThat(expected).as("ci.yaml selects tests").isNotEmpty();
        assertThat(p.exitValue()).as("exit status of swaprace run").isZero();
        assertThat(lines).contains(expected.size() + " passed, 0 failed");

        Path blob = JcstressBlob.latest(out).orElseThrow(() -> new AssertionError("no result blob in " + out));
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

    private static void deleteRecursively(Path root) throws IOException {
        if (Files.exists(root)) {
            try (var paths = Files.walk(root)) {
                for (Path q : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(q);
                }
            }
        }
    }
}
