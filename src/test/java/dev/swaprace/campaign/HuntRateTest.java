package dev.swaprace.campaign;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Hit rates per million samples and their 95% bounds. */
class HuntRateTest {

    @Test
    void noHitIsTheRuleOfThree() {
        HuntRate r = HuntRate.of(0, 1_000_000);
        assertThat(r.perMillion()).isZero();
        assertThat(r.low()).isZero();
        assertThat(r.high()).isCloseTo(3.0, within(1e-12));
        assertThat(r.method()).isEqualTo(HuntRate.RULE_OF_THREE);
        assertThat(r.text()).isEqualTo("0 /M (< 3.00, rule of three)");
        assertThat(r.meanSamplesToFirst()).isInfinite();
    }

    @Test
    void hitsGetTheExactPoissonInterval() {
        // Garwood 95% bounds for a count of 10: [4.795, 18.390]; for 1: [0.0253, 5.572]
        HuntRate ten = HuntRate.of(10, 1_000_000);
        assertThat(ten.perMillion()).isEqualTo(10.0);
        assertThat(ten.low()).isCloseTo(4.795, within(1e-3));
        assertThat(ten.high()).isCloseTo(18.390, within(1e-3));
        assertThat(ten.method()).isEqualTo(HuntRate.EXACT);
        assertThat(ten.meanSamplesToFirst()).isEqualTo(100_000.0);
        HuntRate one = HuntRate.of(1, 2_000_000);
        assertThat(one.perMillion()).isEqualTo(0.5);
        assertThat(one.low()).isCloseTo(0.0253 / 2, within(1e-4));
        assertThat(one.high()).isCloseTo(5.572 / 2, within(1e-3));
        assertThat(one.text()).isEqualTo("0.5 /M [0.0127, 2.79]");
        assertThat(HuntRate.of(781, 968_742).text()).isEqualTo("806 /M [751, 865]");
    }

    @Test
    void noSamplesAndBadCounts() {
        HuntRate none = HuntRate.of(0, 0);
        assertThat(none.high()).isInfinite();
        assertThat(none.text()).isEqualTo("no samples");
        assertThatThrownBy(() -> HuntRate.of(2, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HuntRate.of(-1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
