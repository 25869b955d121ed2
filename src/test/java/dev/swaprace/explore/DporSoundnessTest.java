package dev.swaprace.explore;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.swaprace.explore.Litmus.add;
import static dev.swaprace.explore.Litmus.await;
import static dev.swaprace.explore.Litmus.cas;
import static dev.swaprace.explore.Litmus.choice;
import static dev.swaprace.explore.Litmus.load;
import static dev.swaprace.explore.Litmus.locked;
import static dev.swaprace.explore.Litmus.pageLocked;
import static dev.swaprace.explore.Litmus.store;
import static dev.swaprace.explore.Litmus.trylock;
import static dev.swaprace.explore.Litmus.waitZero;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reduction is sound: on programs small enough to enumerate every schedule, the DPOR search
 * reaches exactly the outcomes of the naive search, and the schedules it counts without
 * reduction (one sum of orderings per explored trace) are exactly the schedules the naive search
 * ran. Hand-written programs cover each kind of step (locks, trylock, busy wait, writeback wait,
 * choices, deadlock); seeded random programs cover their mixtures.
 */
class DporSoundnessTest {
    private static final Explorer.Options DPOR = Explorer.Options.defaults().withCountNaive(true);
    private static final Explorer.Options NAIVE = Explorer.Options.defaults().withNaiveSearch(true);

    static Stream<Litmus> handWritten() {
        return Stream.of(
                Litmus.of("store-buffering", 2, 0, 0, List.of(
                        List.of(store(0, 1), load(1)),
                        List.of(store(1, 1), load(0)))),
                Litmus.of("lost-update", 1, 0, 0, List.of(
                        List.of(load(0), store(0, 1)),
                        List.of(load(0), store(0, 2)),
                        List.of(add(0)))),
                Litmus.of("locked-counter", 1, 1, 0, List.of(
                        List.of(locked(0, load(0), store(0, 1)), load(0)),
                        List.of(locked(0, load(0), store(0, 2)), cas(0, 2, 5)))),
                Litmus.of("trylock-strands", 2, 0, 1, List.of(
                        List.of(pageLocked(0, store(0, 1)), store(1, 1)),
                        List.of(load(0), trylock(0, store(0, 9)), load(1)))),
                Litmus.of("busy-wait-handoff", 2, 0, 0, List.of(
                        List.of(store(1, 7), store(0, 1)),
                        List.of(await(0), load(1)))),
                Litmus.of("writeback-wait", 2, 0, 0, List.of(
                        List.of(store(0, 1), store(1, 1), store(0, 0)),
                        List.of(load(1), waitZero(0), load(1)))),
                Litmus.of("abba-deadlock", 1, 2, 0, List.of(
                        List.of(locked(0, locked(1, add(0)))),
                        List.of(locked(1, locked(0, add(0)))))),
                Litmus.of("spin-forever-is-a-deadlock", 1, 0, 0, List.of(
                        List.of(await(0)),
                        List.of(load(0)))),
                Litmus.of("choices", 1, 0, 0, List.of(
                        List.of(choice(store(0, 1), load(0)), load(0)),
                        List.of(choice(add(0), store(0, 5))))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("handWritten")
    void handWrittenProgramsReachTheNaiveOutcomes(Litmus program) {
        agree(program, false);
        agree(program, true);
    }

    @Test
    void randomProgramsReachTheNaiveOutcomes() {
        int compared = 0;
        long naiveTotal = 0;
        long dporTotal = 0;
        for (long seed = 1; compared < 120 && seed < 1_000; seed++) {
            Litmus p = seed % 3 == 0 ? Litmus.random(seed, 3, 2) : Litmus.random(seed, 2, 3);
            Result reduced = Explorer.explore(p, DPOR.withAllChoices(seed % 2 == 0));
            if (reduced.naive() == null || reduced.naive().compareTo(BigInteger.valueOf(4_000)) > 0) {
                continue;   // too many schedules to enumerate naively in a unit test
            }
            long[] counts = agree(p, seed % 2 == 0);
            naiveTotal += counts[0];
            dporTotal += counts[1];
            compared++;
        }
        System.out.printf("random programs: %d compared, %d naive schedules, %d explored with DPOR%n",
                compared, naiveTotal, dporTotal);
        assertThat(compared).isEqualTo(120);
    }

    /** Naive and reduced search of {@code p} agree; returns {naive schedules, reduced schedules}. */
    private static long[] agree(Litmus p, boolean allChoices) {
        Result naive = Explorer.explore(p, NAIVE.withAllChoices(allChoices));
        Result reduced = Explorer.explore(p, DPOR.withAllChoices(allChoices));
        assertThat(outcomes(reduced)).as("outcomes of %s (all choices: %s)", p, allChoices)
                .isEqualTo(outcomes(naive));
        assertThat(reduced.naive()).as("schedules without reduction, counted from the traces of %s", p)
                .isEqualTo(BigInteger.valueOf(naive.schedules()));
        assertThat(reduced.schedules()).isLessThanOrEqualTo(naive.schedules());
        for (Result.Reached r : reduced.outcomes()) {
            assertThat(r.naive()).as("schedules of %s in %s", r.outcome(), p)
                    .isEqualTo(BigInteger.valueOf(naive.outcome(r.outcome().toString()).schedules()));
        }
        return new long[] {naive.schedules(), reduced.schedules()};
    }

    static Set<String> outcomes(Result r) {
        return r.outcomes().stream().map(x -> x.outcome().toString()).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void aDeadlockIsAnOutcomeWithAWitnessNotAHang() {
        Litmus abba = handWritten().filter(l -> l.id().equals("abba-deadlock")).findFirst().orElseThrow();
        Result r = Explorer.explore(abba, DPOR);
        Result.Reached dl = r.outcome("FORBIDDEN:DEADLOCK");
        assertThat(dl).isNotNull();
        String timeline = Timeline.render(abba, dl.witness());
        assertThat(timeline).contains("deadlock:").contains("l0 held").contains("l1 held");
        assertThat(Explorer.replay(dl.schedule(), Explorer.DEFAULT_MAX_STEPS).outcome().toString())
                .isEqualTo("FORBIDDEN:DEADLOCK");
    }

    @Test
    void aScheduleThatNeverEndsIsALivelockAtTheBound() {
        Litmus forever = Litmus.of("forever", 2, 0, 0, List.of(
                List.of((m, seen) -> {
                    while (m.x[0].load(Litmus.AT) == 0) {
                        m.x[1].addAndGet(Litmus.AT, 1);
                    }
                }),
                List.of(store(0, 1))));
        Result r = Explorer.explore(forever, DPOR.withMaxSteps(40));
        assertThat(outcomes(r)).contains("FORBIDDEN:BUG_LIVELOCK");
        assertThat(r.outcome("FORBIDDEN:BUG_LIVELOCK").witness().steps()).isEqualTo(40);
    }

    @Test
    void theReductionIsReal() {
        Litmus p = Litmus.of("independent", 4, 0, 0, List.of(
                List.of(store(0, 1), store(1, 1), load(0)),
                List.of(store(2, 1), store(3, 1), load(2))));
        Result reduced = Explorer.explore(p, DPOR);
        assertThat(reduced.schedules()).isEqualTo(1);
        assertThat(reduced.naive()).isEqualTo(BigInteger.valueOf(20));
        List<String> none = new ArrayList<>();
        assertThat(none).isEmpty();
    }
}
