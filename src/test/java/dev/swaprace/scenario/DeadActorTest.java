package dev.swaprace.scenario;

import dev.swaprace.mm.Variant;
import dev.swaprace.race.Op;
import dev.swaprace.race.Primitive;
import dev.swaprace.race.RaceHook;
import dev.swaprace.race.RacePoint;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The model failing in Java is a finding, wherever it fails: an actor that dies in a model
 * exception while it holds the page lock is graded, and the other actor, which waits in
 * {@code lock_page} for that page, still finishes; an {@code Error} counts as an exception; a
 * failure inside the checker's drain (the model's reclaim) is graded the same way; a hook's own
 * signal is not the model's and passes through.
 */
class DeadActorTest {

    /** Throws once, at S.6 ({@code wait_on_page_writeback}), where swapin holds the page lock since S.3. */
    private static final class ThrowAtS6 implements RaceHook {
        private boolean thrown;

        @Override
        public void before(RacePoint point, Op op, Primitive target) {
            if (point == RacePoint.S_6 && !thrown) {
                thrown = true;
                throw new IllegalStateException("injected at S.6");
            }
        }
    }

    /** Throws {@code thrown} at the first race point {@code point}. */
    private static RaceHook throwing(RacePoint point, Throwable thrown) {
        return new RaceHook() {
            private boolean done;

            @Override
            public void before(RacePoint p, Op op, Primitive target) {
                if (p == point && !done) {
                    done = true;
                    sneaky(thrown);
                }
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneaky(Throwable t) throws T {
        throw (T) t;
    }

    @Test
    void anErrorInAnActorIsAFindingLikeAnException() {
        // an assertion of the model's own code (a Java assert under -ea) fails in the swapin
        Run run = Scenario.SWAPIN_ALONE.setUp(Variant.V57, throwing(RacePoint.S_6, new AssertionError("injected")));
        run.act(0);
        assertThat(run.outcome().toString()).isEqualTo("FORBIDDEN:BUG_MODEL@MODEL_EXCEPTION.AssertionError;S=OOPS");
    }

    @Test
    void anExceptionInTheDrainIsGradedNotThrown() {
        // SwapinVsPunchCached starts with the page in the swap cache: with no actor run, the
        // checker's drain reclaims it, and the model's reclaim dies at its trylock_page
        Run run = Scenario.SWAPIN_VS_PUNCH_CACHED.setUp(Variant.V58,
                throwing(RacePoint.RC_LOCK, new NullPointerException("injected")));
        assertThat(run.outcome().toString()).startsWith("FORBIDDEN:BUG_MODEL@MODEL_EXCEPTION.NullPointerException");
        assertThat(run.outcomeId()).startsWith("FORBIDDEN:BUG_MODEL@MODEL_EXCEPTION.NullPointerException");
    }

    @Test
    void aHookSignalIsNotTheModelsFailure() {
        final class Unwind extends RaceHook.Signal {
            Unwind() {
                super("unwind", false);
            }
        }
        Run run = Scenario.SWAPIN_ALONE.setUp(Variant.V57, throwing(RacePoint.S_6, new Unwind()));
        assertThatThrownBy(() -> run.act(0)).isInstanceOf(Unwind.class);
    }

    @Test
    void theDeadActorsPageLockIsDroppedAndTheOtherReaderFinishes() {
        Run run = Scenario.SWAPIN_VS_SWAPIN.setUp(Variant.V58, new ThrowAtS6());
        run.act(0);   // S: reads the slot in, locks the page at S.3, dies at S.6
        // S2 finds the page in the swap cache and waits in lock_page (S.3) for it: without the
        // dropped lock this never returns
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> run.act(1));
        assertThat(run.outcome().toString())
                .isEqualTo("FORBIDDEN:BUG_MODEL@MODEL_EXCEPTION.IllegalStateException;S=OOPS;S2=DATA");
    }
}
