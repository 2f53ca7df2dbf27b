package stats;

/**
 * The distribution a fitted model implies for one new person's response, given the predicted mean:
 * Poisson(mu), NB2(mu, alpha) (Var = mu + alpha mu^2) or, for OLS, Normal(mean, sigma). Plug-in: the
 * estimated parameters are treated as known (their uncertainty is small next to the count noise once the
 * model is fitted on thousands of people; the interval is slightly too narrow on tiny training sets).
 *
 * <p>A central interval of level L is [q((1-L)/2), q((1+L)/2)] with q the smallest count whose CDF reaches
 * the probability, so for counts it covers at least L.
 */
public final class PredictiveDistribution {
    private PredictiveDistribution() {}

    /** Lower and upper bound of the central interval and P(y = 0) (NaN for the normal). */
    public record Interval(double lower, double upper, double pZero) {}

    /** Poisson: alpha = 0; NB2: alpha > 0. */
    public static Interval count(double mu, double alpha, double level) {
        check(level);
        if (!(mu >= 0) || !Double.isFinite(mu)) return new Interval(Double.NaN, Double.NaN, Double.NaN);
        double lo = (1 - level) / 2, hi = (1 + level) / 2;
        double logP = logPmf0(mu, alpha);
        double cdf = 0, lower = -1, upper = -1;
        // pmf by the recursion p(k+1) = p(k) * r(k), in logs so a large mean does not underflow p(0)
        double theta = alpha > 0 ? 1 / alpha : Double.POSITIVE_INFINITY;
        double sd = Math.sqrt(mu + alpha * mu * mu);
        long cap = (long) (mu + 60 * sd + 100);
        for (long k = 0; k <= cap; k++) {
            cdf += Math.exp(logP);
            if (lower < 0 && cdf >= lo * (1 - 1e-12)) lower = k;
            if (cdf >= hi * (1 - 1e-12)) {
                upper = k;
                break;
            }
            logP += alpha > 0 ? Math.log((k + theta) / (k + 1) * (mu / (mu + theta))) : Math.log(mu / (k + 1));
        }
        if (upper < 0) upper = cap;
        return new Interval(Math.max(lower, 0), upper, Math.exp(logPmf0(mu, alpha)));
    }

    /** P(y = k) for Poisson (alpha = 0) or NB2. */
    public static double pmf(long k, double mu, double alpha) {
        double logP = logPmf0(mu, alpha);
        double theta = alpha > 0 ? 1 / alpha : Double.POSITIVE_INFINITY;
        for (long j = 0; j < k; j++) logP += alpha > 0 ? Math.log((j + theta) / (j + 1) * (mu / (mu + theta))) : Math.log(mu / (j + 1));
        return Math.exp(logP);
    }

    /** Normal(mean, sd) central interval (OLS); P(0) is not defined (NaN). */
    public static Interval normal(double mean, double sd, double level) {
        check(level);
        double z = new org.apache.commons.math3.distribution.NormalDistribution(null, 0, 1).inverseCumulativeProbability((1 + level) / 2);
        return new Interval(mean - z * sd, mean + z * sd, Double.NaN);
    }

    /** log P(y = 0): -mu (Poisson) or -(1/alpha) log(1 + alpha mu) (NB2). */
    static double logPmf0(double mu, double alpha) {
        return alpha > 0 ? -Math.log1p(alpha * mu) / alpha : -mu;
    }

    private static void check(double level) {
        if (!(level > 0 && level < 1)) throw new IllegalArgumentException("interval level must be in (0, 1), got " + level);
    }
}
