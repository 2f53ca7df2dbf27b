package stats;

import org.apache.commons.math3.distribution.NormalDistribution;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntToDoubleFunction;
import java.util.stream.IntStream;

/**
 * Residual diagnostics ready for plotting: residuals vs fitted (thinned by an even stride to at most
 * {@code maxPoints}), normal Q-Q points of standardised residuals (theoretical quantiles at
 * (i - 0.5)/m), and the largest Cook's distances with their row indices and the common 4/n flag.
 *
 * @param residualKind "studentized" (OLS) or "Pearson" (GLM)
 */
public record Diagnostics(String residualKind, double[] fitted, double[] residuals, double[] qqTheoretical, double[] qqSample,
                          int[] topCookRows, double[] topCook, double cookThreshold, int cookAboveThreshold) {

    public static Diagnostics of(OlsResult r, int topK, int maxPoints) {
        check(topK, maxPoints);
        int n = r.n();
        double se = r.residualSe(), thr = 4.0 / n;
        double[] sr = new double[n]; // studentized residuals, sorted below for the Q-Q points
        TopK top = new TopK(Math.min(topK, n));
        int above = 0;
        for (int i = 0; i < n; i++) { // element accessors: no copies of the result's n-arrays
            sr[i] = r.residual(i) / (se * Math.sqrt(1 - r.leverage(i))); // as OlsResult.studentizedResiduals
            double c = r.cooksDistance(i);
            top.offer(i, c);
            if (c > thr) above++;
        }
        return build("studentized", r::fitted, sr, top, thr, above, maxPoints);
    }

    /**
     * GLM diagnostics from Pearson residuals; Cook's distance uses the GLM leverage
     * h_i = w_i x_i'(X'WX)^-1 x_i, D_i = r_i^2 h_i / (p (1 - h_i)^2). {@code columns} are the predictor
     * columns the model was fitted on (no intercept column), {@code y} its response.
     */
    public static Diagnostics of(GlmResult g, double[] y, double[][] columns, int topK, int maxPoints) {
        check(topK, maxPoints);
        int n = g.n(), p = g.p();
        if (y.length != n) throw new IllegalArgumentException("y has " + y.length + " values but the model was fitted on " + n);
        int off = g.intercept() ? 1 : 0;
        if (columns.length + off != p) throw new IllegalArgumentException(columns.length + " predictor columns but the model has " + p + " coefficients");
        double[][] cov = g.modelCovariance(); // the Fisher information, whatever covariance the table reports
        double alpha = g.alpha(), thr = 4.0 / n;
        double[] pr = new double[n]; // Pearson residuals, sorted below for the Q-Q points
        double[] x = new double[p];
        TopK top = new TopK(Math.min(topK, n));
        int above = 0;
        for (int i = 0; i < n; i++) {
            if (off == 1) x[0] = 1;
            for (int j = 0; j < columns.length; j++) x[off + j] = columns[j][i];
            double q = 0; // x' cov x, using the symmetry of cov
            for (int a = 0; a < p; a++) {
                double[] ca = cov[a];
                double s = 0;
                for (int b = 0; b < a; b++) s += ca[b] * x[b];
                q += x[a] * (2 * s + ca[a] * x[a]);
            }
            double mu = g.fitted(i);
            double v = mu + alpha * mu * mu;
            double e = (y[i] - mu) / Math.sqrt(v); // as GlmResult.pearsonResiduals
            pr[i] = e;
            double h = mu / (1 + alpha * mu) * q;
            double c = 1 - h < Sandwich.LEVERAGE_ONE ? Double.NaN : e * e * h / (p * (1 - h) * (1 - h)); // leverage 1: undefined
            top.offer(i, c);
            if (c > thr) above++;
        }
        return build("Pearson", g::fitted, pr, top, thr, above, maxPoints);
    }

    private static void check(int topK, int maxPoints) {
        if (topK < 0) throw new IllegalArgumentException("topK must be >= 0, got " + topK);
        if (maxPoints < 2) throw new IllegalArgumentException("maxPoints must be >= 2");
    }

    /** Thins (fitted, resid) by an even stride, then sorts {@code resid} in place for the Q-Q points. */
    private static Diagnostics build(String kind, IntToDoubleFunction fitted, double[] resid, TopK top, double thr, int above, int maxPoints) {
        int n = resid.length;
        int m = Math.min(n, maxPoints);
        double[] f = new double[m], r = new double[m];
        for (int k = 0; k < m; k++) {
            int i = (int) ((long) k * n / m);
            f[k] = fitted.applyAsDouble(i);
            r[k] = resid[i];
        }
        Arrays.sort(resid);
        NormalDistribution nd = new NormalDistribution(null, 0, 1);
        double[] qt = new double[m], qs = new double[m];
        for (int k = 0; k < m; k++) {
            double prob = (k + 0.5) / m;
            qt[k] = nd.inverseCumulativeProbability(prob);
            qs[k] = Bootstrap.quantile(resid, prob);
        }
        return new Diagnostics(kind, f, r, qt, qs, top.rows(), top.values(), thr, above);
    }

    /** Q-Q points and the count of Cook's distances above 4/n; {@link #summary()} adds the largest by row. */
    public String overview() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Residual diagnostics (%s residuals, %d plotted points)%n", residualKind, fitted.length));
        int[] qi = {0, qqTheoretical.length / 4, qqTheoretical.length / 2, 3 * qqTheoretical.length / 4, qqTheoretical.length - 1};
        sb.append("Q-Q (theoretical -> sample):");
        for (int i : qi) sb.append(String.format(Locale.ROOT, "  %.2f->%.2f", qqTheoretical[i], qqSample[i]));
        sb.append('\n');
        sb.append(String.format(Locale.ROOT, "Cook's distance > 4/n = %.3g: %d rows.%n", cookThreshold, cookAboveThreshold));
        return sb.toString();
    }

    /** {@link #overview()} and the largest Cook's distances by row position in the fitted data. */
    public String summary() {
        StringBuilder sb = new StringBuilder(overview());
        sb.append("Largest Cook's distances (row in the fitted data):\n");
        for (int j = 0; j < topCookRows.length; j++) sb.append(String.format(Locale.ROOT, "  row %d: %.4g%n", topCookRows[j], topCook[j]));
        return sb.toString();
    }

    /** Convenience for callers that want (x, y) pairs. */
    public List<double[]> residualsVsFitted() {
        return IntStream.range(0, fitted.length).mapToObj(i -> new double[]{fitted[i], residuals[i]}).toList();
    }
}
