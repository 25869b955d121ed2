package dev.swaprace.suite;

import dev.swaprace.explore.Explorer;
import dev.swaprace.explore.Result;
import dev.swaprace.explore.ScenarioSubject;
import dev.swaprace.mm.Variant;
import dev.swaprace.race.RaceHook;
import dev.swaprace.scenario.Run;
import dev.swaprace.scenario.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The state of the generated tests ({@link Sample}) and its machine pool ({@link RunPool}):
 * a sample is graded as a fresh run is, machines are reused, and on real threads, driven as
 * jcstress drives them, no two samples share a machine (every outcome is one the explorer
 * enumerates) while only a stride's worth of machines is ever built.
 */
class SampleTest {

    /** A generated test's state, as the generator writes it: actors call {@code act}, the arbiter {@code outcome}. */
    static final class State extends Sample {
        State(RunPool pool) {
            super(pool);
        }

        void actor(int i) {
            act(i);
        }

        String arbiter() {
            return outcome();
        }
    }

    /** A pool for {@code s} on {@code v} that counts the machines it builds. */
    private static RunPool pool(Scenario s, Variant v, AtomicInteger built) {
        return new RunPool(() -> {
            built.incrementAndGet();
            return s.setUp(v, RaceHook.NONE);
        });
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void samplesGradeAsFreshRunsOnOneReusedMachine(Scenario s) {
        for (Variant v : Variant.values()) {
            AtomicInteger built = new AtomicInteger();
            RunPool pool = pool(s, v, built);
            int n = s.actors().size();
            for (int round = 0; round < 3; round++) {
                for (boolean reverse : new boolean[] {false, true}) {
                    State st = new State(pool);
                    Run fresh = s.setUp(v, RaceHook.NONE);
                    for (int k = 0; k < n; k++) {
                        int i = reverse ? n - 1 - k : k;
                        assertThatThrownBy(st::arbiter).as("graded only after the last actor")
                                .isInstanceOf(IllegalStateException.class);
                        st.actor(i);
                        fresh.act(i);
                    }
                    String id = st.arbiter();
                    assertThat(id).as("%s %s round %d", s, v, round).isEqualTo(fresh.outcome().toString());
                    Run again = s.setUp(v, RaceHook.NONE);
                    for (int k = 0; k < n; k++) {
                        again.act(reverse ? n - 1 - k : k);
                    }
                    assertThat(again.outcomeId()).as("interned").isSameAs(id);
                }
            }
            assertThat(built.get()).as("one thread, one sample at a time: one machine").isEqualTo(1);
        }
    }

    @Test
    void machinesGivenOnOneThreadAreTakenOnAnotherInBatches() throws Exception {
        AtomicInteger built = new AtomicInteger();
        RunPool pool = pool(Scenario.SWAPIN_VS_PUNCH, Variant.V58, built);
        RunPool.Machine mine = pool.take();   // the one its constructor left on this thread
        RunPool.Machine[] machines = new RunPool.Machine[4 * RunPool.BATCH];
        Thread giver = new Thread(() -> {
            for (int i = 0; i < machines.length; i++) {
                machines[i] = pool.take();
            }
            for (RunPool.Machine m : machines) {
                pool.give(m, null);
            }
        });
        giver.start();
        giver.join();
        int before = built.get();
        Set<RunPool.Machine> given = Collections.newSetFromMap(new IdentityHashMap<>());
        given.addAll(Arrays.asList(machines));
        assertThat(given).hasSize(machines.length).doesNotContain(mine);
        // the giver keeps at most two batches; the rest reach this thread without building more
        for (int i = 0; i < 2 * RunPool.BATCH; i++) {
            assertThat(given).contains(pool.take());
        }
        assertThat(built.get()).isEqualTo(before);
    }

    @Test
    void theNextTakerGradesAnExecutionAndTheArbiterOnlyReportsIt() {
        AtomicInteger built = new AtomicInteger();
        RunPool pool = pool(Scenario.SWAPIN_VS_PUNCH, Variant.V58, built);
        State first = new State(pool);
        first.actor(1);   // punch alone, then swapin: a hole
        first.actor(0);
        State second = new State(pool);
        second.actor(0);   // takes the same machine: grades the first execution, resets
        assertThat(built.get()).isEqualTo(1);
        assertThat(first.arbiter()).isEqualTo("ACCEPTABLE:OK_FREED;S=HOLE");
        second.actor(1);
        // nobody takes the machine again: the arbiter grades the second execution itself
        Run fresh = Scenario.SWAPIN_VS_PUNCH.setUp(Variant.V58, RaceHook.NONE);
        fresh.act(0);
        fresh.act(1);
        assertThat(second.arbiter()).isEqualTo(fresh.outcome().toString()).isEqualTo("ACCEPTABLE:OK_FREED;S=DATA");
        // and the machine, taken again, is reset first
        State third = new State(pool);
        third.actor(1);
        third.actor(0);
        assertThat(third.arbiter()).isEqualTo(first.arbiter());
        assertThat(built.get()).isEqualTo(1);
    }

    /**
     * Two threads run the actors over arrays of samples with a barrier per stride, as jcstress
     * 0.16 does, then the arbiters run. A machine shared by two samples would show outcomes the
     * explorer never reaches, or a FORBIDDEN one.
     */
    @ParameterizedTest
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)   // a shared machine can deadlock
    @EnumSource(value = Scenario.class, names = {"SWAPIN_VS_PUNCH", "SWAPIN_VS_PUNCH_CACHED", "PUNCH_VS_RECLAIM",
            "SWAPIN_VS_SWAPIN"})
    void onRealThreadsEverySampleHasItsOwnMachine(Scenario s) throws Exception {
        Variant v = Variant.V58;
        Set<String> reachable = Explorer.explore(new ScenarioSubject(s, v), Explorer.Options.defaults()).outcomes()
                .stream().map(Result.Reached::outcome).map(Object::toString).collect(Collectors.toSet());
        AtomicInteger built = new AtomicInteger();
        RunPool pool = pool(s, v, built);
        int stride = 256;
        int len = 40 * stride;
        TreeMap<String, Integer> seen = new TreeMap<>();
        for (int iteration = 0; iteration < 3; iteration++) {
            State[] states = new State[len];
            for (int c = 0; c < len; c++) {
                states[c] = new State(pool);
            }
            CyclicBarrier checkpoint = new CyclicBarrier(2);
            Thread[] actors = new Thread[2];
            Throwable[] failure = new Throwable[1];
            for (int a = 0; a < 2; a++) {
                int actor = a;
                actors[a] = new Thread(() -> {
                    try {
                        for (int start = 0; start < len; start += stride) {
                            for (int c = start; c < start + stride; c++) {
                                states[c].actor(actor);
                            }
                            checkpoint.await();
                        }
                    } catch (Throwable t) {
                        failure[0] = t;
                        checkpoint.reset();
                    }
                });
                actors[a].setDaemon(true);
                actors[a].start();
            }
            for (Thread t : actors) {
                t.join();
            }
            assertThat(failure[0]).isNull();
            for (State st : states) {
                seen.merge(st.arbiter(), 1, Integer::sum);
            }
        }
        assertThat(seen.keySet()).as("outcomes on real threads %s", seen).isSubsetOf(reachable);
        assertThat(seen.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(3 * len);
        // machines in flight: within a stride, plus what the two threads' stacks and the queue hold
        assertThat(built.get()).as("machines built for %d samples", 3 * len).isLessThanOrEqualTo(2 * stride + 8 * RunPool.BATCH);
    }
}
