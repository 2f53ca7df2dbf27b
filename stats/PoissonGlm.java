//DEPS org.apache.commons:commons-math3:3.6.1
package stats;

import org.apache.commons.math3.special.Gamma;

import java.util.List;

/**
 * Poisson GLM with log link, fitted by IRLS (see {@link Irls}); the result matches R's
 * {@code glm(y ~ ., family = poisson)} and statsmodels' {@code GLM(y, X, family=Poisson())}.
 * The intercept is named {@code const}. Rank deficiency throws {@link RankDeficientException}.
 */
public final class PoissonGlm {
    private PoissonGlm() {}

    public static GlmResult fit(double[] y, double[][] rows, List<String> names) {
        return fitColumns(y, Columns.fromRows(rows, names, y.length), names, true, "y");
    }

    public static GlmResult fit(DesignMatrix d) {
        return fitColumns(d.y(), d.columns(), d.names(), d.intercept(), d.response());
    }

    public static GlmResult fitColumns(double[] y, double[][] columns, List<String> names, boolean intercept) {
        return fitColumns(y, columns, names, intercept, "y");
    }

    public static GlmResult fitColumns(double[] y, double[][] columns, List<String> names, boolean intercept, String response) {
        Ols.Prepared pr = Ols.prepare(y, columns, names, intercept);
        checkCounts(y);
        Irls.Basis basis = new Irls.Basis(pr.x(), pr.names(), intercept);
        Irls.Fit f = Irls.fit(y, basis, new Irls.Family(0), null, null);
        double ll = 0;
        for (int i = 0; i < y.length; i++) ll += y[i] * Math.log(f.mu[i]) - f.mu[i] - Gamma.logGamma(y[i] + 1);
        return result("Poisson", response, pr.names(), intercept, y, f, 0, Double.NaN, ll, pr.names().size());
    }

    /** Coefficients only, warm-startable: used by cross-validation and the bootstrap. */
    static double[] coefficients(double[] y, double[][] x, List<String> names, boolean intercept) {
        checkCounts(y);
        return Irls.fit(y, new Irls.Basis(x, names, intercept), new Irls.Family(0), null, null).beta;
    }

    static void checkCounts(double[] y) {
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            if (!(y[i] >= 0) || !Double.isFinite(y[i])) throw new IllegalArgumentException("count response must be finite and >= 0; row " + i + " has " + y[i]);
            sum += y[i];
        }
        if (sum == 0) throw new IllegalArgumentException("the response is zero in every row; a log-link count model cannot be fitted");
    }

    /** Builds the result record (shared with {@link NegativeBinomial}). k = number of estimated parameters for AIC/BIC. */
    static GlmResult result(String family, String response, List<String> names, boolean intercept, double[] y, Irls.Fit f,
                            double alpha, double alphaSe, double ll, int k) {
        int n = y.length, p = names.size();
        Irls.Family fam = new Irls.Family(alpha);
        double[] se = new double[p], z = new double[p], pv = new double[p], lo = new double[p], hi = new double[p];
        double q = 1.959963984540054;
        for (int j = 0; j < p; j++) {
            se[j] = Math.sqrt(f.covUnscaled[j][j]);
            z[j] = f.beta[j] / se[j];
            pv[j] = 2 * normalUpperTail(Math.abs(z[j]));
            lo[j] = f.beta[j] - q * se[j];
            hi[j] = f.beta[j] + q * se[j];
        }
        double pearson = 0, nullDev = 0;
        double ybar = LeastSquares.accurateMean(y);
        double mu0 = intercept ? ybar : 1;
        for (int i = 0; i < n; i++) {
            double r = y[i] - f.mu[i];
            pearson += r * r / fam.variance(f.mu[i]);
            nullDev += fam.unitDeviance(y[i], mu0);
        }
        int dfResid = n - p;
        int dfModel = intercept ? p - 1 : p;
        double aic = -2 * ll + 2 * k, bic = -2 * ll + k * Math.log(n);
        return new GlmResult(family, response, names, intercept, f.beta, se, z, pv, lo, hi, f.covUnscaled,
                alpha, alphaSe, f.deviance, nullDev, pearson, pearson / dfResid, ll, aic, bic,
                n, dfModel, dfResid, f.iterations, f.converged, f.mu);
    }

    static double normalUpperTail(double x) {
        return 0.5 * org.apache.commons.math3.special.Erf.erfc(x / Math.sqrt(2));
    }
}
