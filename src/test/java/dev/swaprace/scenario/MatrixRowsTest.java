package dev.swaprace.scenario;

import dev.swaprace.mm.Variant;
import dev.swaprace.mm.Vmscan;
import dev.swaprace.race.ForcedSchedule;
import dev.swaprace.race.RacePoint;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Map;

import static dev.swaprace.mm.Variant.RFC1;
import static dev.swaprace.mm.Variant.V2P;
import static dev.swaprace.mm.Variant.V57;
import static dev.swaprace.mm.Variant.V58;
import static dev.swaprace.mm.Variant.V58A;
import static dev.swaprace.mm.Variant.V58B;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rows of docs/kernel-model.md §4.1, each forced on real threads through the race-point hook,
 * asserting the end state the matrix gives for every kernel variant. Not for Joonsoo Kim's
 * proposal (KIM57, KIM58): its punch waits for the page lock, so the forced schedules that run
 * the punch to completion while the lock holder is paused do not exist there (the explorer's
 * conformance table covers those variants).
 */
class MatrixRowsTest {
    private static final String FREED_HOLE = "ACCEPTABLE:OK_FREED;S=HOLE";
    private static final String STRAND_SWAPIN = "LEAKED_UNTIL_RECLAIM:STRAND@SWAPIN;S=HOLE";

    /**
     * A page stranded in {@code window}. Under V58 the stranded slot is also missing from
     * memcg.swap: the R.e charge uncharged its swap record (kernel-model §4.2, cae3af62b33a).
     */
    private static String strand(Variant v, String window, String actors) {
        return "LEAKED_UNTIL_RECLAIM:STRAND@" + window + (v == V58 ? "+SWAP_UNDERCOUNT" : "") + actors;
    }

    /**
     * Actor {@code paused} stops before its first operation at {@code at}; then {@code runs}
     * runs to completion; then the paused actor finishes. Returns the run (not yet graded).
     */
    private static Run pauseAndRun(Scenario scenario, Variant v, int paused, RacePoint at, int runs)
            throws InterruptedException {
        ForcedSchedule fs = new ForcedSchedule();
        Run run = scenario.setUp(v, fs);
        String pausedLabel = scenario.actors().get(paused).label();
        ForcedSchedule.Gate gate = fs.gate(pausedLabel, at);
        ForcedSchedule.Actor first = fs.start(pausedLabel, () -> run.act(paused));
        assertThat(gate.awaitArrival()).as("%s reaches %s under %s", pausedLabel, at, v).isTrue();
        fs.start(scenario.actors().get(runs).label(), () -> run.act(runs)).join();
        gate.release();
        first.join();
        return run;
    }

    private static String outcome(Scenario scenario, Variant v, int paused, RacePoint at, int runs)
            throws InterruptedException {
        return pauseAndRun(scenario, v, paused, at, runs).outcome().toString();
    }

    @ParameterizedTest(name = "L3 {0}")
    @EnumSource(value = Variant.class, names = {"KIM57", "KIM58"}, mode = EnumSource.Mode.EXCLUDE)
    void l3SlotFreedBeforeLookupRetriesIntoTheHole(Variant v) throws Exception {
        // S has seen SWAP(E) at S.0; P.cas + P.dec free the slot; R.b sees count 0 → -ENOMEM → failed: → -EEXIST
        assertThat(outcome(Scenario.SWAPIN_VS_PUNCH, v, 0, RacePoint.S_1, 1)).isEqualTo(FREED_HOLE);
    }

    @ParameterizedTest(name = "L5 {0}")
    @EnumSource(value = Variant.class, names = {"KIM57", "KIM58"}, mode = EnumSource.Mode.EXCLUDE)
    void l5PunchDuringReadIoStrandsInEveryVariant(Variant v) throws Exception {
        assertThat(outcome(Scenario.SWAPIN_VS_PUNCH, v, 0, RacePoint.IO_READ, 1))
                .isEqualTo(strand(v, "IO", ";S=HOLE"));
    }

    @ParameterizedTest(name = "L6 {0}")
    @EnumSource(value = Variant.class, names = {"KIM57", "KIM58"}, mode = EnumSource.Mode.EXCLUDE)
    void l6PunchBetweenSwapcachePrepareAndInsertStrands(Variant v) throws Exception {
        assertThat(outcome(Scenario.SWAPIN_VS_PUNCH, v, 0, RacePoint.R_D, 1))
                .isEqualTo(strand(v, "PREPARE", ";S=HOLE"));
    }

    @ParameterizedTest(name = "L6 charge fails {0}")
    @EnumSource(value = Variant.class, names = {"KIM57", "KIM58"}, mode = EnumSource.Mode.EXCLUDE)
    void l6WithFailingChargeFreesOnlyInV58(Variant v) throws Exception {
        // V58's R.e charge fails before IO: delete_from_swap_cache clears HAS_CACHE, the slot is freed
        String expected = v == V58 ? FREED_HOLE : "LEAKED_UNTIL_RECLAIM:STRAND@PREPARE;S=HOLE";
        assertThat(outcome(Scenario.SWAPIN_VS_PUNCH_CHARGE_FAILS, v, 0, RacePoint.R_D, 1)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "L7 {0}")
    @EnumSource(value = Variant.class, names = {"KIM57", "KIM58"}, mode = EnumSource.Mode.EXCLUDE)
    void l7PunchInsideTheSwapinCriticalSection(Variant v) throws Exception {
        Map<Variant, String> matrix = Map.of(
                V57, FREED_HOLE,          // S.9 -EEXIST, S.10 cancels and deletes
                RFC1, FREED_HOLE,         // delete on -EEXIST
                V2P, FREED_HOLE,          // delete on -ENOENT
                V58A, STRAND_SWAPIN,
                // charged at S.9 (5.8.1 mm/shmem.c:625-626), whose mem_cgroup_charge uncharged the
                // swap record of the slot the strand keeps (5.8.1 mm/memcontrol.c:6508-6516)
                V58B, "LEAKED_UNTIL_RECLAIM:STRAND@SWAPIN+SWAP_UNDERCOUNT;S=HOLE",
                V58, strand(V58, "SWAPIN", ";S=HOLE"));
        assertThat(outcome(Scenario.SWAPIN_VS_PUNCH, v, 0, RacePoint.S_6, 1)).isEqualTo(matrix.get(v));
    }

    @ParameterizedTest(name = "L7 before S.4 {0}")
    @EnumSource(value = Variant.class, names = {"KIM57", "KIM58"}, mode = EnumSource.Mode.EXCLUDE)
    void punchBetweenLockPageAndTheS4ChecksStrandsInEveryVariant(Variant v) throws Exception {
        // not L7: S.4's shmem_confirm_swap fails and swapin goes to unlock: with no delete in any
        // variant; the window name keeps it apart from L7's STRAND@SWAPIN
        assertThat(outcome(Scenario.SWAPIN_VS_PUNCH, v, 0, RacePoint.S_4, 1))
                .isEqualTo(strand(v, "SWAPIN_PRECHECK", ";S=HOLE"));
    }

    @ParameterizedTest(name = "L8 {0}")
    @EnumSource(value = Variant.class, names = {"V58", "KIM57", "KIM58"}, mode = EnumSource.Mode.EXCLUDE)
    void l8PunchInsideTheWindowAndTheChargeFails(Variant v) throws Exception {
        Map<Variant, String> matrix = Map.of(
                V57, STRAND_SWAPIN,       // failed: rewrites -ENOMEM to -EEXIST; Johannes's question
                RFC1, FREED_HOLE,         // delete on -ENOMEM
                V2P, STRAND_SWAPIN,
                V58A, STRAND_SWAPIN,
                V58B, STRAND_SWAPIN);
        Run run = pauseAndRun(Scenario.SWAPIN_VS_PUNCH_CHARGE_FAILS, v, 0, RacePoint.S_6, 1);
        assertThat(run.outcome().toString()).isEqualTo(matrix.get(v));
    }

    @org.junit.jupiter.api.Test
    void l8IsNotApplicableToV58TheChargeFailsBeforeAnyIo() throws Exception {
        ForcedSchedule fs = new ForcedSchedule();
        Run run = Scenario.SWAPIN_VS_PUNCH_CHARGE_FAILS.setUp(V58, fs);
        ForcedSchedule.Gate gate = fs.gate("S", RacePoint.S_6);
        fs.start("S", () -> run.act(0)).join();
        assertThat(gate.hasArrived()).as("V58 never reaches S.6 when the charge fails").isFalse();
        assertThat(run.mm().trace.readIos()).isZero();
        assertThat(run.outcome().toString()).isEqualTo("ACCEPTABLE:OK_SWAPPED;S=ENOMEM");
    }

    @ParameterizedTest(name = "L9 {0}")
    @EnumSource(value = Variant.class, names = {"KIM57", "KIM58"}, mode = EnumSource.Mode.EXCLUDE)
    void l9ChargeFailsWithoutPunch(Variant v) throws Exception {
        Map<Variant, String> matrix = Map.of(
                V57, "ACCEPTABLE:OK_CACHED;S=ENOMEM",
                RFC1, "ACCEPTABLE:REREAD;S=ENOMEM",     // Joonsoo's objection: the next fault reads again
                V2P, "ACCEPTABLE:OK_CACHED;S=ENOMEM",
                V58A, "ACCEPTABLE:OK_CACHED;S=ENOMEM",
                V58B, "ACCEPTABLE:OK_CACHED;S=ENOMEM",
                V58, "ACCEPTABLE:OK_SWAPPED;S=ENOMEM"); // failed at R.e, before the read
        Run run = Scenario.SWAPIN_CHARGE_FAILS.setUp(v, new ForcedSchedule());
        run.act(0);
        assertThat(run.mm().trace.readIos()).isEqualTo(v == V58 ? 0 : 1);
        assertThat(run.outcome().toString()).isEqualTo(matrix.get(v));
    }

    @ParameterizedTest(name = "L10 {0}")
    @EnumSource(value = Variant.class, names = {"KIM57", "KIM58"}, mode = EnumSource.Mode.EXCLUDE)
    void l10PunchAfterTheInsertWaitsForTheReaderThenTruncates(Variant v) throws Exception {
        ForcedSchedule fs = new ForcedSchedule();
        Run run = Scenario.SWAPIN_VS_PUNCH.setUp(v, fs);
        ForcedSchedule.Gate s13 = fs.gate("S", RacePoint.S_13);
        ForcedSchedule.Gate p2 = fs.gate("P", RacePoint.P_2);
        ForcedSchedule.Actor s = fs.start("S", () -> run.act(0));
        assertThat(s13.awaitArrival()).isTrue();
        ForcedSchedule.Actor p = fs.start("P", () -> run.act(1));
        // P.cas failed (i_pages holds PAGE(p)); pass 2 re-looks-up and goes for lock_page
        assertThat(p2.awaitArrival()).isTrue();
        p2.release();
        assertThat(p.stillRunningAfter(50)).as("P waits in lock_page while S holds the page").isTrue();
        s13.release();
        s.join();
        p.join();
        assertThat(run.outcome().toString()).isEqualTo("ACCEPTABLE:OK_FREED;S=DATA");
    }

    @ParameterizedTest(name = "L11 {0}")
    @EnumSource(value = Variant.class, names = {"KIM57", "KIM58"}, mode = EnumSource.Mode.EXCLUDE)
    void l11TrylockSucceedsOnAnIdleCachedPage(Variant v) throws Exception {
        // S holds a lookup reference between S.1 and S.3; P.try succeeds and P.free deletes
        assertThat(outcome(Scenario.SWAPIN_VS_PUNCH_CACHED, v, 0, RacePoint.S_3, 1)).isEqualTo(FREED_HOLE);
    }

    @ParameterizedTest(name = "L12 {0}")
    @EnumSource(value = Variant.class, names = {"KIM57", "KIM58"}, mode = EnumSource.Mode.EXCLUDE)
    void l12ReclaimReapsAStrandedPage(Variant v) throws Exception {
        Run run = pauseAndRun(Scenario.SWAPIN_VS_PUNCH, v, 0, RacePoint.IO_READ, 1);
        assertThat(run.mm().cachedPage(0)).as("stranded by L5").isNotNull();
        assertThat(run.mm().vmscan.shrinkSwapCachePage(run.mm().swap.entry(0))).isEqualTo(Vmscan.Result.FREED);
        assertThat(run.mm().swap.swapMap(0)).as("slot freed").isZero();
        assertThat(run.mm().memcg.memory.quiescent()).as("charge dropped").isZero();
        assertThat(run.outcome().toString()).isEqualTo(FREED_HOLE);
    }

    @ParameterizedTest(name = "L13 {0}")
    @EnumSource(value = Variant.class, names = {"KIM57", "KIM58"}, mode = EnumSource.Mode.EXCLUDE)
    void l13ReclaimEvictsACachedPageWhoseEntryStays(Variant v) {
        Run run = Scenario.SWAPIN_VS_RECLAIM.setUp(v, new ForcedSchedule());
        run.act(1);
        run.act(0);
        assertThat(run.outcome().toString()).isEqualTo("ACCEPTABLE:OK_PAGE;S=DATA;Rc=FREED");
        assertThat(run.mm().trace.readIos()).as("set-up readahead plus the re-read after eviction").isEqualTo(2);
    }

    @ParameterizedTest(name = "L14 {0}")
    @EnumSource(value = Variant.class, names = {"KIM57", "KIM58"}, mode = EnumSource.Mode.EXCLUDE)
    void l14ReclaimKeepsAPageSwapinHoldsAReferenceTo(Variant v) throws Exception {
        assertThat(outcome(Scenario.SWAPIN_VS_RECLAIM, v, 0, RacePoint.S_3, 1))
                .isEqualTo("ACCEPTABLE:OK_PAGE;S=DATA;Rc=KEPT");
    }

    @ParameterizedTest(name = "L15 {0}")
    @EnumSource(value = Variant.class, names = {"KIM57", "KIM58"}, mode = EnumSource.Mode.EXCLUDE)
    void l15PunchDuringSwapoutWritebackStrands(Variant v) throws Exception {
        assertThat(outcome(Scenario.SWAPOUT_VS_PUNCH, v, 0, RacePoint.IO_WRITE, 1))
                .isEqualTo("LEAKED_UNTIL_RECLAIM:STRAND@WRITEBACK;W=WRITTEN");
    }

    @ParameterizedTest(name = "L15 before swap_writepage {0}")
    @EnumSource(value = Variant.class, names = {"KIM57", "KIM58"}, mode = EnumSource.Mode.EXCLUDE)
    void l15PunchBeforeSwapWritepageIsCleanedUpBySwapOutItself(Variant v) throws Exception {
        // P's trylock fails while W holds the lock after W.del; swap_writepage's own
        // try_to_free_swap then finds the slot unreferenced and drops the page
        assertThat(outcome(Scenario.SWAPOUT_VS_PUNCH, v, 0, RacePoint.W_WB, 1)).isEqualTo("ACCEPTABLE:OK_FREED;W=FREED");
    }

    @ParameterizedTest(name = "L15 locked {0}")
    @EnumSource(value = Variant.class, names = {"KIM57", "KIM58"}, mode = EnumSource.Mode.EXCLUDE)
    void l15PunchWhileSwapoutHoldsTheLockRetriesAndFrees(Variant v) throws Exception {
        ForcedSchedule fs = new ForcedSchedule();
        Run run = Scenario.SWAPOUT_VS_PUNCH.setUp(v, fs);
        ForcedSchedule.Gate wb = fs.gate("W", RacePoint.W_SWAPPED);
        ForcedSchedule.Gate p2 = fs.gate("P", RacePoint.P_2);
        ForcedSchedule.Actor w = fs.start("W", () -> run.act(0));
        assertThat(wb.awaitArrival()).isTrue();
        ForcedSchedule.Actor p = fs.start("P", () -> run.act(1));
        assertThat(p2.awaitArrival()).as("pass 1's trylock failed, pass 2 locks").isTrue();
        p2.release();
        wb.release();
        w.join();
        p.join();
        // P.2 saw page->mapping == NULL ("Page was replaced by swap: retry") and then freed SWAP(E);
        // whether try_to_free_swap met the writeback decides between the two
        assertThat(run.outcome().toString()).isIn("LEAKED_UNTIL_RECLAIM:STRAND@WRITEBACK;W=WRITTEN",
                "ACCEPTABLE:OK_FREED;W=WRITTEN");
    }

    @ParameterizedTest(name = "L16 {0}")
    @EnumSource(value = Variant.class, names = {"KIM57", "KIM58"}, mode = EnumSource.Mode.EXCLUDE)
    void l16TwoSwapinsConvergeOnOnePage(Variant v) throws Exception {
        ForcedSchedule fs = new ForcedSchedule();
        Run run = Scenario.SWAPIN_VS_SWAPIN.setUp(v, fs);
        ForcedSchedule.Gate io = fs.gate("S", RacePoint.IO_READ);
        ForcedSchedule.Gate s3 = fs.gate("S2", RacePoint.S_3);
        ForcedSchedule.Actor s = fs.start("S", () -> run.act(0));
        assertThat(io.awaitArrival()).isTrue();
        ForcedSchedule.Actor s2 = fs.start("S2", () -> run.act(1));
        assertThat(s3.awaitArrival()).as("S2 found S's page in the swap cache (S.1)").isTrue();
        io.release();
        s.join();
        s3.release();
        s2.join();
        assertThat(run.mm().trace.readIos()).as("one read IO for both").isEqualTo(1);
        assertThat(run.outcome().toString()).isEqualTo("ACCEPTABLE:OK_PAGE;S=DATA;S2=DATA");
    }

    @ParameterizedTest(name = "L17 {0}")
    @EnumSource(value = Variant.class, names = {"KIM57", "KIM58"}, mode = EnumSource.Mode.EXCLUDE)
    void l17PunchWhileReadaheadIoIsInFlightStrands(Variant v) throws Exception {
        assertThat(outcome(Scenario.READAHEAD_VS_PUNCH, v, 0, RacePoint.IO_READ, 1))
                .isEqualTo(strand(v, "IO", ""));
    }
}
