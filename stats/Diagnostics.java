//DEPS org.apache.commons:commons-math3:3.6.1
package stats;

import org.apache.commons.math3.distribution.NormalDistribution;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

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
        return build("studentized", r.fitted(), r.studentizedResiduals(), r.cooksDistance(), topK, maxPoints);
    }

    /**
     * GLM diagnostics from Pearson residuals; Cook's distance uses the GLM leverage
     * h_i = w_i x_i'(X'WX)^-1 x_i, D_i = r_i^2 h_i / (p (1 - h_i)^2). {@code columns} are the predictor
     * columns the model was fitted on (no intercept column), {@code y} its response.
     */
    public static Diagnostics of(GlmResult g, double[] y, double[][] columns, int topK, int maxPoints) {
        int n = g.n(), p = g.p();
        if (y.length != n) throw new IllegalArgumentException("y has " + y.length + " values but the model was fitted on " + n);
        double[][] cov = g.covariance();
        double[] pr = g.pearsonResiduals(y);
        double[] cook = new double[n];
        double[] x = new double[p];
        int off = g.intercept() ? 1 : 0;
        for (int i = 0; i < n; i++) {
            if (g.intercept()) x[0] = 1;
            for (int j = 0; j < columns.length; j++) x[off + j] = columns[j][i];
            double q = 0;
            for (int a = 0; a < p; a++) {
                double s = 0;
                for (int b = 0; b < p; b++) s += cov[a][b] * x[b];
                q += x[a] * s;
            }
            double mu = g.fitted(i);
            double h = mu / (1 + g.alpha() * mu) * q;
            cook[i] = pr[i] * pr[i] * h / (p * (1 - h) * (1 - h));
        }
        return build("Pearson", g.fitted(), pr, cook, topK, maxPoints);
    }

    private static Diagnostics build(String kind, double[] fitted, double[] resid, double[] cook, int topK, int maxPoints) {
        int n = fitted.length;
        if (maxPoints < 2) throw new IllegalArgumentException("maxPoints must be >= 2");
        int m = Math.min(n, maxPoints);
        double[] f = new double[m], r = new double[m];
        for (int k = 0; k < m; k++) {
            int i = (int) ((long) k * n / m);
            f[k] = fitted[i];
            r[k] = resid[i];
        }
        double[] sorted = resid.clone();
        Arrays.sort(sorted);
        NormalDistribution nd = new NormalDistribution(null, 0, 1);
        double[] qt = new double[m], qs = new double[m];
        for (int k = 0; k < m; k++) {
            double prob = (k + 0.5) / m;
            qt[k] = nd.inverseCumulativeProbability(prob);
            qs[k] = Bootstrap.quantile(sorted, prob);
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        int k = Math.min(topK, n);
        int[] top = Arrays.stream(order).sorted(Comparator.comparingDouble((Integer i) -> -(Double.isNaN(cook[i]) ? -1 : cook[i])))
                .limit(k).mapToInt(Integer::intValue).toArray();
        double[] topV = new double[k];
        for (int j = 0; j < k; j++) topV[j] = cook[top[j]];
        double thr = 4.0 / n;
        int above = 0;
        for (double c : cook) if (c > thr) above++;
        return new Diagnostics(kind, f, r, qt, qs, top, topV, thr, above);
    }

    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Residual diagnostics (%s residuals, %d plotted points)%n", residualKind, fitted.length));
        int[] qi = {0, qqTheoretical.length / 4, qqTheoretical.length / 2, 3 * qqTheoretical.length / 4, qqTheoretical.length - 1};
        sb.append("Q-Q (theoretical -> sample):");
        for (int i : qi) sb.append(String.format(Locale.ROOT, "  %.2f->%.2f", qqTheoretical[i], qqSample[i]));
        sb.append('\n');
        sb.append(String.format(Locale.ROOT, "Cook's distance > 4/n = %.3g: %d rows. Largest:%n", cookThreshold, cookAboveThreshold));
        for (int j = 0; j < topCookRows.length; j++) sb.append(String.format(Locale.ROOT, "  row %d: %.4g%n", topCookRows[j], topCook[j]));
        return sb.toString();
    }

    /** Convenience for callers that want (x, y) pairs. */
    public List<double[]> residualsVsFitted() {
        return java.util.stream.IntStream.range(0, fitted.length).mapToObj(i -> new double[]{fitted[i], residuals[i]}).toList();
    }
}
