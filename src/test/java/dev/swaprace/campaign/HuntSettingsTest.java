package dev.swaprace.campaign;

import dev.swaprace.campaign.HuntSettings.Compile;
import dev.swaprace.campaign.HuntSettings.Setting;
import dev.swaprace.scenario.Scenario;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hunt's settings matrix and what each setting passes to jcstress. */
class HuntSettingsTest {

    @Test
    void matrixIsEveryCombinationWithDelaysVaryingFastest() {
        List<String> delays = Arrays.asList(null, "S.6=100");
        List<Setting> m = HuntSettings.matrix(delays, List.of("THREAD_SPIN_WAIT", "HARD"), List.of("LOCAL"),
                List.of(Compile.TIERED, Compile.INT));
        assertThat(m).hasSize(8);
        assertThat(m.get(0)).isEqualTo(new Setting(null, "THREAD_SPIN_WAIT", "LOCAL", Compile.TIERED));
        assertThat(m.get(1)).isEqualTo(new Setting("S.6=100", "THREAD_SPIN_WAIT", "LOCAL", Compile.TIERED));
        assertThat(m.get(2)).isEqualTo(new Setting(null, "HARD", "LOCAL", Compile.TIERED));
        assertThat(m.get(7)).isEqualTo(new Setting("S.6=100", "HARD", "LOCAL", Compile.INT));
        assertThat(m).doesNotHaveDuplicates();
    }

    @Test
    void settingPassesEverythingToJcstressInOneJvmConfiguration() {
        Setting s = new Setting("S.6=100,P.try=5-10", "HARD", "NONE", Compile.C1);
        assertThat(s.jcstressOptions(3)).containsExactly("-spinStyle", "HARD", "-af", "NONE", "-sc", "false",
                "-jvmArgs", "-Dswaprace.hunt.setting=3 -Dswaprace.delays=S.6=100,P.try=5-10 -XX:TieredStopAtLevel=1");
        assertThat(s.label()).isEqualTo("delays=S.6=100,P.try=5-10 spin=HARD af=NONE compile=c1");

        Setting off = new Setting(null, "THREAD_SPIN_WAIT", "LOCAL", Compile.SPLIT);
        assertThat(off.jcstressOptions(1)).containsExactly("-spinStyle", "THREAD_SPIN_WAIT", "-af", "LOCAL",
                "-sc", "true", "-jvmArgs", "-Dswaprace.hunt.setting=1");
        assertThat(off.label()).startsWith("delays=off ");
        assertThat(new Setting(null, "HARD", "LOCAL", Compile.C2STRESS).jcstressOptions(2).get(7))
                .contains("-XX:-TieredCompilation").contains("-XX:+StressGCM");
    }

    @Test
    void delaysAreCheckedNormalizedAndDeduplicated() {
        assertThat(HuntSettings.delays(List.of("off", "S.6 = 100", "S.6=100", "OFF")))
                .containsExactly(null, "S.6=100");
        assertThatThrownBy(() -> HuntSettings.delays(List.of("S.99=1")))
                .hasMessageContaining("--delays 'S.99=1'").hasMessageContaining("unknown race point");
        assertThatThrownBy(() -> HuntSettings.delays(List.of("S.6=9-1"))).hasMessageContaining("MIN <= MAX");
    }

    @Test
    void defaultDelaysFollowTheSelectedScenariosActors() {
        assertThat(HuntSettings.defaultDelays(List.of(Scenario.SWAPIN_VS_PUNCH), null))
                .containsExactly(null, HuntSettings.SWAPIN_WINDOW);
        assertThat(HuntSettings.defaultDelays(List.of(Scenario.byClassName("ReadaheadVsPunch")), null))
                .containsExactly(null, HuntSettings.IO_WINDOW);
        assertThat(HuntSettings.defaultDelays(List.of(Scenario.byClassName("PunchVsReclaim")), "Rc.lock=50"))
                .containsExactly(null, "Rc.lock=50");
    }

    @Test
    void choicesAreJcstressValues() {
        assertThat(HuntSettings.choices("--spin-style", List.of("hard", "HARD", "thread_yield"), HuntSettings.SPIN_STYLES))
                .containsExactly("HARD", "THREAD_YIELD");
        assertThatThrownBy(() -> HuntSettings.choices("--affinity", List.of("BOTH"), HuntSettings.AFFINITIES))
                .hasMessage("--affinity: unknown value 'BOTH' (known: LOCAL, GLOBAL, NONE)");
        assertThat(HuntSettings.compiles(List.of("C2", "split", "c2"))).containsExactly(Compile.C2, Compile.SPLIT);
        assertThatThrownBy(() -> HuntSettings.compiles(List.of("jit"))).hasMessageStartingWith("--compile: unknown mode 'jit'");
    }

    @Test
    void roundDurations() {
        Duration min = Duration.ofMillis(10);
        Duration max = Duration.ofMillis(Integer.MAX_VALUE);
        assertThat(HuntPlan.duration("--round", "250ms", min, max).toMillis()).isEqualTo(250);
        assertThat(HuntPlan.duration("--round", "5s", min, max).toMillis()).isEqualTo(5000);
        assertThat(HuntPlan.duration("--round", "2m", min, max).toMillis()).isEqualTo(120_000);
        assertThat(HuntPlan.duration("--round", "1m30s", min, max).toMillis()).isEqualTo(90_000);
        for (String bad : List.of("5", "1.5s", "", "s", "-1s", "5ms5s")) {
            assertThatThrownBy(() -> HuntPlan.duration("--round", bad, min, max))
                    .hasMessageStartingWith("--round: bad duration '" + bad + "'");
        }
        assertThatThrownBy(() -> HuntPlan.duration("--round", "5ms", min, max))
                .hasMessage("--round '5ms': must be at least 10ms and at most 2147483647ms");
        assertThatThrownBy(() -> HuntPlan.duration("--round", "600h", min, max))
                .hasMessageStartingWith("--round '600h': must be at least 10ms");
    }
}
