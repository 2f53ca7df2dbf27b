package stats;

import numerics.Tails;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * An immutable fit of a log-link count model ({@link PoissonGlm} or {@link NegativeBinomial}).
 * By default ({@code nonrobust}) standard errors come from the expected (Fisher) information (X'WX)^-1
 * at the estimate with dispersion 1, as R's {@code glm(family=poisson)} and {@code MASS::glm.nb};
 * {@code observed} uses NB2's observed information over (beta, alpha) as statsmodels' discrete
 * {@code NegativeBinomial}; HC0..HC3 and cluster are sandwiches around the Fisher information (see
 * {@link CovarianceType}). z and p from the normal distribution (p as survival functions); 95% CIs are
 * Wald intervals b +/- z(0.975) se. For NB2, Var(y) = mu + alpha mu^2 and alpha is estimated by maximum
 * likelihood.
 *
 * @param family          "Poisson" or "NegativeBinomial (NB2)"
 * @param table           estimates and inference under the chosen covariance
 * @param modelCovariance (X'WX)^-1 (the Fisher information's inverse), whatever was chosen: leverage and Cook's distance use it
 * @param dispersionParameter NB2's alpha with its SE, z, p and Wald 95% CI ({@link Alpha#NONE} for Poisson)
 * @param fit             deviance, null deviance, Pearson chi2, log-likelihoods, AIC/BIC, degrees of freedom, iterations
 * @param notes           what the reader must know (separated levels, non-convergence, undefined robust SEs)
 */
public record GlmResult(String family, String response, List<String> names, boolean intercept, Coefficients table,
                        double[][] modelCovariance, Alpha dispersionParameter, Fit fit, double[] fitted,
                        List<WaldTest> termTests, List<String> notes) implements FittedModel {

    /**
     * NB2's alpha: SE from the observed information (of theta = 1/alpha, by the delta method; jointly with
     * beta under {@code observed}); z = alpha/SE and its two-sided normal p (a test on the boundary alpha = 0
     * is conservative there: use the likelihood-ratio test in the overdispersion check); Wald 95% CI.
     */
    public record Alpha(double estimate, double se, double z, double pValue, double lower, double upper) {
        public static final Alpha NONE = new Alpha(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

        static Alpha of(double a, double se) {
            double z = a / se;
            return new Alpha(a, se, z, Tails.normalTwoSided(z), a - Tails.Z975 * se, a + Tails.Z975 * se);
        }
    }

    /**
     * @param nullDeviance      deviance of the intercept-only model at the same alpha
     * @param dispersion        Pearson chi2 / df_resid (about 1 when the variance function is right)
     * @param nullLogLikelihood log-likelihood of the intercept-only model (NB2: with alpha re-estimated, as statsmodels' {@code llnull})
     * @param aic               -2 logL + 2k, k = number of coefficients (+1 for alpha in NB2), as R
     */
    public record Fit(double deviance, double nullDeviance, double pearsonChi2, double dispersion,
                      double logLikelihood, double nullLogLikelihood, double aic, double bic,
                      int n, int dfModel, int dfResid, int iterations, boolean converged) {}

    public GlmResult {
        names = List.copyOf(names);
        termTests = List.copyOf(termTests);
        notes = List.copyOf(notes);
    }

    @Override public double logLikelihood() { return fit.logLikelihood(); }
    @Override public double aic() { return fit.aic(); }
    @Override public double bic() { return fit.bic(); }
    @Override public int n() { return fit.n(); }

    public double[] zValues() { return table.statistics(); }
    /** Covariance of the coefficients under the chosen type. */
    public double[][] covariance() { return table.covariance(); }
    @Override public double[][] modelCovariance() { return Coefficients.deep(modelCovariance); }
    @Override public double[] fitted() { return fitted.clone(); }
    public double fitted(int i) { return fitted[i]; }

    public double alpha() { return dispersionParameter.estimate(); }
    public double alphaSe() { return dispersionParameter.se(); }
    public double deviance() { return fit.deviance(); }
    public double nullDeviance() { return fit.nullDeviance(); }
    public double pearsonChi2() { return fit.pearsonChi2(); }
    public double dispersion() { return fit.dispersion(); }
    public double nullLogLikelihood() { return fit.nullLogLikelihood(); }
    public int dfModel() { return fit.dfModel(); }
    public int dfResid() { return fit.dfResid(); }
    public int iterations() { return fit.iterations(); }
    public boolean converged() { return fit.converged(); }
    public boolean negativeBinomial() { return alpha() > 0; }

    /** McFadden's pseudo-R^2, 1 - logL / logL_null (statsmodels' discrete {@code prsquared}). */
    public double pseudoR2McFadden() { return 1 - fit.logLikelihood() / fit.nullLogLikelihood(); }

    /** Cox-Snell pseudo-R^2, 1 - exp(2 (logL_null - logL) / n) (statsmodels' GLM {@code pseudo_rsquared("cs")}). */
    public double pseudoR2CoxSnell() { return -Math.expm1(2 * (fit.nullLogLikelihood() - fit.logLikelihood()) / fit.n()); }

    /** Predicted means exp(x'b) for predictor columns (column-major, no intercept column). */
    @Override
    public double[] predictColumns(double[][] columns) {
        double[] eta = Linear.predictColumns(table.estimates(), intercept, columns, predictorNames());
        for (int i = 0; i < eta.length; i++) eta[i] = Math.exp(eta[i]);
        return eta;
    }

    /** Pearson residuals (y - mu) / sqrt(V(mu)), given the response used in the fit. */
    public double[] pearsonResiduals(double[] y) {
        int n = n();
        double a = alpha();
        double[] r = new double[n];
        for (int i = 0; i < n; i++) r[i] = (y[i] - fitted[i]) / Math.sqrt(fitted[i] + a * fitted[i] * fitted[i]);
        return r;
    }

    public String summary() {
        StringBuilder sb = new StringBuilder();
        Fit f = fit;
        double a = alpha();
        sb.append(OlsResult.center("Generalized Linear Model Regression Results")).append('\n').append(Fmt.RULE).append('\n');
        sb.append(Fmt.pair("Dep. Variable", response, "No. Observations", Integer.toString(f.n()))).append('\n');
        sb.append(Fmt.pair("Model", "GLM", "Df Residuals", Integer.toString(f.dfResid()))).append('\n');
        sb.append(Fmt.pair("Model Family", family.startsWith("Poisson") ? "Poisson" : "NegativeBinomial", "Df Model", Integer.toString(f.dfModel()))).append('\n');
        sb.append(Fmt.pair("Link Function", "Log", "Scale", "1.0000")).append('\n');
        sb.append(Fmt.pair("Method", "IRLS" + (a > 0 ? " + ML alpha" : ""), "Log-Likelihood", Fmt.g(f.logLikelihood()))).append('\n');
        sb.append(Fmt.pair("No. Iterations", Integer.toString(f.iterations()), "Deviance", Fmt.g(f.deviance()))).append('\n');
        sb.append(Fmt.pair("Covariance Type", covarianceType(), "Pearson chi2", Fmt.g(f.pearsonChi2()))).append('\n');
        sb.append(Fmt.pair("AIC", Fmt.g(f.aic()), "BIC", Fmt.g(f.bic()))).append('\n');
        sb.append(Fmt.pair("Null deviance", Fmt.g(f.nullDeviance()), "Dispersion (Pearson)", Fmt.g(f.dispersion()))).append('\n');
        sb.append(Fmt.pair("LL-Null", Fmt.g(f.nullLogLikelihood()), "Pseudo R-squ. (McF)", Fmt.g(pseudoR2McFadden()))).append('\n');
        sb.append(Fmt.pair("", "", "Pseudo R-squ. (CS)", Fmt.g(pseudoR2CoxSnell()))).append('\n');
        sb.append(Fmt.RULE).append('\n');
        if (a > 0) { // alpha as the last row, as statsmodels' discrete NegativeBinomial
            Alpha al = dispersionParameter;
            List<String> nm = new ArrayList<>(names);
            nm.add("alpha");
            sb.append(CoefTable.render(nm, plus(table.estimates(), al.estimate()), plus(table.standardErrors(), al.se()), plus(table.statistics(), al.z()),
                    plus(table.pValues(), al.pValue()), plus(table.lower(), al.lower()), plus(table.upper(), al.upper()), "z", "P>|z|"));
        } else {
            sb.append(CoefTable.render(names, table.estimates(), table.standardErrors(), table.statistics(), table.pValues(),
                    table.lower(), table.upper(), "z", "P>|z|"));
        }
        sb.append(Fmt.RULE).append('\n');
        sb.append(WaldTable.render(termTests, covarianceType()));
        List<String> all = new ArrayList<>();
        if (!f.converged()) all.add("IRLS did not converge in " + f.iterations() + " iterations; estimates are unreliable.");
        if (a == 0 && f.dispersion() > 1.5) {
            all.add(String.format(Locale.ROOT,
                    "Pearson dispersion %.3g > 1.5: the data are overdispersed for Poisson; SEs are too small (consider NegativeBinomial or a robust covariance).",
                    f.dispersion()));
        }
        all.add("Var(y) = " + (a > 0 ? "mu + alpha*mu^2 (NB2)" : "mu (Poisson)") + "; SEs " + switch (covarianceType()) {
            case "nonrobust" -> "from the expected (Fisher) information at the estimate, as R's glm"
                    + (a > 0 ? ".nb; 'observed' gives statsmodels' observed-information SEs." : ".");
            case "observed" -> "from the observed information" + (a > 0 ? " over (beta, alpha) jointly, as statsmodels' NegativeBinomial."
                    : " (equal to the Fisher information for the canonical log link).");
            default -> "from the " + covarianceType() + " sandwich around the Fisher information.";
        });
        if (a > 0) all.add("alpha's z and p test alpha = 0 on the boundary of the parameter space (conservative); the overdispersion LR test is the proper test."
                + (table.covarianceType().equals("nonrobust") || table.covarianceType().equals("observed") ? ""
                        : " alpha's SE is model-based (observed information), not " + table.covarianceType() + "."));
        all.addAll(notes);
        for (int i = 0; i < all.size(); i++) sb.append('[').append(i + 1).append("] ").append(all.get(i)).append('\n');
        return sb.toString();
    }

    private static double[] plus(double[] v, double x) {
        double[] o = Arrays.copyOf(v, v.length + 1);
        o[v.length] = x;
        return o;
    }

    @Override
    public String toString() {
        return "GlmResult[" + family + ", n=" + n() + ", p=" + p() + ", deviance=" + Fmt.g(deviance()) + ", alpha=" + Fmt.g(alpha()) + "]";
    }
}
