package dev.swaprace.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swaprace.mm.Mutant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code swaprace mutants} as a user runs it: the explorer half, its table and exit codes. */
class MutantsCommandTest {

    @Test
    void theExplorerHalfKillsEveryMutantAndPrintsTheTable(@TempDir Path dir) throws Exception {
        CliRun r = CliRun.of("mutants", "--explorer-only", "-o", dir.toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        String table = r.out().substring(r.out().indexOf("\nMUTANT "));
        assertThat(table).contains("BASE").contains("SCENARIO").contains("EXPLORER").contains("JCSTRESS")
                .contains("SAMPLES").contains("KILL S");
        for (Mutant m : Mutant.values()) {
            String row = table.lines().filter(l -> l.startsWith(m.name() + " ")).findFirst().orElseThrow();
            assertThat(row).contains(m.base().name()).contains(" killed ").contains("FORBIDDEN:");
            assertThat(dir.resolve("witnesses").resolve(m.name() + ".txt")).exists();
            assertThat(r.out()).contains("  " + m.name()).contains(m.base().name() + "+" + m.name() + ":");
        }
        assertThat(r.out()).contains("explorer: " + Mutant.values().length + "/" + Mutant.values().length + " killed in")
                .contains("every mutant killed by the explorer").doesNotContain("jcstress:");
        assertThat(Files.readString(dir.resolve("summary.txt"))).contains("MUTANT ").contains("explorer: ");
        JsonNode doc = new ObjectMapper().readTree(dir.resolve("mutants.json").toFile());
        assertThat(doc.get("explorerKilled").asInt()).isEqualTo(Mutant.values().length);
        assertThat(doc.get("results")).hasSize(Mutant.values().length);
        JsonNode first = doc.get("results").get(0);
        assertThat(first.get("explorer").get("killed").asBoolean()).isTrue();
        assertThat(first.get("explorer").get("witness").asText()).contains("+" + first.get("mutant").asText() + ":");
        assertThat(first.has("jcstress")).isFalse();
    }

    @Test
    void aMutantThatSurvivesTheExplorerFailsTheRun(@TempDir Path dir) {
        // PunchVsReclaim has no swapin, so never reaches S.12, where NO_SWAPPED_DEC's bug is
        CliRun r = CliRun.of("mutants", "--explorer-only", "--mutants", "no_swapped_dec,NO_PUT_SWAP_PAGE", "--scenario",
                "PunchVsReclaim", "-o", dir.toString());
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("FAILED: survived the explorer: NO_SWAPPED_DEC")
                .containsPattern("NO_SWAPPED_DEC +V58 +PunchVsReclaim +SURVIVED")
                .containsPattern("NO_PUT_SWAP_PAGE +V58 +PunchVsReclaim +killed");
        assertThat(dir.resolve("witnesses").resolve("NO_SWAPPED_DEC.txt")).doesNotExist();
    }

    @Test
    void listNamesEveryMutantWithItsScenario() {
        CliRun r = CliRun.of("mutants", "--list");
        assertThat(r.code()).isZero();
        for (Mutant m : Mutant.values()) {
            assertThat(r.out()).contains(m.name());
        }
        assertThat(r.out()).contains("explorer only: deadlocks real threads");
    }

    @Test
    void badInputIsOneLineNamingTheArgument(@TempDir Path dir) {
        String o = dir.toString();
        assertBad(CliRun.of("mutants", "--explorer-only", "--mutants", "NOPE", "-o", o), "--mutants: no mutant named 'NOPE'");
        assertBad(CliRun.of("mutants", "--budget", "soon", "-o", o), "--budget: bad duration 'soon'");
        assertBad(CliRun.of("mutants", "--budget", "0s", "-o", o), "--budget: bad duration '0s'");
        assertBad(CliRun.of("mutants", "--require-jcstress-kill", "150", "-o", o), "--require-jcstress-kill: a percentage");
        assertBad(CliRun.of("mutants", "--explorer-only", "--require-jcstress-kill", "75", "-o", o),
                "--require-jcstress-kill needs the jcstress half");
        assertBad(CliRun.of("mutants", "--scenario", "SwapinAlone", "-o", o), "--scenario needs --explorer-only");
        assertBad(CliRun.of("mutants", "--explorer-only", "--scenario", "Nope", "-o", o), "--scenario: no scenario named");
        assertBad(CliRun.of("mutants", "-o", o, "--", "-t", "x"), "jcstress option -t is set by swaprace mutants");
        assertThat(dir.resolve("summary.txt")).doesNotExist();
    }

    private static void assertBad(CliRun r, String message) {
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err().lines().findFirst().orElse("")).startsWith("swaprace: ").contains(message);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void helpSaysWhatTheTimeToKillMeans() {
        CliRun r = CliRun.of("mutants", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("--explorer-only").contains("--budget").contains("--mutants")
                .contains("--require-jcstress-kill").contains("round-granular").contains("Exit status");
    }
}
