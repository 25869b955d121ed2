package dev.swaprace.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.swaprace.campaign.HuntSettings.Compile;
import dev.swaprace.campaign.HuntSettings.Setting;
import dev.swaprace.campaign.HuntTally.RoundStatus;
import dev.swaprace.report.ReportView.TestView;
import dev.swaprace.results.TestViews;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** What a hunt collects over rounds, and hunt.json / the summary made of it. */
class HuntTallyTest {
    private static final String V58 = "dev.swaprace.stress.SwapinVsPunch.V58";
    private static final String V57 = "dev.swaprace.stress.SwapinVsPunch.V57";
    private static final String OK = "ACCEPTABLE:OK_FREED;S=HOLE";
    private static final String L7 = "LEAKED_UNTIL_RECLAIM:STRAND@SWAPIN+SWAP_UNDERCOUNT;S=HOLE";
    private static final String PRE = "LEAKED_UNTIL_RECLAIM:STRAND@SWAPIN_PRECHECK;S=HOLE";
    private static final String BUG = "FORBIDDEN:BUG_SWAP_LEAK;S=HOLE";

    private final List<Setting> settings = List.of(new Setting(null, "HARD", "LOCAL", Compile.TIERED),
            new Setting("S.6=100", "HARD", "LOCAL", Compile.TIERED));
    private final List<Pattern> targets = List.of(Pattern.compile("^LEAKED_UNTIL_RECLAIM:STRAND@SWAPIN[+;]"),
            Pattern.compile("^FORBIDDEN:"));

    private static TestView test(String name, Object... idCount) {
        return TestViews.of(name, idCount);
    }

    private HuntTally threeRounds() {
        HuntTally t = new HuntTally(targets, settings, List.of(V58, V57));
        // round 1, setting 1: only the precheck window, which the target must not match
        assertThat(t.add(1, 1, 0, 20, RoundStatus.OK, "rounds/001", List.of(
                test(V58, OK, 900L, PRE, 100L),
                test(V57, OK, 500L)))).isEmpty();
        // round 2, setting 2: the L7 stranding in V58
        assertThat(t.add(2, 2, 20, 18, RoundStatus.OK, "rounds/002", List.of(
                test(V58, OK, 1990L, L7, 10L),
                test(V57, OK, 400L)))).containsExactly(0);
        // round 3, setting 1: L7 again, and a FORBIDDEN outcome in V57
        assertThat(t.add(3, 1, 38, 21, RoundStatus.PARTIAL, "rounds/003", List.of(
                test(V58, OK, 995L, L7, 5L),
                test(V57, OK, 299L, BUG, 1L)))).containsExactly(1);
        return t;
    }

    @Test
    void firstObservationIsRoundGranularPerTargetAndPerSetting() {
        HuntTally t = threeRounds();
        assertThat(t.allHit()).isTrue();
        HuntTally.FirstHit l7 = t.first(0);
        assertThat(l7.round()).isEqualTo(2);
        assertThat(l7.setting()).isEqualTo(2);
        assertThat(l7.test()).isEqualTo(V58);
        assertThat(l7.outcome()).isEqualTo(L7);
        assertThat(l7.testSamplesBefore()).isEqualTo(1000);
        assertThat(l7.testSamplesThrough()).isEqualTo(3000);
        assertThat(l7.huntSamplesThrough()).isEqualTo(1000 + 500 + 2000 + 400);
        assertThat(l7.wallSeconds()).isEqualTo(38.0);
        assertThat(t.first(1).test()).isEqualTo(V57);
        assertThat(t.first(1).round()).isEqualTo(3);

        assertThat(t.settingFirst(1, 0)).isEqualTo(new HuntTally.SettingFirst(2, 0, 2400));
        // setting 1 had 1,500 samples before its round 3 (round 1), 2,800 after it
        assertThat(t.settingFirst(0, 0)).isEqualTo(new HuntTally.SettingFirst(3, 1500, 2800));
        assertThat(t.samplesOf(0)).isEqualTo(2800);
        assertThat(t.hitsOf(0, 0)).isEqualTo(5);
        assertThat(t.rate(0, 0).perMillion()).isCloseTo(5e6 / 2800, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(t.totalHits(0)).isEqualTo(15);
        assertThat(t.forbidden()).containsExactly(new HuntTally.Forbidden(V57, BUG, 3, 1));
    }

    @Test
    void huntJsonHasTheDocumentedShape(@TempDir Path dir) throws Exception {
        HuntTally t = threeRounds();
        Path file = dir.resolve("hunt.json");
        HuntOutput.Header h = new HuntOutput.Header("2026-01-01T00:00:00Z", HuntTally.State.FINISHED, 600, 100, 2, 59.04,
                List.of("SKIPPED 1 test needs 3 CPUs (one per actor), 2 available: SwapinVsPunchVsReclaim.V58"),
                List.of("-c", "2"));
        HuntOutput.writeJson(t, file, h);
        JsonNode doc = new ObjectMapper().readTree(file.toFile());
        assertThat(doc.get("schema").asInt()).isEqualTo(HuntOutput.SCHEMA);
        assertThat(doc.fieldNames().next()).as("the version comes first").isEqualTo("schema");
        assertThat(doc.get("state").asText()).isEqualTo("finished");
        assertThat(doc.get("elapsedSeconds").asDouble()).isEqualTo(59.0);
        assertThat(doc.get("totalSamples").asLong()).isEqualTo(5200);
        assertThat(doc.get("skipped")).hasSize(1);
        JsonNode target = doc.get("targets").get(0);
        assertThat(target.get("hit").asBoolean()).isTrue();
        assertThat(target.get("first").get("testSamplesThrough").asLong()).isEqualTo(3000);
        assertThat(doc.get("targets").get(1).get("first").get("outcome").asText()).isEqualTo(BUG);
        JsonNode s2 = doc.get("settings").get(1);
        assertThat(s2.get("delays").asText()).isEqualTo("S.6=100");
        assertThat(s2.get("rounds").asInt()).isEqualTo(1);
        JsonNode rate = s2.get("rates").get(0);
        assertThat(rate.get("hits").asLong()).isEqualTo(10);
        assertThat(rate.get("samples").asLong()).isEqualTo(2400);
        assertThat(rate.get("method").asText()).isEqualTo(HuntRate.EXACT);
        assertThat(rate.get("first").get("round").asInt()).isEqualTo(2);
        // a per-test rate row follows the all-tests one when the hunt has several tests
        assertThat(s2.get("rates").get(1).get("test").asText()).isEqualTo(V58);
        JsonNode zero = doc.get("settings").get(1).get("rates").findValues("method").stream()
                .filter(m -> m.asText().equals(HuntRate.RULE_OF_THREE)).findFirst().orElseThrow();
        assertThat(zero).isNotNull();
        assertThat(doc.get("forbidden").get(0).get("count").asLong()).isEqualTo(1);
        JsonNode r3 = doc.get("rounds").get(2);
        assertThat(r3.get("status").asText()).isEqualTo("partial");
        assertThat(r3.get("dir").asText()).isEqualTo("rounds/003");
        assertThat(r3.get("tests").get(0).get("targetHits").get(0).asLong()).isEqualTo(5);
        assertThat(r3.get("tests").get(1).get("outcomes").get(BUG).asLong()).isEqualTo(1);

        // rewritten in place after every round: the next write replaces it whole
        t.add(4, 2, 59, 10, RoundStatus.OK, "rounds/004", List.of(test(V58, OK, 10L)));
        HuntOutput.writeJson(t, file, h);
        assertThat(new ObjectMapper().readTree(file.toFile()).get("rounds")).hasSize(4);
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("hunt.json");
        }
    }

    @Test
    void summaryNamesFirstObservationsRatesAndForbiddenOutcomes() {
        HuntTally t = threeRounds();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        HuntOutput.summary(t, new PrintStream(buf, true, StandardCharsets.UTF_8), new HuntOutput.Header("now", HuntTally.State.FINISHED, 600,
                100, 2, 59, List.of(), List.of()));
        String s = buf.toString(StandardCharsets.UTF_8);
        assertThat(s).contains("Hunt finished after 0:59: 3 rounds, 5,200 samples, 2 of 2 targets hit")
                .contains("first in round 2 (setting 2: delays=S.6=100 spin=HARD af=LOCAL compile=tiered)")
                .contains("after 1,000 < samples <= 3,000 of that test")
                .contains("first seen in round 3: after 1,500 < samples <= 2,800 of this setting")
                .contains("FORBIDDEN outcomes observed:")
                .contains("SwapinVsPunch.V57  " + BUG + "  1 (first in round 3)");
    }
}
