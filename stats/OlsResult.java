package stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * An immutable OLS fit (see {@link Ols}), made of small parts: the coefficient table under the chosen
 * covariance ({@link #table()}), the classical table, goodness of fit, per-row influence and the residual
 * tests. Array accessors copy, so callers can never change a result; per-observation arrays (fitted,
 * residuals, leverage, Cook's distance) have element accessors too, which do not copy.
 *
 * @param table        estimates and inference under {@link #covarianceType()} (t for nonrobust, normal for robust)
 * @param classical    the nonrobust table sigma^2 (X'X)^-1 (t distribution), whatever was chosen
 * @param covHc3       HC3 covariance (always computed; NaN for coefficients a leverage-1 row determines)
 * @param fit          R^2, F, residual SE, log-likelihood, AIC, BIC, degrees of freedom
 * @param influence    fitted values, residuals, leverage and Cook's distance per row
 * @param residualTests Omnibus, Jarque-Bera, skew, kurtosis, Durbin-Watson
 * @param notes        what the reader must know (undefined robust SEs, leverage-1 rows, collinearity)
 */
public record OlsResult(String response, List<String> names, boolean intercept, Coefficients table, Coefficients classical,
                        double[][] covHc3, double[] vif, GoodnessOfFit fit, Influence influence, ResidualTests residualTests,
                        double conditionNumber, int refinementSteps, List<WaldTest> termTests, List<String> notes)
        implements FittedModel {

    /**
     * @param rSquared centred with an intercept, uncentred without (as statsmodels)
     * @param fPValue  P(F > f) as a survival function (tiny values do not underflow to 0)
     */
    public record GoodnessOfFit(double rSquared, double adjRSquared, double fStatistic, double fPValue, double residualSe,
                                double rss, double tss, double logLikelihood, double aic, double bic,
                                int n, int dfModel, int dfResid) {}

    /** Per row; {@code cooksDistance} is NaN where the leverage is 1 (within rounding). */
    public record Influence(double[] fitted, double[] residuals, double[] leverage, double[] cooksDistance, int[] leverageOne) {}

    public OlsResult {
        names = List.copyOf(names);
        termTests = List.copyOf(termTests);
        notes = List.copyOf(notes);
    }

    @Override public String family() { return "OLS"; }
    @Override public double logLikelihood() { return fit.logLikelihood(); }
    @Override public double aic() { return fit.aic(); }
    @Override public double bic() { return fit.bic(); }
    @Override public int n() { return fit.n(); }

    public double[] tValues() { return table.statistics(); }
    public double[] hc3StandardErrors() {
        double[] s = new double[covHc3.length];
        for (int j = 0; j < s.length; j++) s[j] = Math.sqrt(covHc3[j][j]);
        return s;
    }
    @Override public double[] vif() { return vif.clone(); }
    /** Covariance of the coefficients under the chosen type (classical: {@code classical().covariance()}). */
    public double[][] covariance() { return table.covariance(); }
    @Override public double[][] covHc3() { return Coefficients.deep(covHc3); }

    public double rSquared() { return fit.rSquared(); }
    public double adjRSquared() { return fit.adjRSquared(); }
    public double fStatistic() { return fit.fStatistic(); }
    public double fPValue() { return fit.fPValue(); }
    public double residualSe() { return fit.residualSe(); }
    public double rss() { return fit.rss(); }
    public double tss() { return fit.tss(); }
    public int dfModel() { return fit.dfModel(); }
    public int dfResid() { return fit.dfResid(); }

    public double[] fitted() { return influence.fitted().clone(); }
    public double[] residuals() { return influence.residuals().clone(); }
    public double[] leverage() { return influence.leverage().clone(); }
    public double[] cooksDistance() { return influence.cooksDistance().clone(); }
    public double fitted(int i) { return influence.fitted()[i]; }
    public double residual(int i) { return influence.residuals()[i]; }
    public double leverage(int i) { return influence.leverage()[i]; }
    public double cooksDistance(int i) { return influence.cooksDistance()[i]; }

    /** Predictions for predictor columns (column-major, no intercept column). */
    @Override
    public double[] predictColumns(double[][] columns) {
        return Linear.predictColumns(table.estimates(), intercept, columns, predictorNames());
    }

    /** Standardised (internally studentised) residuals e_i / (s sqrt(1 - h_i)). */
    public double[] studentizedResiduals() {
        int n = n();
        double[] r = new double[n];
        for (int i = 0; i < n; i++) r[i] = residual(i) / (residualSe() * Math.sqrt(1 - leverage(i)));
        return r;
    }

    /** The statsmodels-style summary: header, coefficient table, HC3 SEs and VIFs, term tests, residual tests, notes. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        GoodnessOfFit f = fit;
        sb.append(center("OLS Regression Results")).append('\n').append(Fmt.RULE).append('\n');
        sb.append(Fmt.pair("Dep. Variable", response, "R-squared" + (intercept ? "" : " (uncentered)"), Fmt.g(f.rSquared()))).append('\n');
        sb.append(Fmt.pair("Model", "OLS", "Adj. R-squared", Fmt.g(f.adjRSquared()))).append('\n');
        sb.append(Fmt.pair("Method", "Least Squares", "F-statistic", Fmt.g(f.fStatistic()))).append('\n');
        sb.append(Fmt.pair("No. Observations", Integer.toString(f.n()), "Prob (F-statistic)", Fmt.g(f.fPValue()))).append('\n');
        sb.append(Fmt.pair("Df Residuals", Integer.toString(f.dfResid()), "Log-Likelihood", Fmt.g(f.logLikelihood()))).append('\n');
        sb.append(Fmt.pair("Df Model", Integer.toString(f.dfModel()), "AIC", Fmt.g(f.aic()))).append('\n');
        sb.append(Fmt.pair("Covariance Type", covarianceType(), "BIC", Fmt.g(f.bic()))).append('\n');
        sb.append(Fmt.pair("Residual Std. Error", Fmt.g(f.residualSe()), "Cond. No.", Fmt.g(conditionNumber))).append('\n');
        sb.append(Fmt.RULE).append('\n');
        boolean t = table.tDistribution();
        sb.append(CoefTable.render(names, table.estimates(), table.standardErrors(), table.statistics(), table.pValues(),
                table.lower(), table.upper(), t ? "t" : "z", t ? "P>|t|" : "P>|z|"));
        sb.append(Fmt.THIN).append('\n');
        int w = Fmt.nameWidth(names);
        double[] hc3 = hc3StandardErrors(), b = table.estimates();
        sb.append(Fmt.left("", w)).append(Fmt.pad("HC3 se", 12)).append(Fmt.pad("z (HC3)", 10)).append(Fmt.pad("VIF", 10)).append('\n');
        for (int j = 0; j < names.size(); j++) {
            sb.append(Fmt.left(names.get(j), w)).append(Fmt.num(hc3[j], 12))
                    .append(Fmt.num(b[j] / hc3[j], 10))
                    .append(Double.isNaN(vif[j]) ? Fmt.pad("", 10) : Fmt.num(vif[j], 10)).append('\n');
        }
        sb.append(Fmt.RULE).append('\n');
        sb.append(WaldTable.render(termTests, covarianceType()));
        ResidualTests r = residualTests;
        sb.append(Fmt.pair("Omnibus", Fmt.g(r.omnibus()), "Durbin-Watson", Fmt.g(r.durbinWatson()))).append('\n');
        sb.append(Fmt.pair("Prob(Omnibus)", Fmt.g(r.omnibusP()), "Jarque-Bera (JB)", Fmt.g(r.jarqueBera()))).append('\n');
        sb.append(Fmt.pair("Skew", Fmt.g(r.skew()), "Prob(JB)", Fmt.g(r.jarqueBeraP()))).append('\n');
        sb.append(Fmt.pair("Kurtosis", Fmt.g(r.kurtosis()), "Cond. No.", Fmt.g(conditionNumber))).append('\n');
        sb.append(Fmt.RULE).append('\n');
        List<String> all = new ArrayList<>();
        all.add(covarianceType().equals("nonrobust")
                ? "Standard errors assume the errors are homoskedastic; HC3 column is robust to heteroskedasticity."
                : "Standard errors, tests and intervals use the " + covarianceType() + " covariance (normal distribution); the F-statistic is the classical one.");
        if (conditionNumber > 1e4) all.add(String.format(Locale.ROOT, "The condition number is large (%.3g): predictors may be strongly collinear or badly scaled.",
                conditionNumber));
        for (int j = 0; j < vif.length; j++) {
            if (vif[j] > 10) all.add("VIF of '" + names.get(j) + "' is " + Fmt.g(vif[j]) + " (> 10).");
        }
        all.addAll(notes);
        for (int i = 0; i < all.size(); i++) sb.append('[').append(i + 1).append("] ").append(all.get(i)).append('\n');
        return sb.toString();
    }

    @Override
    public String toString() {
        return "OlsResult[n=" + n() + ", p=" + p() + ", R2=" + Fmt.g(rSquared()) + ", coefficients=" + Arrays.toString(table.estimates()) + "]";
    }

    static String center(String s) {
        int pad = Math.max(0, (78 - s.length()) / 2);
        return " ".repeat(pad) + s;
    }
}
