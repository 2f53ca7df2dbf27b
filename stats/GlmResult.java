package stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An immutable fit of a log-link count model ({@link PoissonGlm} or {@link NegativeBinomial}).
 * Standard errors come from the Fisher information (X'WX)^-1 at the estimate with dispersion 1, as R's
 * {@code glm(family=poisson)} and {@code MASS::glm.nb}; z and p from the normal distribution; 95% CIs are
 * Wald intervals b +/- 1.959964 se. For NB2, Var(y) = mu + alpha mu^2 and alpha is estimated by maximum
 * likelihood (its SE from the observed information of theta = 1/alpha, by the delta method).
 *
 * @param family      "Poisson" or "NegativeBinomial (NB2)"
 * @param alpha       NB2 dispersion (0 for Poisson)
 * @param deviance    residual deviance; {@code nullDeviance} is that of the intercept-only model at the same alpha
 * @param dispersion  Pearson chi2 / df_resid (about 1 when the variance function is right)
 * @param aic         -2 logL + 2k, k = number of coefficients (+1 for alpha in NB2), as R
 */
public record GlmResult(String family, String response, List<String> names, boolean intercept,
                        double[] coefficients, double[] standardErrors, double[] zValues, double[] pValues,
                        double[] ciLower, double[] ciUpper, double[][] covariance,
                        double alpha, double alphaSe, double deviance, double nullDeviance, double pearsonChi2,
                        double dispersion, double logLikelihood, double aic, double bic,
                        int n, int dfModel, int dfResid, int iterations, boolean converged, double[] fitted) {

    public GlmResult {
        names = List.copyOf(names);
    }

    @Override public double[] coefficients() { return coefficients.clone(); }
    @Override public double[] standardErrors() { return standardErrors.clone(); }
    @Override public double[] zValues() { return zValues.clone(); }
    @Override public double[] pValues() { return pValues.clone(); }
    @Override public double[] ciLower() { return ciLower.clone(); }
    @Override public double[] ciUpper() { return ciUpper.clone(); }
    @Override public double[] fitted() { return fitted.clone(); }
    @Override public double[][] covariance() {
        double[][] c = new double[covariance.length][];
        for (int i = 0; i < c.length; i++) c[i] = covariance[i].clone();
        return c;
    }

    public double fitted(int i) { return fitted[i]; }
    public int p() { return coefficients.length; }
    public boolean negativeBinomial() { return alpha > 0; }

    public double coefficient(String name) {
        int i = names.indexOf(name);
        if (i < 0) throw new IllegalArgumentException("no coefficient named '" + name + "'; have " + names);
        return coefficients[i];
    }

    public List<String> predictorNames() {
        return intercept ? names.subList(1, names.size()) : names;
    }

    /** Predicted means exp(x'b) for predictor columns (column-major, no intercept column). */
    public double[] predictColumns(double[][] columns) {
        double[] eta = Linear.predictColumns(coefficients, intercept, columns, predictorNames());
        for (int i = 0; i < eta.length; i++) eta[i] = Math.exp(eta[i]);
        return eta;
    }

    /** Predicted means for rows of predictors (no intercept column). */
    public double[] predict(double[][] rows) {
        int k = predictorNames().size();
        double[][] cols = new double[k][rows.length];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != k) throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values; the model needs " + k + " " + predictorNames());
            for (int j = 0; j < k; j++) cols[j][i] = rows[i][j];
        }
        return predictColumns(cols);
    }

    /** Pearson residuals (y - mu) / sqrt(V(mu)), given the response used in the fit. */
    public double[] pearsonResiduals(double[] y) {
        double[] r = new double[n];
        for (int i = 0; i < n; i++) r[i] = (y[i] - fitted[i]) / Math.sqrt(fitted[i] + alpha * fitted[i] * fitted[i]);
        return r;
    }

    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(OlsResult.center("Generalized Linear Model Regression Results")).append('\n').append(Fmt.RULE).append('\n');
        sb.append(Fmt.pair("Dep. Variable", response, "No. Observations", Integer.toString(n))).append('\n');
        sb.append(Fmt.pair("Model", "GLM", "Df Residuals", Integer.toString(dfResid))).append('\n');
        sb.append(Fmt.pair("Model Family", family.startsWith("Poisson") ? "Poisson" : "NegativeBinomial", "Df Model", Integer.toString(dfModel))).append('\n');
        sb.append(Fmt.pair("Link Function", "Log", "Scale", "1.0000")).append('\n');
        sb.append(Fmt.pair("Method", "IRLS" + (alpha > 0 ? " + ML alpha" : ""), "Log-Likelihood", Fmt.g(logLikelihood))).append('\n');
        sb.append(Fmt.pair("No. Iterations", Integer.toString(iterations), "Deviance", Fmt.g(deviance))).append('\n');
        sb.append(Fmt.pair("Covariance Type", "nonrobust", "Pearson chi2", Fmt.g(pearsonChi2))).append('\n');
        sb.append(Fmt.pair("AIC", Fmt.g(aic), "BIC", Fmt.g(bic))).append('\n');
        sb.append(Fmt.pair("Null deviance", Fmt.g(nullDeviance), "Dispersion (Pearson)", Fmt.g(dispersion))).append('\n');
        if (alpha > 0) {
            sb.append(Fmt.pair("alpha (NB2)", Fmt.g(alpha), "alpha std err", Fmt.g(alphaSe))).append('\n');
        }
        sb.append(Fmt.RULE).append('\n');
        sb.append(CoefTable.render(names, coefficients, standardErrors, zValues, pValues, ciLower, ciUpper, "z", "P>|z|"));
        sb.append(Fmt.RULE).append('\n');
        List<String> notes = new ArrayList<>();
        if (!converged) notes.add("IRLS did not converge in " + iterations + " iterations; estimates are unreliable.");
        if (alpha == 0 && dispersion > 1.5) {
            notes.add(String.format(Locale.ROOT, "Pearson dispersion %.3g > 1.5: the data are overdispersed for Poisson; SEs are too small (consider NegativeBinomial).", dispersion));
        }
        notes.add("Var(y) = " + (alpha > 0 ? "mu + alpha*mu^2 (NB2)" : "mu (Poisson)") + "; SEs from the Fisher information at the estimate.");
        for (int i = 0; i < notes.size(); i++) sb.append('[').append(i + 1).append("] ").append(notes.get(i)).append('\n');
        return sb.toString();
    }

    @Override
    public String toString() {
        return "GlmResult[" + family + ", n=" + n + ", p=" + p() + ", deviance=" + Fmt.g(deviance) + ", alpha=" + Fmt.g(alpha) + "]";
    }
}
