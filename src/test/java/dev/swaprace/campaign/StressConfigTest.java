package dev.swaprace.campaign;

import dev.swaprace.mm.Variant;
import dev.swaprace.scenario.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StressConfigTest {
    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("x.yaml"), yaml);
    }

    private static final String VALID = """
            description: test
            scenarios: [SwapinVsPunch, PunchVsReclaim]
            variants: all
            mode: quick
            flags: [-sc, "false"]
            cpus: all
            time-limit: 1h30m
            out: results/x
            """;

    @ParameterizedTest
    @ValueSource(strings = {"default", "ci", "nightly", "multicore"})
    void shippedConfigsLoad(String name) throws Exception {
        StressConfig c = StressConfig.load(Path.of("stress-configs", name + ".yaml"), name);
        assertThat(c.selectedScenarios(c.scenarios())).isNotEmpty();
        assertThat(c.variants()).isNotEmpty();
    }

    @Test
    void durationsInHoursMinutesSecondsAndMilliseconds() {
        assertThat(StressConfig.parseDuration("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(StressConfig.parseDuration("6m")).isEqualTo(Duration.ofMinutes(6));
        assertThat(StressConfig.parseDuration("90S")).isEqualTo(Duration.ofSeconds(90));
        assertThat(StressConfig.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(StressConfig.parseDuration("1s250ms")).isEqualTo(Duration.ofMillis(1250));
        for (String bad : List.of("", "0s", "5", "1.5s", "ms", "5ms1s", "99999999999999999999h")) {
            assertThatThrownBy(() -> StressConfig.parseDuration(bad)).hasMessage("bad duration '" + bad
                    + "': expected e.g. 90s, 6m, 1h30m, 500ms");
        }
    }

    @Test
    void readsEveryKey() throws Exception {
        StressConfig c = StressConfig.load(write(VALID), "x.yaml");
        assertThat(c.scenarios()).containsExactly(Scenario.SWAPIN_VS_PUNCH, Scenario.PUNCH_VS_RECLAIM);
        assertThat(c.variants()).containsExactly(Variant.values());
        assertThat(c.cpus()).isZero();
        assertThat(c.timeLimit()).isEqualTo(Duration.ofMinutes(90));
        assertThat(c.flags()).containsExactly("-sc", "false");
    }

    @Test
    void unknownKeyNamesFileLineAndKey() throws Exception {
        Path f = write(VALID + "foo: 1\n");
        assertThatThrownBy(() -> StressConfig.load(f, "stress-configs/x.yaml"))
                .hasMessageStartingWith("stress-configs/x.yaml:9: unknown key 'foo' (known keys: ");
    }

    @Test
    void unknownScenarioNamesItsLine() throws Exception {
        Path f = write(VALID.replace("PunchVsReclaim", "PunchVsNothing"));
        assertThatThrownBy(() -> StressConfig.load(f, "x.yaml"))
                .hasMessageStartingWith("x.yaml:2: unknown scenario 'PunchVsNothing' (known: SwapinAlone, ");
    }

    @Test
    void unknownVariantAndBadValues() throws Exception {
        assertThatThrownBy(() -> StressConfig.load(write(VALID.replace("variants: all", "variants: [V59]")), "x.yaml"))
                .hasMessageStartingWith("x.yaml:3: unknown variant 'V59'");
        assertThatThrownBy(() -> StressConfig.load(write(VALID.replace("1h30m", "soon")), "x.yaml"))
                .hasMessageStartingWith("x.yaml:7: bad duration 'soon'");
        assertThatThrownBy(() -> StressConfig.load(write(VALID.replace("cpus: all", "cpus: -1")), "x.yaml"))
                .hasMessageStartingWith("x.yaml:6: cpus: expected a positive number or 'all'");
    }

    @Test
    void missingKeysAreNamed() throws Exception {
        assertThatThrownBy(() -> StressConfig.load(write("scenarios: all\nvariants: all\n"), "x.yaml"))
                .hasMessage("x.yaml: missing keys 'time-limit', 'out'");
    }

    @Test
    void actorsFilterScenarios() throws Exception {
        StressConfig c = StressConfig.load(write(VALID.replace("scenarios: [SwapinVsPunch, PunchVsReclaim]",
                "scenarios: all\nactors: [3, 4]")), "x.yaml");
        assertThat(c.selectedScenarios(c.scenarios())).containsExactly(Scenario.SWAPIN_VS_PUNCH_VS_RECLAIM,
                Scenario.SWAPIN_VS_SWAPOUT_VS_PUNCH, Scenario.SWAPIN_VS_PUNCH_VS_RECLAIM_VS_CHARGER);
    }

    @Test
    void jcstressOptionsOverrideByName() {
        assertThat(JcstressOptions.override(List.of("-m", "quick", "-sc", "false", "-iters", "3", "-v"),
                List.of("-iters", "5", "-jvmArgs", "-XX:+UseG1GC")))
                .containsExactly("-m", "quick", "-sc", "false", "-iters", "5", "-v", "-jvmArgs", "-XX:+UseG1GC");
        assertThat(JcstressOptions.override(List.of("-jvmArgs", "-XX:+UseG1GC", "-iters", "3"),
                List.of("--jvmArgs", "-XX:+UseParallelGC -Xint")))
                .containsExactly("--jvmArgs", "-XX:+UseParallelGC -Xint", "-iters", "3");
    }
}
