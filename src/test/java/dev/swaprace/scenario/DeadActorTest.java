package dev.swaprace.scenario;

import dev.swaprace.mm.Variant;
import dev.swaprace.race.Op;
import dev.swaprace.race.Primitive;
import dev.swaprace.race.RaceHook;
import dev.swaprace.race.RacePoint;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * An actor that dies in a model exception while it holds the page lock: the finding is graded,
 * and the other actor, which waits in {@code lock_page} for that page, still finishes.
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
