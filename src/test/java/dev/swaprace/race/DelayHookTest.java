package dev.swaprace.race;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DelayHookTest {

    @Test
    void parsesFixedAndRangeDelaysByStepLabel() {
        DelayHook h = DelayHook.parse("S.9=2000, P.try=500-5000");
        assertThat(h.toString()).isEqualTo("delays[S.9=2000,P.try=500-5000]");
        long t0 = System.nanoTime();
        h.before(RacePoint.S_9, Op.LOCK, Primitive.CPU);
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(2000);
    }

    @Test
    void aPointWithoutDelayReturnsAtOnce() {
        DelayHook h = DelayHook.parse("S.9=50000000");
        long t0 = System.nanoTime();
        h.before(RacePoint.P_TRY, Op.TRYLOCK, Primitive.CPU);
        assertThat(System.nanoTime() - t0).isLessThan(50_000_000);
    }

    @Test
    void badSpecsAreOneLineErrorsNamingTheElement() {
        assertThatThrownBy(() -> DelayHook.parse("S.99=10")).hasMessage(
                "unknown race point 'S.99' (labels are like S.9, P.try, Rc.lock)");
        assertThatThrownBy(() -> DelayHook.parse("S.9")).hasMessageContaining("delay 'S.9'");
        assertThatThrownBy(() -> DelayHook.parse("S.9=ten")).hasMessageContaining("'ten' is not NANOS");
        assertThatThrownBy(() -> DelayHook.parse("S.9=10-5")).hasMessageContaining("0 <= MIN <= MAX");
    }
}
