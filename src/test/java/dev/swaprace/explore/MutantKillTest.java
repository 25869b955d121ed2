package dev.swaprace.explore;

import dev.swaprace.check.Verdict;
import dev.swaprace.mm.Mutant;
import dev.swaprace.scenario.MutantCase;
import dev.swaprace.scenario.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The explorer half of the mutation campaign, in every build: the explorer kills every seeded
 * bug on its scenario with a FORBIDDEN outcome whose witness replays to it on real threads, and
 * the real base variant on the same scenario reaches no FORBIDDEN outcome (no false kill), and
 * the checks that catch each bug are the ones {@link #CAUGHT_BY} pins.
 */
class MutantKillTest {

    @ParameterizedTest
    @EnumSource(Mutant.class)
    void theExplorerKillsEveryMutantWithAWitnessThatReplays(Mutant m) {
        MutantCase c = MutantCase.of(m);
        assertThat(c.scenario().actors()).as("jcstress runs it on 2 CPUs").hasSizeLessThanOrEqualTo(2);
        MutantKill k = MutantKill.explore(c);
        // every choice branches: complete, or (SwapinVsSwapin only) cut at the choice budget
        assertThat(k.result().complete()).isNotEqualTo(c.scenario() == Scenario.SWAPIN_VS_SWAPIN);
        assertThat(k.killed()).as("%s survives %s: %s", m, c.scenario().className(), k.result().outcomes()).isTrue();
        assertThat(k.killing().outcome().verdict()).isEqualTo(Verdict.FORBIDDEN);
        assertThat(k.forbidden()).containsKey(k.killing().outcome().toString());
        Set<String> codes = new TreeSet<>();
        k.forbidden().keySet().forEach(o -> codes.add(o.split(";")[0]));
        assertThat(codes).as("the checks that catch %s (CAUGHT_BY)", m).isEqualTo(new TreeSet<>(CAUGHT_BY.get(m)));

        // the witness, as a user copies it, replays to the killing outcome every time
        Schedule s = Schedule.parse(k.schedule(), ScenarioSubject::byId);
        assertThat(s.toString()).isEqualTo(k.schedule()).startsWith(c.scenario().className() + "@" + m.base().name()
                + "+" + m.name() + ":");
        for (int i = 0; i < 3; i++) {
            assertThat(Explorer.replay(s, Explorer.DEFAULT_MAX_STEPS).outcome()).as("replay %d of %s", i, s)
                    .isEqualTo(k.killing().outcome());
        }
        assertThat(k.timeline()).contains(m.name() + " killed by " + k.killing().outcome())
                .contains("seeded bug " + m.name()).contains("outcome:   " + k.killing().outcome());

        // no false kill: the real kernel on the same scenario is graded without FORBIDDEN
        Result base = Explorer.explore(new ScenarioSubject(c.scenario(), m.base()),
                Explorer.Options.defaults().withAllChoices(true).withBudget(MutantKill.CHOICE_BUDGET));
        assertThat(base.anyForbidden()).as("%s on %s", c.scenario().className(), m.base()).isFalse();
    }

    /**
     * Which checks catch each seeded bug: the FORBIDDEN codes (verdict, code, where) of every
     * outcome the explorer reaches on the mutant, exactly. A model or checker change that makes a
     * different check fire, or an extra one, shows here; the bugs seeded for the kernel's
     * assertions, lockdep and the postconditions are each caught by their check alone.
     */
    static final Map<Mutant, Set<String>> CAUGHT_BY = Map.ofEntries(
            Map.entry(Mutant.CHECK_THEN_STORE_FREE_SWAP, Set.of("FORBIDDEN:BUG_DOUBLEFREE@SWAP_ENTRY_FREE_UNUSED")),
            Map.entry(Mutant.DEC_BEFORE_CAS, Set.of("FORBIDDEN:BUG_DATA", "FORBIDDEN:BUG_DOUBLEFREE@SWAP_ENTRY_FREE_UNUSED")),
            Map.entry(Mutant.SWAP_FREE_ON_ERROR, Set.of("FORBIDDEN:BUG_UAF_SLOT")),
            Map.entry(Mutant.NO_CANCEL_CHARGE, Set.of("FORBIDDEN:BUG_CHARGE_LEAK")),
            Map.entry(Mutant.NO_UNCHARGE_AT_FREE, Set.of("FORBIDDEN:BUG_REFCOUNT@FREE_PAGE_IN_USE")),
            Map.entry(Mutant.NO_SWAPCACHE_DELETE, Set.of("FORBIDDEN:BUG_BOTH")),
            Map.entry(Mutant.NO_SWAPPED_DEC, Set.of("FORBIDDEN:BUG_SWAPPED")),
            Map.entry(Mutant.NO_FAILED_REWRITE, Set.of("FORBIDDEN:BUG_DATA")),
            Map.entry(Mutant.NO_PUT_SWAP_PAGE, Set.of("FORBIDDEN:BUG_HAS_CACHE")),
            Map.entry(Mutant.RECLAIM_NO_FREEZE, Set.of("FORBIDDEN:BUG_REFCOUNT@PAGE_USE_AFTER_FREE",
                    "FORBIDDEN:BUG_REFCOUNT@PUT_PAGE_UNDERFLOW")),
            Map.entry(Mutant.SWAPCACHE_PREPARE_NO_EXCL, Set.of("FORBIDDEN:BUG_HAS_CACHE", "FORBIDDEN:BUG_MODEL@SWAP_CACHE_BUSY",
                    "FORBIDDEN:BUG_POSTCONDITION@SWAP_IO_ON_FREE_SLOT")),
            Map.entry(Mutant.RECLAIM_KEEPS_UNREFERENCED, Set.of("FORBIDDEN:LEAK_SURVIVES_RECLAIM")),
            Map.entry(Mutant.LOCK_PAGE_UNDER_SPINLOCK, Set.of("FORBIDDEN:BUG_SLEEP_IN_ATOMIC")),
            Map.entry(Mutant.TRY_TO_FREE_SWAP_IGNORES_WRITEBACK, Set.of("FORBIDDEN:BUG_ON@DELETE_FROM_SWAP_CACHE_WRITEBACK")),
            Map.entry(Mutant.SWAPIN_CHARGES_AFTER_READ, Set.of("FORBIDDEN:BUG_LOCKDEP@MEM_CGROUP")),
            Map.entry(Mutant.PUNCH_NO_RETRY_ON_SWAPPED_OUT, Set.of("FORBIDDEN:BUG_POSTCONDITION@PUNCH_HOLE_LEFT_ENTRY")),
            Map.entry(Mutant.SWAPCACHE_PREPARE_ON_FREE_SLOT, Set.of("FORBIDDEN:BUG_POSTCONDITION@SLOT_RESURRECTED")),
            Map.entry(Mutant.SWAPIN_NO_NULL_CHECK, Set.of("FORBIDDEN:BUG_MODEL@MODEL_EXCEPTION.NullPointerException")),
            Map.entry(Mutant.SHMEM_FREE_SWAP_USES_SWAP_FREE, Set.of("FORBIDDEN:STRAND_UNATTRIBUTED")),
            Map.entry(Mutant.READ_BEFORE_SWAPCACHE_PREPARE, Set.of("FORBIDDEN:BUG_POSTCONDITION@SWAP_IO_ON_FREE_SLOT")),
            Map.entry(Mutant.SWAPPED_DEC_WITHOUT_INFO_LOCK, Set.of("FORBIDDEN:BUG_LOCKDEP@INFO_SWAPPED")),
            Map.entry(Mutant.SWAPIN_UNLOCKS_TWICE_ON_ENOMEM, Set.of("FORBIDDEN:BUG_ON@UNLOCK_PAGE_UNLOCKED")));

    @Test
    void aMutantOnAScenarioThatCannotExposeItSurvives() {
        // PunchVsReclaim has no swapin, so never reaches S.12: a forgotten info->swapped-- is invisible there
        MutantKill k = MutantKill.explore(Mutant.NO_SWAPPED_DEC, Scenario.PUNCH_VS_RECLAIM);
        assertThat(k.killed()).isFalse();
        assertThat(k.killing()).isNull();
        assertThat(k.schedule()).isNull();
        assertThat(k.forbidden()).isEmpty();
    }

    @Test
    void theDeadlockMutantIsTheExplorersAlone() {
        MutantCase c = MutantCase.of(Mutant.LOCK_PAGE_UNDER_SPINLOCK);
        assertThat(c.explorerOnly()).contains("deadlocks real threads");
        assertThat(MutantKill.explore(c).killing().outcome().toString())
                .isIn("FORBIDDEN:BUG_SLEEP_IN_ATOMIC", "FORBIDDEN:DEADLOCK");
        assertThat(MutantCase.all().stream().filter(x -> x.explorerOnly() != null)).containsExactly(c);
    }

    /** Invariant 10: with reclaim broken, the L7 strand outlives the drain, and that is FORBIDDEN. */
    @Test
    void aStrandThatReclaimCannotFreeIsLeakSurvivesReclaim() {
        MutantKill k = MutantKill.explore(MutantCase.of(Mutant.RECLAIM_KEEPS_UNREFERENCED));
        assertThat(k.forbidden().keySet()).isNotEmpty()
                .allSatisfy(o -> assertThat(o).startsWith("FORBIDDEN:LEAK_SURVIVES_RECLAIM"));
        // the same schedules on V58 strand the page and the drain frees it: LEAKED, not FORBIDDEN
        Result base = Explorer.explore(new ScenarioSubject(Scenario.SWAPIN_VS_PUNCH, Mutant.RECLAIM_KEEPS_UNREFERENCED.base()),
                Explorer.Options.defaults());
        assertThat(base.outcomes()).anySatisfy(x -> assertThat(x.outcome().toString()).startsWith("LEAKED_UNTIL_RECLAIM:STRAND"));
    }

    @Test
    void mutantSubjectsRoundTripAndRefuseAWrongBase() {
        ScenarioSubject s = ScenarioSubject.byId("SwapinVsPunch@V58A+NO_CANCEL_CHARGE");
        assertThat(s.mutant()).isEqualTo(Mutant.NO_CANCEL_CHARGE);
        assertThat(s.id()).isEqualTo("SwapinVsPunch@V58A+NO_CANCEL_CHARGE");
        assertThat(ScenarioSubject.byId("SwapinVsPunch@V58").mutant()).isNull();
        assertThatThrownBy(() -> ScenarioSubject.byId("SwapinVsPunch@V58+NO_CANCEL_CHARGE"))
                .hasMessageContaining("runs on V58A, not V58");
        assertThatThrownBy(() -> ScenarioSubject.byId("SwapinVsPunch@V58+NOPE"))
                .hasMessageContaining("no mutant named 'NOPE'");
    }
}
