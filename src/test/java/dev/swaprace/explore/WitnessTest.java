package dev.swaprace.explore;

import dev.swaprace.mm.Variant;
import dev.swaprace.scenario.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Witnesses: they replay to their outcome every time, their schedules round-trip, their timelines read. */
class WitnessTest {

    @ParameterizedTest
    @EnumSource(Variant.class)
    void everyWitnessReplaysToItsOutcomeOnRealThreads(Variant v) {
        Result r = Explorer.explore(new ScenarioSubject(Scenario.SWAPIN_VS_PUNCH_CHARGE_FAILS, v),
                Explorer.Options.defaults());
        for (Result.Reached x : r.outcomes()) {
            String text = x.schedule().toString();
            Schedule parsed = Schedule.parse(text, ScenarioSubject::byId);
            assertThat(parsed.toString()).isEqualTo(text);
            assertThat(parsed.length()).isEqualTo(x.witness().steps());
            for (int i = 0; i < 5; i++) {
                assertThat(Explorer.replay(parsed, Explorer.DEFAULT_MAX_STEPS).outcome()).as("replay %d of %s", i, text)
                        .isEqualTo(x.outcome());
            }
        }
    }

    @Test
    void theL7TimelineShowsTheTrylockFailingWhileSwapinHoldsThePage() {
        // V58A: after 14235ab36019, before 5.8's charge at instantiation (V58 adds +SWAP_UNDERCOUNT)
        Result r = Explorer.explore(new ScenarioSubject(Scenario.SWAPIN_VS_PUNCH, Variant.V58A),
                Explorer.Options.defaults());
        Result.Reached strand = r.outcome("LEAKED_UNTIL_RECLAIM:STRAND@SWAPIN;S=HOLE");
        assertThat(strand).isNotNull();
        String t = Timeline.render(r.subject(), strand.witness());
        assertThat(t)
                .contains("S (swapin)").contains("P (hole punch)")
                .contains("S.4       PageSwapCache && page_private == E &&")
                .contains("P.try     __try_to_reclaim_swap(): trylock_page(page)")
                .contains("fails: page locked by SWAPIN")
                .contains("S.9       shmem_add_to_page_cache(expected=SWAP(E))")
                .contains("-> -EEXIST")
                .contains("-> no delete_from_swap_cache")
                .contains("swap_map[0] = 0x40 (SWAP_HAS_CACHE only)")
                .contains("outcome:   LEAKED_UNTIL_RECLAIM:STRAND@SWAPIN;S=HOLE")
                .contains("schedule:  SwapinVsPunch@V58A:");
        // P's steps sit in the second column, after S's
        String pTry = t.lines().filter(l -> l.contains("P.try")).findFirst().orElseThrow();
        assertThat(pTry.indexOf("P.try")).isGreaterThan(50);
        System.out.println(t);
    }

    @Test
    void choicesRoundTripAndBranch() {
        // the charge-failure scenario fixes a failing charge; every choice also lets it succeed
        Subject s = new ScenarioSubject(Scenario.SWAPIN_VS_PUNCH_CHARGE_FAILS, Variant.V57);
        Result all = Explorer.explore(s, Explorer.Options.defaults().withAllChoices(true));
        Result fixed = Explorer.explore(s, Explorer.Options.defaults());
        assertThat(DporSoundnessTest.outcomes(all)).containsAll(DporSoundnessTest.outcomes(fixed));
        Result.Reached succeeding = all.outcome("ACCEPTABLE:OK_FREED;S=DATA");
        assertThat(succeeding).as("with the charge succeeding, the reader gets its data before the punch frees the page").isNotNull();
        assertThat(DporSoundnessTest.outcomes(fixed)).doesNotContain("ACCEPTABLE:OK_FREED;S=DATA");
        assertThat(succeeding.schedule().toString()).contains(":S.charge0=ok");
        Schedule back = Schedule.parse(succeeding.schedule().toString(), ScenarioSubject::byId);
        assertThat(Explorer.replay(back, Explorer.DEFAULT_MAX_STEPS).outcome()).isEqualTo(succeeding.outcome());
        assertThat(all.assignments()).isGreaterThan(1);
    }

    @Test
    void aScheduleThatDoesNotFitIsRefusedWithAReason() {
        assertThatThrownBy(() -> Schedule.parse("Nope@V58:S", ScenarioSubject::byId))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no scenario named 'Nope'");
        assertThatThrownBy(() -> Schedule.parse("SwapinVsPunch@V99:S", ScenarioSubject::byId))
                .hasMessageContaining("no variant named 'V99'");
        assertThatThrownBy(() -> Schedule.parse("SwapinVsPunch@V58:X*3", ScenarioSubject::byId))
                .hasMessageContaining("no actor 'X'");
        Schedule tooShort = Schedule.parse("SwapinVsPunch@V58:S*3", ScenarioSubject::byId);
        assertThatThrownBy(() -> Explorer.replay(tooShort, Explorer.DEFAULT_MAX_STEPS))
                .hasMessageContaining("not a complete schedule");
        Schedule wrong = Schedule.parse("SwapinVsPunch@V58:P*20", ScenarioSubject::byId);
        assertThatThrownBy(() -> Explorer.replay(wrong, Explorer.DEFAULT_MAX_STEPS))
                .hasMessageContaining("the schedule does not fit");
    }
}
