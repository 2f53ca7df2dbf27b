package impute;

import java.util.ArrayList;
import java.util.List;

/**
 * The regression models behind REGRESSION and ITERATIVE: linear least squares for numeric targets, logistic /
 * multinomial logistic (Newton-Raphson) for categorical ones. Features are standardised and a tiny ridge
 * penalty keeps the normal equations solvable when a dummy is constant in the fitted rows (it then gets a zero
 * coefficient instead of an error: an imputation model must always produce a value); the logistic models get a
 * weak ridge (lambda 0.1 on standardised features) so that separated levels (rare levels in small samples,
 * bootstrap resamples) keep finite coefficients and Newton converges in a few steps.
 */
final class Models {
    private Models() {}

    private static final double RIDGE_LINEAR = 1e-8, RIDGE_LOGIT = 0.1;

    static List<String> terms(List<ColumnImputer> cols, int t) {
        List<String> out = new ArrayList<>();
        out.add("const");
        for (int c = 0; c < cols.size(); c++) {
            if (c == t) continue;
            ColumnImputer ci = cols.get(c);
            if (!ci.categorical()) out.add(ci.name());
            else for (int l = 1; l < ci.levels().size(); l++) out.add(ci.name() + "[T." + ci.levels().get(l) + "]");
        }
        return out;
    }

    /** Fills {@code x} with the design row of target {@code t} at row {@code i} of the (filled) frame {@code w}. */
    static void row(double[] x, Frame w, List<ColumnImputer> cols, int t, int i) {
        int j = 0;
        x[j++] = 1;
        for (int c = 0; c < cols.size(); c++) {
            if (c == t) continue;
            ColumnImputer ci = cols.get(c);
            if (!ci.categorical()) x[j++] = (w.num[c][i] - ci.mean()) / ci.sd();
            else {
                int lv = w.code[c][i], k = ci.levels().size();
                for (int l = 1; l < k; l++) x[j++] = lv == l ? 1 : 0;
            }
        }
    }

    static PredictionModel fitLinear(Frame w, List<ColumnImputer> cols, int t, int[] rows) {
        List<String> terms = terms(cols, t);
        int p = terms.size(), n = rows.length;
        double[][] a = new double[p][p];
        double[] b = new double[p], x = new double[p];
        double[] y = w.num[t];
        for (int i : rows) {
            row(x, w, cols, t, i);
            double yi = y[i];
            for (int r = 0; r < p; r++) {
                double xr = x[r];
                if (xr == 0) continue;
                b[r] += xr * yi;
                double[] ar = a[r];
                for (int s = r; s < p; s++) ar[s] += xr * x[s];
            }
        }
        for (int r = 0; r < p; r++) {
            for (int s = 0; s < r; s++) a[r][s] = a[s][r];
            a[r][r] += RIDGE_LINEAR * Math.max(n, 1) + (r == 0 ? 0 : 1e-12);
        }
        double[] beta = Linalg.solveSpd(a, b);
        double rss = 0;
        for (int i : rows) {
            row(x, w, cols, t, i);
            double e = y[i] - dot(beta, x);
            rss += e * e;
        }
        double sigma = n > p ? Math.sqrt(rss / (n - p)) : 0;
        return PredictionModel.of(terms, new double[][] {beta}, sigma, n);
    }

    static PredictionModel fitMultinomial(Frame w, List<ColumnImputer> cols, int t, int[] rows, double[][] warm) {
        List<String> terms = terms(cols, t);
        int p = terms.size(), k1 = cols.get(t).levels().size() - 1, q = k1 * p, n = rows.length;
        double[][] beta = new double[k1][p];
        if (warm != null && warm.length == k1 && warm[0].length == p) for (int k = 0; k < k1; k++) beta[k] = warm[k].clone();
        int[] y = w.code[t];
        double[][] xs = new double[n][p];
        for (int r = 0; r < n; r++) row(xs[r], w, cols, t, rows[r]);
        double ll = logLik(beta, xs, y, rows);
        double[] pr = new double[k1];
        for (int iter = 0; iter < 50; iter++) {
            double[] g = new double[q];
            double[][] h = new double[q][q];
            for (int r = 0; r < n; r++) {
                double[] x = xs[r];
                probs(beta, x, pr);
                int yi = y[rows[r]];
                for (int k = 0; k < k1; k++) {
                    double resid = (yi == k + 1 ? 1 : 0) - pr[k];
                    for (int a = 0; a < p; a++) g[k * p + a] += resid * x[a];
                    for (int l = k; l < k1; l++) {
                        double wkl = pr[k] * ((k == l ? 1 : 0) - pr[l]);
                        if (wkl == 0) continue;
                        int ro = k * p, co = l * p;
                        for (int a = 0; a < p; a++) {
                            double wa = wkl * x[a];
                            if (wa == 0) continue;
                            double[] ha = h[ro + a];
                            int b0 = k == l ? a : 0;
                            for (int b = b0; b < p; b++) ha[co + b] += wa * x[b];
                        }
                    }
                }
            }
            for (int k = 0; k < k1; k++) for (int a = 0; a < p; a++) g[k * p + a] -= RIDGE_LOGIT * beta[k][a];
            for (int r = 0; r < q; r++) {
                for (int s = 0; s < r; s++) h[r][s] = h[s][r];
                h[r][r] += RIDGE_LOGIT;
            }
            // the upper triangle of the diagonal blocks was filled for b >= a only; mirror within those blocks
            for (int k = 0; k < k1; k++) {
                int o = k * p;
                for (int a = 0; a < p; a++) for (int b = 0; b < a; b++) h[o + a][o + b] = h[o + b][o + a];
            }
            double[] step = Linalg.solveSpd(h, g);
            double scale = 1, maxStep = 0;
            for (double s : step) maxStep = Math.max(maxStep, Math.abs(s));
            double[][] next = new double[k1][p];
            double llNext = Double.NEGATIVE_INFINITY;
            for (int half = 0; half < 30; half++) {
                for (int k = 0; k < k1; k++) for (int a = 0; a < p; a++) next[k][a] = beta[k][a] + scale * step[k * p + a];
                llNext = logLik(next, xs, y, rows);
                if (llNext >= ll - 1e-12 * Math.abs(ll)) break;
                scale /= 2;
            }
            beta = next;
            double change = llNext - ll;
            ll = llNext;
            if (maxStep * scale < 1e-7 || Math.abs(change) < 1e-9 * (Math.abs(ll) + 1)) break;
        }
        return PredictionModel.of(terms, beta, 0, n);
    }

    /** Penalised log-likelihood. */
    private static double logLik(double[][] beta, double[][] xs, int[] y, int[] rows) {
        int k1 = beta.length;
        double ll = 0;
        double[] eta = new double[k1];
        for (int r = 0; r < xs.length; r++) {
            double max = 0;
            for (int k = 0; k < k1; k++) {
                eta[k] = dot(beta[k], xs[r]);
                max = Math.max(max, eta[k]);
            }
            double z = Math.exp(-max);
            for (int k = 0; k < k1; k++) z += Math.exp(eta[k] - max);
            int yi = y[rows[r]];
            ll += (yi == 0 ? 0 : eta[yi - 1]) - max - Math.log(z);
        }
        double pen = 0;
        for (double[] b : beta) for (double v : b) pen += v * v;
        return ll - 0.5 * RIDGE_LOGIT * pen;
    }

    /** Probabilities of levels 1..K-1 (level 0 is 1 - their sum). */
    static void probs(double[][] beta, double[] x, double[] out) {
        int k1 = beta.length;
        double max = 0;
        for (int k = 0; k < k1; k++) {
            out[k] = dot(beta[k], x);
            max = Math.max(max, out[k]);
        }
        double z = Math.exp(-max);
        for (int k = 0; k < k1; k++) {
            out[k] = Math.exp(out[k] - max);
            z += out[k];
        }
        for (int k = 0; k < k1; k++) out[k] /= z;
    }

    /** Best guess (or, with {@code u} in (0,1), a draw) of a level from the model's probabilities. */
    static int level(double[][] beta, double[] x, double[] scratch, double u) {
        probs(beta, x, scratch);
        double p0 = 1;
        for (double v : scratch) p0 -= v;
        if (Double.isNaN(u)) {
            int best = 0;
            double top = p0;
            for (int k = 0; k < scratch.length; k++) if (scratch[k] > top) { top = scratch[k]; best = k + 1; }
            return best;
        }
        double c = p0;
        if (u < c) return 0;
        for (int k = 0; k < scratch.length; k++) {
            c += scratch[k];
            if (u < c) return k + 1;
        }
        return scratch.length;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
