package numerics;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Erf;
import org.apache.commons.math3.special.Gamma;

/**
 * Upper-tail probabilities (survival functions) computed directly, never as {@code 1 - cdf}: a p-value
 * of 6e-236 stays 6e-236 instead of rounding to 0 (statsmodels reports such values; so must we).
 * Also the one home of the normal quantile z(0.975).
 */
public final class Tails {
    private Tails() {}

    /** z(0.975) = 1.959963984540054, the 95% two-sided normal quantile. */
    public static final double Z975 = 1.959963984540054;
    /** z(0.95) = 1.6448536269514722, for 90% two-sided intervals. */
    public static final double Z95 = 1.6448536269514722;

    /** P(Z > x) for a standard normal Z. */
    public static double normal(double x) {
        return 0.5 * Erf.erfc(x / Math.sqrt(2));
    }

    /** Two-sided normal p-value P(|Z| > |z|). */
    public static double normalTwoSided(double z) {
        return Double.isNaN(z) ? Double.NaN : 2 * normal(Math.abs(z));
    }

    /** Two-sided t p-value P(|T_df| > |t|), from the lower tail (no cancellation). */
    public static double tTwoSided(double t, double df) {
        if (Double.isNaN(t)) return Double.NaN;
        if (Double.isInfinite(t)) return 0;
        return 2 * new TDistribution(null, df, 1e-14).cumulativeProbability(-Math.abs(t));
    }

    /** P(F(d1, d2) > f) = I_{d2/(d2 + d1 f)}(d2/2, d1/2). */
    public static double f(double f, double d1, double d2) {
        if (Double.isNaN(f)) return Double.NaN;
        if (f <= 0) return 1;
        if (Double.isInfinite(f)) return 0;
        return Beta.regularizedBeta(d2 / (d2 + d1 * f), d2 / 2, d1 / 2, 1e-15, 100_000);
    }

    /** P(chi2_df > x) = Q(df/2, x/2). */
    public static double chiSquared(double x, double df) {
        if (Double.isNaN(x)) return Double.NaN;
        if (x <= 0) return 1;
        if (Double.isInfinite(x)) return 0;
        return Gamma.regularizedGammaQ(df / 2, x / 2, 1e-15, 100_000);
    }
}
