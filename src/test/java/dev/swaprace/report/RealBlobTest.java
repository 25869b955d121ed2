package dev.swaprace.report;

import dev.swaprace.report.ReportView.Row;
import dev.swaprace.report.ReportView.State;
import dev.swaprace.report.ReportView.TestView;
import dev.swaprace.results.BlobInput;
import dev.swaprace.results.RunInfo;
import dev.swaprace.results.TestNaming;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openjdk.jcstress.infra.collectors.DiskReadCollector;
import org.openjdk.jcstress.infra.collectors.InProcessCollector;
import org.openjdk.jcstress.infra.collectors.TestResult;
import org.openjdk.jcstress.infra.grading.GradingResult;
import org.openjdk.jcstress.infra.grading.ReportUtils;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads a blob written by a real jcstress run of the fixture suite and checks every count,
 * expectation and test label against jcstress's own text report of the same blob ({@code -p}),
 * and the grading against jcstress's own {@code TestGrading}.
 */
class RealBlobTest {

    static final String FIX = "dev.swaprace.report.fixtures.";
    static FixtureBlobs.Fixture fixture;
    static Report report;

    @BeforeAll
    static void read() {
        fixture = FixtureBlobs.get();
        report = Report.builder().naming(new TestNaming(FIX + "Fake")).blob(BlobInput.of(fixture.blob())).build();
    }

    @Test
    void everyCountMatchesJcstressOwnTextReport() {
        Map<String, JcstressTextReport.TestBlock> jc = JcstressTextReport.parse(fixture.textReport());
        Map<String, TestView> ours = report.view().byName();
        assertThat(jc.keySet()).isNotEmpty().isEqualTo(ours.keySet());
        for (Map.Entry<String, JcstressTextReport.TestBlock> e : jc.entrySet()) {
            TestView t = ours.get(e.getKey());
            assertThat(t.state().label()).as(e.getKey()).isEqualTo(e.getValue().label());
            if (t.samples() == 0) {
                // jcstress prints no table for a test without samples (ForeignThrows)
                assertThat(e.getValue().counts()).isEmpty();
                continue;
            }
            Map<String, Long> counts = new TreeMap<>();
            Map<String, String> expects = new TreeMap<>();
            for (Row r : t.rows()) {
                counts.put(r.id(), r.count());
                expects.put(r.id(), r.expect().toString());
            }
            assertThat(counts).as(e.getKey()).isEqualTo(new TreeMap<>(e.getValue().counts()));
            assertThat(expects).as(e.getKey()).isEqualTo(new TreeMap<>(e.getValue().expects()));
            assertThat(t.samples()).isEqualTo(e.getValue().counts().values().stream().mapToLong(Long::longValue).sum());
        }
    }

    @Test
    void gradingAgreesWithJcstressTestGrading() throws Exception {
        InProcessCollector c = new InProcessCollector();
        DiskReadCollector d = new DiskReadCollector(fixture.blob().toString(), c);
        d.dump();
        d.close();
        List<TestResult> merged = ReportUtils.mergedByName(c.getTestResults());
        Map<String, TestView> ours = report.view().byName();
        long total = 0;
        for (TestResult r : merged) {
            Map<String, String> theirs = new HashMap<>();
            for (GradingResult g : r.grading().gradingResults.values()) {
                theirs.put(g.id, g.expect + " " + g.count + " " + g.description);
            }
            Map<String, String> mine = new HashMap<>();
            for (Row row : ours.get(r.getName()).rows()) {
                mine.put(row.id(), row.expect() + " " + row.count() + " " + row.description());
            }
            assertThat(mine).as(r.getName()).isEqualTo(theirs);
            assertThat(ours.get(r.getName()).state().label()).isEqualTo(ReportUtils.statusToLabel(r));
            total += r.getTotalCount();
        }
        assertThat(report.view().samples()).isEqualTo(total);
    }

    @Test
    void foreignAndSwapraceTestsAreTold() {
        Map<String, TestView> t = report.view().byName();
        assertThat(t.get(FIX + "ForeignRacyCounter").swaprace()).isFalse();
        assertThat(t.get(FIX + "ForeignRacyCounter").rows()).extracting(Row::verdict).containsOnly("Acceptable", "Interesting");
        TestView v57 = t.get(FIX + "FakeSwapinVsPunch.V57");
        assertThat(v57.scenarioVariant()).hasValueSatisfying(sv -> {
            assertThat(sv.scenario()).isEqualTo("SwapinVsPunch");
            assertThat(sv.variant()).isEqualTo("V57");
        });
        assertThat(v57.state()).isEqualTo(State.FAILED);
        assertThat(v57.rows()).filteredOn(r -> r.id().startsWith("LEAKED"))
                .allSatisfy(r -> {
                    assertThat(r.verdict()).isEqualTo("LEAKED_UNTIL_RECLAIM");
                    assertThat(r.code()).isEqualTo("STRAND");
                    assertThat(r.kind()).isEqualTo("INTERESTING");
                    assertThat(r.grade()).isEqualTo(dev.swaprace.check.Verdict.LEAKED_UNTIL_RECLAIM);
                });
        assertThat(t.get(FIX + "ForeignThrows").state()).isEqualTo(State.ERROR);
        assertThat(t.get(FIX + "ForeignFailing").problems()).anyMatch(p -> p.startsWith("FORBIDDEN outcome observed"));
        // a 3-actor test cannot run on 2 CPUs: jcstress leaves it out of the blob
        assertThat(t).doesNotContainKey(FIX + "ForeignThreeActors");
    }

    @Test
    void zeroCountsGetTheRuleOfThreeBound() {
        TestView t = report.view().byName().get(FIX + "ForeignFailing");
        Row declared = t.rows().stream().filter(r -> r.id().equals("2")).findFirst().orElseThrow();
        assertThat(declared.count()).isZero();
        assertThat(declared.upperPerMillion()).isEqualTo(3e6 / t.samples());
    }

    @Test
    void runEnvironmentIsRecorded() {
        RunInfo run = report.view().runs().get(0);
        assertThat(run.environment()).containsKeys("java.version", "os.name");
        assertThat(run.flags()).containsEntry("iters", "1").containsKey("strideSize");
        assertThat(run.cpus()).isNotEmpty();
        assertThat(run.sha256()).hasSize(64);
        assertThat(run.run()).matches("\\d{4}-\\d{2}-\\d{2}-.*");
    }
}
