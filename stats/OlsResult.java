package stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable OLS fit (see {@link Ols}). Array components are copied on the way out, so callers can
 * never change a result; per-observation arrays (fitted, residuals, leverage, Cook's distance) have
 * element accessors too, which do not copy.
 *
 * @param names       coefficient names in order ({@code const} first when there is an intercept)
 * @param covariance  classical covariance sigma^2 (X'X)^-1
 * @param covHc3      HC3 heteroskedasticity-robust covariance
 * @param residualSe  residual standard error sqrt(RSS / df_resid)
 * @param refinementSteps iterative-refinement steps the solver took
 */
public record OlsResult(String response, List<String> names, boolean intercept,
                        double[] coefficients, double[] standardErrors, double[] tValues, double[] pValues,
                        double[] ciLower, double[] ciUpper, double[] hc3StandardErrors, double[] vif,
                        double[][] covariance, double[][] covHc3,
                        double rSquared, double adjRSquared, double fStatistic, double fPValue,
                        double residualSe, double rss, double tss, double logLikelihood, double aic, double bic,
                        int n, int dfModel, int dfResid, double conditionNumber,
                        double[] fitted, double[] residuals, double[] leverage, double[] cooksDistance,
                        int refinementSteps) {

    public OlsResult {
        names = List.copyOf(names);
    }

    @Override public double[] coefficients() { return coefficients.clone(); }
    @Override public double[] standardErrors() { return standardErrors.clone(); }
    @Override public double[] tValues() { return tValues.clone(); }
    @Override public double[] pValues() { return pValues.clone(); }
    @Override public double[] ciLower() { return ciLower.clone(); }
    @Override public double[] ciUpper() { return ciUpper.clone(); }
    @Override public double[] hc3StandardErrors() { return hc3StandardErrors.clone(); }
    @Override public double[] vif() { return vif.clone(); }
    @Override public double[][] covariance() { return deep(covariance); }
    @Override public double[][] covHc3() { return deep(covHc3); }
    @Override public double[] fitted() { return fitted.clone(); }
    @Override public double[] residuals() { return residuals.clone(); }
    @Override public double[] leverage() { return leverage.clone(); }
    @Override public double[] cooksDistance() { return cooksDistance.clone(); }

    public double fitted(int i) { return fitted[i]; }
    public double residual(int i) { return residuals[i]; }
    public double leverage(int i) { return leverage[i]; }
    public double cooksDistance(int i) { return cooksDistance[i]; }

    /** Coefficient by name. */
    public double coefficient(String name) { return coefficients[index(name)]; }
    public double standardError(String name) { return standardErrors[index(name)]; }

    public int index(String name) {
        int i = names.indexOf(name);
        if (i < 0) throw new IllegalArgumentException("no coefficient named '" + name + "'; have " + names);
        return i;
    }

    /** Number of coefficients. */
    public int p() { return coefficients.length; }

    /** Predictors without the intercept, in the column order {@link #predict} expects. */
    public List<String> predictorNames() {
        return intercept ? names.subList(1, names.size()) : names;
    }

    /** Predictions for rows of predictors (no intercept column: it is added when the model has one). */
    public double[] predict(double[][] rows) {
        int k = predictorNames().size();
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != k) throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values; the model needs " + k + " " + predictorNames());
            double s = intercept ? coefficients[0] : 0;
            int off = intercept ? 1 : 0;
            for (int j = 0; j < k; j++) s += coefficients[off + j] * rows[i][j];
            out[i] = s;
        }
        return out;
    }

    /** Predictions for predictor columns (column-major, no intercept column). */
    public double[] predictColumns(double[][] columns) {
        return Linear.predictColumns(coefficients, intercept, columns, predictorNames());
    }

    /** Standardised (internally studentised) residuals e_i / (s sqrt(1 - h_i)). */
    public double[] studentizedResiduals() {
        double[] r = new double[n];
        for (int i = 0; i < n; i++) r[i] = residuals[i] / (residualSe * Math.sqrt(1 - leverage[i]));
        return r;
    }

    /** The statsmodels-style summary table (classical SEs), followed by HC3 SEs and VIFs. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(center("OLS Regression Results")).append('\n').append(Fmt.RULE).append('\n');
        sb.append(Fmt.pair("Dep. Variable", response, "R-squared" + (intercept ? "" : " (uncentered)"), Fmt.g(rSquared))).append('\n');
        sb.append(Fmt.pair("Model", "OLS", "Adj. R-squared", Fmt.g(adjRSquared))).append('\n');
        sb.append(Fmt.pair("Method", "Least Squares", "F-statistic", Fmt.g(fStatistic))).append('\n');
        sb.append(Fmt.pair("No. Observations", Integer.toString(n), "Prob (F-statistic)", Fmt.g(fPValue))).append('\n');
        sb.append(Fmt.pair("Df Residuals", Integer.toString(dfResid), "Log-Likelihood", Fmt.g(logLikelihood))).append('\n');
        sb.append(Fmt.pair("Df Model", Integer.toString(dfModel), "AIC", Fmt.g(aic))).append('\n');
        sb.append(Fmt.pair("Covariance Type", "nonrobust", "BIC", Fmt.g(bic))).append('\n');
        sb.append(Fmt.pair("Residual Std. Error", Fmt.g(residualSe), "Cond. No.", Fmt.g(conditionNumber))).append('\n');
        sb.append(Fmt.RULE).append('\n');
        sb.append(CoefTable.render(names, coefficients, standardErrors, tValues, pValues, ciLower, ciUpper, "t", "P>|t|"));
        sb.append(Fmt.THIN).append('\n');
        int w = Fmt.nameWidth(names);
        sb.append(Fmt.left("", w)).append(Fmt.pad("HC3 se", 12)).append(Fmt.pad("z (HC3)", 10)).append(Fmt.pad("VIF", 10)).append('\n');
        for (int j = 0; j < names.size(); j++) {
            sb.append(Fmt.left(names.get(j), w)).append(Fmt.num(hc3StandardErrors[j], 12))
                    .append(Fmt.num(coefficients[j] / hc3StandardErrors[j], 10))
                    .append(Double.isNaN(vif[j]) ? Fmt.pad("", 10) : Fmt.num(vif[j], 10)).append('\n');
        }
        sb.append(Fmt.RULE).append('\n');
        List<String> notes = new ArrayList<>();
        notes.add("Standard errors assume the errors are homoskedastic; HC3 column is robust to heteroskedasticity.");
        if (conditionNumber > 1e4) notes.add(String.format(java.util.Locale.ROOT, "The condition number is large (%.3g): predictors may be strongly collinear or badly scaled.", conditionNumber));
        for (int j = 0; j < vif.length; j++) {
            if (vif[j] > 10) notes.add("VIF of '" + names.get(j) + "' is " + Fmt.g(vif[j]) + " (> 10).");
        }
        for (int i = 0; i < notes.size(); i++) sb.append('[').append(i + 1).append("] ").append(notes.get(i)).append('\n');
        return sb.toString();
    }

    @Override
    public String toString() {
        return "OlsResult[n=" + n + ", p=" + p() + ", R2=" + Fmt.g(rSquared) + ", coefficients=" + Arrays.toString(coefficients) + "]";
    }

    static String center(String s) {
        int pad = Math.max(0, (78 - s.length()) / 2);
        return " ".repeat(pad) + s;
    }

    private static double[][] deep(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) c[i] = a[i].clone();
        return c;
    }
}
