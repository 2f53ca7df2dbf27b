package stats;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds the {@link GlmResult} of a converged log-link count fit (Poisson or NB2; package-private):
 * the chosen covariance, fit statistics, per-term Wald tests and the separation check.
 */
final class CountFit {
    private CountFit() {}

    /**
     * @param alpha          NB2 alpha (0: Poisson) with its SE etc.
     * @param ll             log-likelihood at the estimate; {@code ll0} of the intercept-only model
     * @param k              estimated parameters for AIC/BIC
     * @param observedCov    NB2's beta block of the inverse observed information (original coordinates), or null
     */
    static GlmResult result(String family, ModelData data, List<String> names, double[][] x, Irls.Basis basis, Irls.Fit f,
                            GlmResult.Alpha alpha, double ll, double ll0, int k, CovarianceType type, double[][] observedCov) {
        double[] y = data.y();
        int n = y.length, p = names.size();
        double a = alpha.estimate();
        Irls.Family fam = new Irls.Family(a);
        List<String> notes = new ArrayList<>();
        double[][] cov = switch (type.kind()) {
            case NONROBUST -> f.covUnscaled;
            case OBSERVED -> observedCov != null ? observedCov : f.covUnscaled;
            default -> sandwich(type, y, x, basis, f, a, names, notes);
        };
        Coefficients table = Coefficients.of(names, f.beta, cov, type.label(), 0);
        double pearson = 0, nullDev = 0;
        double ybar = LeastSquares.accurateMean(y);
        double mu0 = data.intercept() ? ybar : 1;
        for (int i = 0; i < n; i++) {
            double r = y[i] - f.mu[i];
            pearson += r * r / fam.variance(f.mu[i]);
            nullDev += fam.unitDeviance(y[i], mu0);
        }
        int dfResid = n - p;
        int dfModel = data.intercept() ? p - 1 : p;
        notes.addAll(separated(y, x, names, data.intercept()));
        if (type.kind() == CovarianceType.Kind.CLUSTER) {
            notes.add(type.clusterNote(p));
        }
        GlmResult.Fit fit = new GlmResult.Fit(f.deviance, nullDev, pearson, pearson / dfResid, ll, ll0,
                -2 * ll + 2 * k, -2 * ll + k * Math.log(n), n, dfModel, dfResid, f.iterations, f.converged);
        return new GlmResult(family, data.response(), names, data.intercept(), table, f.covUnscaled, alpha, fit, f.mu,
                FittedModel.waldPerTerm(table, data.terms()), notes);
    }

    /** B (sum of score outer products) B in the basis, B = (X'WX)^-1, mapped to original coordinates. */
    private static double[][] sandwich(CovarianceType type, double[] y, double[][] x, Irls.Basis basis, Irls.Fit f, double alpha,
                                       List<String> names, List<String> notes) {
        int n = y.length, p = names.size();
        double[] u = new double[n];
        for (int i = 0; i < n; i++) u[i] = (y[i] - f.mu[i]) / (1 + alpha * f.mu[i]);
        double[][] c = f.covBasis;
        double[] h = null;
        if (type.kind() == CovarianceType.Kind.HC2 || type.kind() == CovarianceType.Kind.HC3) {
            h = new double[n];
            double[] v = new double[p];
            for (int i = 0; i < n; i++) {
                basis.row(i, v);
                double q = 0;
                for (int r = 0; r < p; r++) {
                    double s = 0;
                    for (int t = 0; t < p; t++) s += c[r][t] * v[t];
                    q += v[r] * s;
                }
                h[i] = f.mu[i] / (1 + alpha * f.mu[i]) * q;
            }
        }
        Sandwich.Meat meat = Sandwich.meat(type, n, p, basis::row, u, h);
        double[][] cov = basis.covToOriginal(Solve.sandwich(c, meat.m()));
        Set<String> undefined = new LinkedHashSet<>();
        for (int i : meat.leverageOne()) {
            double[] xi = new double[p];
            for (int j = 0; j < p; j++) xi[j] = x[j][i];
            undefined.addAll(Sandwich.markUndefined(cov, f.covUnscaled, xi, f.mu[i] / (1 + alpha * f.mu[i]), names));
        }
        if (!undefined.isEmpty()) notes.add(type.label() + " SEs undefined (NaN) for " + LeastSquares.quote(List.copyOf(undefined)) + ": a row with leverage 1 determines them.");
        return cov;
    }

    /**
     * Indicator (0/1) columns whose rows with a 1 all have response 0: the MLE of that coefficient is
     * -infinity, so IRLS "converges" on a large negative value with a huge SE. Named, never hidden.
     */
    static List<String> separated(double[] y, double[][] x, List<String> names, boolean intercept) {
        List<String> out = new ArrayList<>();
        for (int j = intercept ? 1 : 0; j < x.length; j++) {
            double[] c = x[j];
            long ones = 0;
            double sum = 0;
            boolean indicator = true;
            for (int i = 0; i < c.length && indicator; i++) {
                if (c[i] == 1) {
                    ones++;
                    sum += y[i];
                } else if (c[i] != 0) indicator = false;
            }
            if (indicator && ones > 0 && sum == 0) {
                out.add("Separation: all " + ones + " rows with '" + names.get(j) + "' have response 0, so its coefficient is not identified"
                        + " (the estimate runs to -infinity: the reported value and its huge SE are artefacts of stopping). Merge or drop the level.");
            }
        }
        return out;
    }
}
