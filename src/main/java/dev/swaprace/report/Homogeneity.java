package dev.swaprace.report;

import org.apache.commons.math3.special.Gamma;
import org.apache.commons.math3.stat.inference.ChiSquareTest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Did a test's outcome distribution change between two runs? Pearson's chi-square test of
 * homogeneity on the 2 x K table (run A, run B) x (outcome).
 *
 * <p>Why this test: the question is whether two multinomial samples share one distribution
 * over K categories, and both samples are large (jcstress counts millions) with sample sizes
 * that differ between runs; the chi-square test of homogeneity answers exactly that, for any
 * K, with unequal totals (Commons Math's {@code chiSquareDataSetsComparison} weights the rows).
 * The G-test is asymptotically the same test but is more anti-conservative when some expected
 * counts are small, which is common here (rare outcomes); Fisher's exact test is exact but
 * infeasible on counts of 1e8. The chi-square approximation needs expected counts of about 5
 * or more (Cochran's rule), so outcomes whose expected count in either run is below 5 are
 * pooled into one "other" column before testing (and that column is folded into the smallest
 * remaining one if it is still sparse). Fewer than 2 columns left means nothing to test.
 *
 * <p>The p-value is the upper tail of the chi-square distribution with K-1 degrees of freedom,
 * {@code Q((K-1)/2, X2/2)} (regularized upper incomplete gamma), computed directly so tiny
 * p-values do not round to 0 through {@code 1 - cdf}. Cramér's V ({@code sqrt(X2/N)} for a
 * 2 x K table) is reported beside it: with samples this large, trivial shifts are
 * "significant", and V says how big the shift is. Samples within a run are not independent
 * (forks, JIT modes, strides), so read p as a screening signal, not a calibrated error rate.
 *
 * @param statistic the chi-square statistic X2 (NaN when not testable)
 * @param df        degrees of freedom, K-1 after pooling (0 when not testable)
 * @param pValue    P(chi2_df &gt;= X2) (NaN when not testable)
 * @param cramersV  effect size in [0, 1]
 * @param pooled    how many sparse outcomes were pooled
 * @param note      why the test was not run, or null
 */
public record Homogeneity(double statistic, int df, double pValue, double cramersV, int pooled, String note) {

    static final double MIN_EXPECTED = 5.0;

    public boolean testable() {
        return note == null;
    }

    public static Homogeneity test(Map<String, Long> a, Map<String, Long> b) {
        long na = a.values().stream().mapToLong(Long::longValue).sum();
        long nb = b.values().stream().mapToLong(Long::longValue).sum();
        if (na == 0 || nb == 0) {
            return new Homogeneity(Double.NaN, 0, Double.NaN, Double.NaN, 0, "no samples in " + (na == 0 ? "A" : "B"));
        }
        double n = (double) na + nb;
        List<long[]> cols = new ArrayList<>();
        long[] other = new long[2];
        int pooled = 0;
        TreeSet<String> ids = new TreeSet<>(a.keySet());
        ids.addAll(b.keySet());
        for (String id : ids) {
            long ca = a.getOrDefault(id, 0L);
            long cb = b.getOrDefault(id, 0L);
            if (ca + cb == 0) {
                continue;
            }
            double col = (double) ca + cb;
            if (Math.min(na, nb) * col / n < MIN_EXPECTED) {
                other[0] += ca;
                other[1] += cb;
                pooled++;
            } else {
                cols.add(new long[] {ca, cb});
            }
        }
        if (pooled > 0) {
            double col = (double) other[0] + other[1];
            if (Math.min(na, nb) * col / n >= MIN_EXPECTED || cols.isEmpty()) {
                cols.add(other);
            } else {
                long[] smallest = cols.stream().min(Comparator.comparingLong(c -> c[0] + c[1])).orElseThrow();
                smallest[0] += other[0];
                smallest[1] += other[1];
            }
        }
        if (cols.size() < 2) {
            return new Homogeneity(Double.NaN, 0, Double.NaN, 0, pooled,
                    "one outcome class after pooling sparse outcomes: nothing to compare");
        }
        long[] oa = new long[cols.size()];
        long[] ob = new long[cols.size()];
        for (int i = 0; i < cols.size(); i++) {
            oa[i] = cols.get(i)[0];
            ob[i] = cols.get(i)[1];
        }
        double x2 = new ChiSquareTest().chiSquareDataSetsComparison(oa, ob);
        int df = cols.size() - 1;
        double p = Gamma.regularizedGammaQ(df / 2.0, x2 / 2.0);
        return new Homogeneity(x2, df, p, Math.sqrt(x2 / n), pooled, null);
    }
}
