package stats;

import org.apache.commons.math3.special.Gamma;

import java.util.List;

/**
 * Poisson GLM with log link, fitted by IRLS (see {@link Irls}); the result matches R's
 * {@code glm(y ~ ., family = poisson)} and statsmodels' {@code GLM(y, X, family=Poisson())}.
 * The intercept is named {@code const}. Rank deficiency throws {@link RankDeficientException}.
 * Every entry point is a one-liner into {@link #fit(ModelData, CovarianceType)}.
 */
public final class PoissonGlm {
    private PoissonGlm() {}

    public static GlmResult fit(double[] y, double[][] rows, List<String> names) {
        return fit(ModelData.ofRows(y, rows, names, true), CovarianceType.NONROBUST);
    }

    public static GlmResult fit(DesignMatrix d) {
        return fit(ModelData.of(d), CovarianceType.NONROBUST);
    }

    public static GlmResult fit(DesignMatrix d, CovarianceType cov) {
        return fit(ModelData.of(d), cov);
    }

    public static GlmResult fitColumns(double[] y, double[][] columns, List<String> names, boolean intercept) {
        return fit(ModelData.ofColumns(y, columns, names, intercept, "y"), CovarianceType.NONROBUST);
    }

    public static GlmResult fitColumns(double[] y, double[][] columns, List<String> names, boolean intercept, String response) {
        return fit(ModelData.ofColumns(y, columns, names, intercept, response), CovarianceType.NONROBUST);
    }

    /** The one fitting path. */
    public static GlmResult fit(ModelData data, CovarianceType cov) {
        return fit(data, cov, null);
    }

    /**
     * As above, with IRLS started from the linear predictor {@code etaStart} on these rows (R's {@code etastart};
     * null: the usual start). The converged estimate does not depend on the start, only the number of passes:
     * a likelihood-ratio refit starts from the full model's eta.
     */
    static GlmResult fit(ModelData data, CovarianceType cov, double[] etaStart) {
        double[] y = data.y();
        Ols.Prepared pr = Ols.prepare(y, data.columns(), data.names(), data.intercept());
        checkCounts(y);
        Irls.Basis basis = new Irls.Basis(pr.x(), pr.names(), data.intercept());
        Irls.Family fam = new Irls.Family(0);
        Irls.Fit f = etaStart == null ? Irls.fit(y, basis, fam, null, null) : Irls.fitFromEta(y, basis, fam, etaStart, null, Irls.MAX_ITER);
        double ybar = LeastSquares.accurateMean(y);
        double ll = 0, ll0 = 0;
        for (int i = 0; i < y.length; i++) {
            double lg = Gamma.logGamma(y[i] + 1);
            ll += y[i] * Math.log(f.mu[i]) - f.mu[i] - lg;
            ll0 += y[i] * Math.log(ybar) - ybar - lg;
        }
        return CountFit.result("Poisson", data, pr.names(), pr.x(), basis, f, GlmResult.Alpha.NONE, ll, ll0, pr.names().size(), cov, null);
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
}
