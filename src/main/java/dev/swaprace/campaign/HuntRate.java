package dev.swaprace.campaign;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;

/**
 * A hit rate per million samples with its 95% confidence bounds. Hits are rare events among
 * many samples, so the count is treated as Poisson: with hits &gt; 0 the interval is the exact
 * (Garwood) two-sided 95% interval, chi-square quantiles over 2 x samples; with no hit it is the
 * rule of three, the one-sided 95% upper bound 3 / samples (the lower bound is 0).
 *
 * @param hits      samples that showed the outcome
 * @param samples   all samples
 * @param perMillion point estimate, hits / samples x 1e6 (0 with no samples)
 * @param low       lower bound per million
 * @param high      upper bound per million (infinite with no samples)
 * @param method    {@code poisson-exact-95} or {@code rule-of-three}
 */
record HuntRate(long hits, long samples, double perMillion, double low, double high, String method) {
    static final String EXACT = "poisson-exact-95";
    static final String RULE_OF_THREE = "rule-of-three";

    static HuntRate of(long hits, long samples) {
        if (hits < 0 || samples < 0 || hits > samples) {
            throw new IllegalArgumentException("hits " + hits + " of " + samples + " samples");
        }
        if (samples == 0) {
            return new HuntRate(0, 0, 0, 0, Double.POSITIVE_INFINITY, RULE_OF_THREE);
        }
        double m = 1e6 / samples;
        if (hits == 0) {
            return new HuntRate(0, samples, 0, 0, 3 * m, RULE_OF_THREE);
        }
        double lo = new ChiSquaredDistribution(2.0 * hits).inverseCumulativeProbability(0.025) / 2;
        double hi = new ChiSquaredDistribution(2.0 * (hits + 1)).inverseCumulativeProbability(0.975) / 2;
        return new HuntRate(hits, samples, hits * m, lo * m, hi * m, EXACT);
    }

    /** The expected samples to the first observation, 1 / rate (geometric); infinite with no hit. */
    double meanSamplesToFirst() {
        return hits == 0 ? Double.POSITIVE_INFINITY : (double) samples / hits;
    }

    /** {@code 12.3 /M [10.1, 14.9]} or {@code 0 /M [< 1.50]}. */
    String text() {
        if (samples == 0) {
            return "no samples";
        }
        if (hits == 0) {
            return "0 /M (< " + num(high) + ", rule of three)";
        }
        return num(perMillion) + " /M [" + num(low) + ", " + num(high) + "]";
    }

    /** Three significant digits, no exponent below 1e9. */
    static String num(double v) {
        if (v == 0) {
            return "0";
        }
        if (Double.isInfinite(v)) {
            return "inf";
        }
        double a = Math.abs(v);
        if (a >= 100) {
            return String.format(java.util.Locale.ROOT, "%,.0f", v);
        }
        if (a >= 10) {
            return String.format(java.util.Locale.ROOT, "%.1f", v);
        }
        if (a >= 1) {
            return String.format(java.util.Locale.ROOT, "%.2f", v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
