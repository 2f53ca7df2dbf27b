package stats;

import numerics.Tails;
/**
 * The residual diagnostics of statsmodels' OLS summary footer.
 *
 * @param omnibus       D'Agostino-Pearson K^2 = Z(skew)^2 + Z(kurtosis)^2 (scipy's {@code normaltest})
 * @param omnibusP      P(chi2_2 > K^2)
 * @param skew          biased sample skewness m3 / m2^1.5 of the residuals
 * @param kurtosis      biased sample kurtosis m4 / m2^2 (normal: 3)
 * @param jarqueBera    n/6 (skew^2 + (kurtosis - 3)^2 / 4)
 * @param jarqueBeraP   P(chi2_2 > JB) = exp(-JB/2)
 * @param durbinWatson  sum (e_t - e_{t-1})^2 / sum e_t^2 in row order (about 2 without serial correlation)
 */
public record ResidualTests(double omnibus, double omnibusP, double skew, double kurtosis,
                            double jarqueBera, double jarqueBeraP, double durbinWatson) {

    /** From residuals in row order (omnibus needs n >= 8, else NaN). */
    public static ResidualTests of(double[] e) {
        int n = e.length;
        double mean = DoubleDouble.mean(e);
        double m2 = 0, m3 = 0, m4 = 0, dw = 0, ss = 0;
        for (int i = 0; i < n; i++) {
            double d = e[i] - mean, d2 = d * d;
            m2 += d2;
            m3 += d2 * d;
            m4 += d2 * d2;
            ss += e[i] * e[i];
            if (i > 0) dw += (e[i] - e[i - 1]) * (e[i] - e[i - 1]);
        }
        m2 /= n;
        m3 /= n;
        m4 /= n;
        double skew = m3 / Math.pow(m2, 1.5), kurt = m4 / (m2 * m2);
        double jb = n / 6.0 * (skew * skew + (kurt - 3) * (kurt - 3) / 4);
        double k2 = n >= 8 ? Math.pow(skewZ(skew, n), 2) + Math.pow(kurtosisZ(kurt, n), 2) : Double.NaN;
        return new ResidualTests(k2, Tails.chiSquared(k2, 2), skew, kurt, jb, Tails.chiSquared(jb, 2), ss == 0 ? Double.NaN : dw / ss);
    }

    /** scipy.stats.skewtest(v).statistic: the skewness of sample v as a standard normal deviate (n >= 8). */
    public static double skewTest(double[] v) {
        return skewZ(of(v).skew(), v.length);
    }

    /** scipy.stats.kurtosistest(v).statistic: the kurtosis of sample v as a standard normal deviate. */
    public static double kurtosisTest(double[] v) {
        return kurtosisZ(of(v).kurtosis(), v.length);
    }

    /** D'Agostino's normal approximation of the skewness (scipy.stats.skewtest). */
    static double skewZ(double b2, double n) {
        double y = b2 * Math.sqrt((n + 1) * (n + 3) / (6.0 * (n - 2)));
        double beta2 = 3.0 * (n * n + 27 * n - 70) * (n + 1) * (n + 3) / ((n - 2.0) * (n + 5) * (n + 7) * (n + 9));
        double w2 = -1 + Math.sqrt(2 * (beta2 - 1));
        double delta = 1 / Math.sqrt(0.5 * Math.log(w2));
        double alpha = Math.sqrt(2.0 / (w2 - 1));
        if (y == 0) y = 1;
        double r = y / alpha;
        return delta * Math.log(r + Math.sqrt(r * r + 1));
    }

    /** Anscombe-Glynn's normal approximation of the kurtosis (scipy.stats.kurtosistest). */
    static double kurtosisZ(double b2, double n) {
        double e = 3.0 * (n - 1) / (n + 1);
        double varb2 = 24.0 * n * (n - 2) * (n - 3) / ((n + 1) * (n + 1) * (n + 3) * (n + 5));
        double x = (b2 - e) / Math.sqrt(varb2);
        double sqrtBeta1 = 6.0 * (n * n - 5 * n + 2) / ((n + 7) * (n + 9)) * Math.sqrt(6.0 * (n + 3) * (n + 5) / (n * (n - 2) * (n - 3)));
        double a = 6.0 + 8.0 / sqrtBeta1 * (2.0 / sqrtBeta1 + Math.sqrt(1 + 4.0 / (sqrtBeta1 * sqrtBeta1)));
        double term1 = 1 - 2 / (9.0 * a);
        double denom = 1 + x * Math.sqrt(2 / (a - 4.0));
        if (denom == 0) return Double.NaN;
        double term2 = Math.signum(denom) * Math.cbrt((1 - 2.0 / a) / Math.abs(denom));
        return (term1 - term2) / Math.sqrt(2 / (9.0 * a));
    }
}
