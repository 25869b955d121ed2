package dev.swaprace.report;

import dev.swaprace.explore.Explorer;
import dev.swaprace.explore.ExplorerJson;
import dev.swaprace.explore.Result;
import dev.swaprace.explore.ScenarioSubject;
import dev.swaprace.mm.Variant;
import dev.swaprace.report.ReportView.Reach;
import dev.swaprace.report.ReportView.Row;
import dev.swaprace.report.ReportView.TestView;
import dev.swaprace.results.AtomicOutput;
import dev.swaprace.results.BlobInput;
import dev.swaprace.results.ExplorerResults;
import dev.swaprace.results.ReportException;
import dev.swaprace.results.TestNaming;
import dev.swaprace.scenario.Scenario;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The coverage join of a real blob with a hand-written explorer JSON, and the explorer's own JSON read back. */
class ExplorerJoinTest {

    static final String FIX = "dev.swaprace.report.fixtures.";
    static Path explorerJson;
    static ReportView view;

    @BeforeAll
    static void join() throws Exception {
        explorerJson = Path.of(ExplorerJoinTest.class.getResource("explorer-fixture.json").toURI());
        view = Report.builder().naming(new TestNaming(FIX + "Fake")).explorer(explorerJson)
                .blob(BlobInput.of(FixtureBlobs.get().blob())).build().view();
    }

    @Test
    void observedOutcomesAreMarkedReachableOrUnreachable() {
        TestView v58 = view.byName().get(FIX + "FakeSwapinVsPunch.V58");
        assertThat(v58.explored()).isTrue();
        Map<String, Reach> reach = new java.util.TreeMap<>();
        v58.rows().stream().filter(r -> r.count() > 0).forEach(r -> reach.put(r.id(), r.reach()));
        assertThat(reach).containsEntry("ACCEPTABLE:OK_FREED;S=HOLE", Reach.REACHABLE)
                .containsEntry("LEAKED_UNTIL_RECLAIM:STRAND@SWAPIN;S=HOLE", Reach.REACHABLE)
                // the fixture emits OK_CACHED, which the explorer says V58 cannot reach
                .containsEntry("ACCEPTABLE:OK_CACHED;S=D", Reach.UNREACHABLE);
        assertThat(v58.unreachableObserved()).containsExactly("ACCEPTABLE:OK_CACHED;S=D");
        assertThat(v58.problems()).contains(
                "observed outcome the explorer cannot reach (model or harness bug): ACCEPTABLE:OK_CACHED;S=D");
        assertThat(v58.failed()).isTrue();
        Row leaked = v58.rows().stream().filter(r -> r.id().startsWith("LEAKED")).findFirst().orElseThrow();
        assertThat(leaked.witness().schedules()).isEqualTo(12);
        assertThat(leaked.witness().witness()).contains("P.try trylock_page fails");
    }

    @Test
    void reachableOutcomesNeverObservedAreListedWithWitnessAndRuleOfThree() {
        TestView v58 = view.byName().get(FIX + "FakeSwapinVsPunch.V58");
        assertThat(v58.missing()).extracting(Row::id).containsExactly("LEAKED_UNTIL_RECLAIM:STRAND@IO;S=HOLE");
        Row m = v58.missing().get(0);
        assertThat(m.count()).isZero();
        assertThat(m.upperPerMillion()).isEqualTo(3e6 / v58.samples());
        assertThat(m.witness().witness()).startsWith("CPU 0 (swapin) | CPU 1 (punch)");
        assertThat(m.verdict()).isEqualTo("LEAKED_UNTIL_RECLAIM");
    }

    @Test
    void aForbiddenOutcomeTheExplorerReachesIsStillAFailureButNotAModelBug() {
        TestView v57 = view.byName().get(FIX + "FakeSwapinVsPunch.V57");
        assertThat(v57.unreachableObserved()).isEmpty();
        assertThat(v57.rows()).filteredOn(r -> r.id().equals("FORBIDDEN:BUG_SIGBUS;S=ENOENT"))
                .singleElement().satisfies(r -> assertThat(r.reach()).isEqualTo(Reach.REACHABLE));
        assertThat(v57.problems()).anyMatch(p -> p.startsWith("FORBIDDEN outcome observed"));
    }

    @Test
    void foreignTestsAreNotJoined() {
        TestView t = view.byName().get(FIX + "ForeignRacyCounter");
        assertThat(t.explored()).isFalse();
        assertThat(t.rows()).extracting(Row::reach).containsOnly(Reach.NOT_EXPLORED);
    }

    @Test
    void theHtmlShowsCoverageAndWitnessTimelines(@TempDir Path dir) throws Exception {
        Report r = Report.builder().naming(new TestNaming(FIX + "Fake")).explorer(explorerJson)
                .blob(BlobInput.of(FixtureBlobs.get().blob())).build();
        Path html = dir.resolve("r.html");
        r.writeHtml(html);
        String page = Files.readString(html);
        assertThat(page).contains("UNREACHABLE: model or harness bug", "reachable, never observed",
                "<table class=\"timeline\">", "P.try trylock_page fails", "&lt;b&gt;xa_cmpxchg&lt;/b&gt;")
                .doesNotContain("<b>xa_cmpxchg</b>");
    }

    @Test
    void badExplorerJsonIsOneLine(@TempDir Path dir) throws Exception {
        Path wrong = Files.writeString(dir.resolve("x.json"), "{\"schema\": 2, \"results\": []}");
        assertThatThrownBy(() -> ExplorerResults.read(wrong)).isInstanceOf(ReportException.class)
                .hasMessage(wrong + ": explorer JSON schema 2, this report reads schema 1");
        Path broken = Files.writeString(dir.resolve("y.json"), "{\"schema\": 1, \"results\": [");
        assertThatThrownBy(() -> ExplorerResults.read(broken)).isInstanceOf(ReportException.class)
                .hasMessageStartingWith(broken + ": not explorer JSON (");
    }

    /** What {@code swaprace explore --json} writes is what the report reads: every outcome with its witness. */
    @Test
    void readsTheExplorersOwnJson(@TempDir Path dir) throws Exception {
        Result r = Explorer.explore(new ScenarioSubject(Scenario.SWAPIN_VS_PUNCH, Variant.V58), Explorer.Options.defaults());
        Path json = dir.resolve("explore.json");
        AtomicOutput.write(json, ExplorerJson.of(List.of(r), Explorer.Options.defaults())::write);
        // the shape explore --json has always had: schema first, a count not taken written as null
        assertThat(Files.readString(json)).startsWith("{\n  \"schema\" : 1,\n  \"generator\" : \"swaprace explore\",")
                .contains("\"naiveSchedules\" : null,").doesNotContain("\"mutant\"");

        Map<String, ExplorerResults.Reachable> read = ExplorerResults.read(json)
                .reachable(new TestNaming.ScenarioVariant("SwapinVsPunch", "V58")).orElseThrow();
        assertThat(read.keySet()).containsExactlyInAnyOrderElementsOf(
                r.outcomes().stream().map(x -> x.outcome().toString()).toList());
        for (Result.Reached x : r.outcomes()) {
            ExplorerResults.Reachable w = read.get(x.outcome().toString());
            assertThat(w.verdict()).isEqualTo(x.outcome().verdict().name());
            assertThat(w.schedules()).isEqualTo(x.schedules());
            assertThat(w.schedule()).isEqualTo(x.schedule().toString());
            assertThat(w.witness()).startsWith("SwapinVsPunch (swapin vs punch) on V58").contains("S (swapin)");
        }
    }
}
