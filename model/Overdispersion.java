package model;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import stats.GlmResult;

import java.util.Arrays;
import java.util.Locale;

/**
 * Is a Poisson model's variance too small for the data? Compares the Poisson and NB2 fits.
 *
 * @param poissonDispersion Pearson chi2 / df of the Poisson fit (about 1 when Var = mu holds)
 * @param alpha             NB2 alpha (Var = mu + alpha mu^2) and its standard error
 * @param lrStatistic       2 (logL_NB - logL_Poisson)
 * @param lrPValue          its p-value against the boundary null alpha = 0: half the chi2(1) upper tail
 * @param seRatioMedian     median over coefficients of NB SE / Poisson SE (> 1: Poisson SEs are too small)
 * @param seRatioMin        smallest such ratio
 * @param overdispersed     lrPValue < 0.05 and poissonDispersion > 1.5
 */
public record Overdispersion(double poissonDispersion, double alpha, double alphaSe, double lrStatistic, double lrPValue,
                             double seRatioMedian, double seRatioMin, boolean overdispersed) {

    static Overdispersion of(GlmResult poisson, GlmResult nb) {
        double lr = Math.max(0, 2 * (nb.logLikelihood() - poisson.logLikelihood()));
        double p = 0.5 * (1 - new ChiSquaredDistribution(null, 1).cumulativeProbability(lr));
        double[] sp = poisson.standardErrors(), sn = nb.standardErrors();
        double[] r = new double[sp.length];
        for (int j = 0; j < r.length; j++) r[j] = sn[j] / sp[j];
        double[] s = r.clone();
        Arrays.sort(s);
        double med = s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
        return new Overdispersion(poisson.dispersion(), nb.alpha(), nb.alphaSe(), lr, p, med, s[0],
                p < 0.05 && poisson.dispersion() > 1.5);
    }

    public String summary() {
        return String.format(Locale.ROOT, "Overdispersion: Poisson Pearson dispersion %.3g (1 if Var = mu); NB2 alpha %.4g (SE %.2g); "
                        + "LR test of alpha = 0: %.4g, p %s; NB2 SE / Poisson SE: median %.3g, min %.3g -> %s%n",
                poissonDispersion, alpha, alphaSe, lrStatistic, lrPValue < 1e-16 ? "< 1e-16" : String.format(Locale.ROOT, "%.3g", lrPValue),
                seRatioMedian, seRatioMin,
                overdispersed ? "overdispersed: Poisson standard errors, tests and intervals are too narrow" : "no material overdispersion");
    }
}
