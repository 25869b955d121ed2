package dev.swaprace.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code swaprace explore} as a user runs it. */
class ExploreCommandTest {

    @Test
    void printsTheVariantDiffAndWritesJson(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("explore.json");
        CliRun r = CliRun.of("explore", "-s", "SwapinVsPunch", "--naive", "--witness", "STRAND@SWAPIN;", "-v", "V58A",
                "-v", "V57", "--json", json.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("== SwapinVsPunch").contains("V57").contains("V58A")
                .contains("LEAKED_UNTIL_RECLAIM:STRAND@SWAPIN;S=HOLE").contains("<- differs")
                .contains("schedules without reduction").contains("reduction (without / with)")
                .contains("P (hole punch)");
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertThat(doc.get("schema").asInt()).isEqualTo(1);
        assertThat(doc.get("results")).hasSize(2);
        JsonNode v58 = doc.get("results").get(0);
        assertThat(v58.get("scenario").asText()).isEqualTo("SwapinVsPunch");
        assertThat(v58.get("variant").asText()).isEqualTo("V58A");
        assertThat(v58.get("schedules").asLong()).isPositive();
        assertThat(v58.get("naiveSchedules").bigIntegerValue()).isPositive();
        JsonNode strand = null;
        for (JsonNode o : v58.get("outcomes")) {
            if (o.get("outcome").asText().equals("LEAKED_UNTIL_RECLAIM:STRAND@SWAPIN;S=HOLE")) {
                strand = o;
            }
        }
        assertThat(strand).isNotNull();
        assertThat(strand.get("verdict").asText()).isEqualTo("LEAKED_UNTIL_RECLAIM");
        assertThat(strand.get("code").asText()).isEqualTo("STRAND");
        String schedule = strand.get("witness").get("schedule").asText();
        assertThat(strand.get("witness").get("timeline").asText()).contains("trylock_page");

        CliRun replay = CliRun.of("explore", "--replay", schedule, "--repeat", "3");
        assertThat(replay.code()).as(replay.err()).isZero();
        assertThat(replay.out())
                .contains("replayed 3 times on real threads: LEAKED_UNTIL_RECLAIM:STRAND@SWAPIN;S=HOLE every time");
    }

    @Test
    void badInputIsOneLineAndExitCodeTwo() {
        for (String[] args : new String[][] {
            {"explore", "-s", "NoSuchScenario"},
            {"explore", "-v", "V60"},
            {"explore", "--witness", "(["},
            {"explore", "--max-steps", "0"},
            {"explore", "--replay", "SwapinVsPunch@V58:Q*2"},
            {"explore", "--replay", "garbage"},
        }) {
            CliRun r = CliRun.of(args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
            String firstLine = r.err().lines().findFirst().orElse("");
            assertThat(firstLine).startsWith("swaprace: ");
            assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
        }
        assertThat(CliRun.of("explore", "-s", "NoSuchScenario").err()).contains("--scenario").contains("NoSuchScenario");
        assertThat(CliRun.of("explore", "-v", "V60").err()).contains("--variant").contains("V60");
    }

    @Test
    void aMutantIsExploredBesideItsBaseVariant(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("mutant.json");
        CliRun r = CliRun.of("explore", "--mutant", "no_cancel_charge", "--witness", "^FORBIDDEN", "--json",
                json.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("== SwapinVsPunch").contains("seeded bug NO_CANCEL_CHARGE on V58A")
                .containsPattern("FORBIDDEN:BUG_CHARGE_LEAK;S=HOLE +· +✓   <- differs")
                .contains("!! SwapinVsPunch@V58A+NO_CANCEL_CHARGE reaches a FORBIDDEN outcome")
                .contains("schedule:  SwapinVsPunch@V58A+NO_CANCEL_CHARGE:");
        // the report joins explorer results by variant: the mutant's is not the real V58A's
        JsonNode results = new ObjectMapper().readTree(json.toFile()).get("results");
        assertThat(results.get(0).get("variant").asText()).isEqualTo("V58A");
        assertThat(results.get(1).get("variant").asText()).isEqualTo("V58A+NO_CANCEL_CHARGE");
        assertThat(results.get(1).get("mutant").asText()).isEqualTo("NO_CANCEL_CHARGE");
        CliRun bad = CliRun.of("explore", "--mutant", "NO_CANCEL_CHARGE", "-v", "V58");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).startsWith("swaprace: --variant: a mutant runs on its own base variant");
    }

    @Test
    void aModelExceptionIsAFindingAndTheExplorationGoesOn(@TempDir Path dir) throws Exception {
        // lock_page(NULL) after the punch freed the slot: a NullPointerException in one schedule
        Path json = dir.resolve("npe.json");
        CliRun r = CliRun.of("explore", "--mutant", "SWAPIN_NO_NULL_CHECK", "--witness",
                "MODEL_EXCEPTION", "--json", json.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern(
                        "FORBIDDEN:BUG_MODEL@MODEL_EXCEPTION.NullPointerException;S=OOPS +· +✓   <- differs")
                .contains("LEAKED_UNTIL_RECLAIM:STRAND@SWAPIN+SWAP_UNDERCOUNT;S=HOLE")
                .contains("schedule:  SwapinVsPunch@V58+SWAPIN_NO_NULL_CHECK:");
        JsonNode mutant = new ObjectMapper().readTree(json.toFile()).get("results").get(1);
        assertThat(mutant.get("complete").asBoolean()).isTrue();
        assertThat(mutant.toString()).contains("MODEL_EXCEPTION.NullPointerException").contains("ACCEPTABLE:OK_FREED;S=DATA");
    }
}
