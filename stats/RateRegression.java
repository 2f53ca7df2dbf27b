package stats;

import numerics.Tails;
import org.apache.commons.math3.special.Gamma;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Count regression with an identity or a log link and a Poisson or NB2 variance, by IRLS, with robust
 * (sandwich, HC1) standard errors next to the model-based ones.
 *
 * <p>Why its own fitter: an additive lift ("each exposure adds b visits") is an identity-link model,
 * which {@link PoissonGlm} and {@link NegativeBinomial} (log link) cannot express. With an identity link
 * the fitted means x'b must stay positive: every IRLS step that would make one fall below a floor is
 * halved back towards the last feasible estimate. The columns are given as they are (no intercept is
 * added: pass a column of ones named {@code const}). The robust covariance is the default for intervals
 * because it stays valid when the variance function is wrong (visits may be under- or overdispersed);
 * the estimates themselves are consistent for the conditional mean either way.
 *
 * <p>NB2's alpha is either given or estimated by the method of moments on the Pearson residuals
 * (alternating with the mean fit three times); it only changes the weights.
 * Cross products are summed over a fixed set of row chunks in parallel, so the result does not depend
 * on the thread count.
 */
public final class RateRegression {
    private RateRegression() {}

    public enum Link { IDENTITY, LOG }

    static final int CHUNKS = 64;

    /**
     * One fit.
     *
     * @param covRobust  sandwich covariance (HC1), used for {@link #lower}/{@link #upper}
     * @param covModel   inverse Fisher information at the estimate (dispersion 1)
     * @param alpha      NB2 dispersion, 0 for Poisson
     * @param floorSteps IRLS steps halved to keep identity-link means above the floor
     * @param method     "IRLS" (maximum likelihood) or "one-step WLS" (see {@link #oneStep})
     */
    public record Fit(Link link, List<String> names, double[] beta, double[][] covRobust, double[][] covModel,
                      double alpha, double logLikelihood, double aic, int n, int iterations, boolean converged,
                      int floorSteps, double[] fitted, String method) {
        public Fit { names = List.copyOf(names); }

        public int index(String name) {
            int j = names.indexOf(name);
            if (j < 0) throw new IllegalArgumentException("no coefficient '" + name + "'; have " + names);
            return j;
        }
        public double coef(String name) { return beta[index(name)]; }
        public double se(int j) { return Math.sqrt(covRobust[j][j]); }
        public double modelSe(int j) { return Math.sqrt(covModel[j][j]); }
        public double lower(int j, double z) { return beta[j] - z * se(j); }
        public double upper(int j, double z) { return beta[j] + z * se(j); }
        public String family() { return alpha > 0 ? "NB2" : "Poisson"; }

        /** Robust Wald test that the coefficients {@code idx} are all zero: {chi2, df, p}. */
        public double[] waldZero(int[] idx) {
            double[][] c = new double[idx.length][beta.length];
            for (int r = 0; r < idx.length; r++) c[r][idx[r]] = 1;
            return wald(c);
        }

        /** Robust Wald test that C b = 0 for contrast rows C: {chi2, df, p}. */
        public double[] wald(double[][] c) {
            int m = c.length, p = beta.length;
            double[] cb = new double[m];
            double[][] v = new double[m][m];
            for (int r = 0; r < m; r++) {
                for (int j = 0; j < p; j++) cb[r] += c[r][j] * beta[j];
                for (int s = 0; s < m; s++) {
                    double acc = 0;
                    for (int j = 0; j < p; j++) {
                        if (c[r][j] == 0) continue;
                        for (int k = 0; k < p; k++) acc += c[r][j] * covRobust[j][k] * c[s][k];
                    }
                    v[r][s] = acc;
                }
            }
            double[][] inv = invert(v, null);
            double chi2 = 0;
            for (int r = 0; r < m; r++) for (int s = 0; s < m; s++) chi2 += cb[r] * inv[r][s] * cb[s];
            double pv = Tails.chiSquared(chi2, m);
            return new double[] {chi2, m, pv};
        }

        /** statsmodels-like coefficient table with robust SEs. */
        public String summary() {
            int p = beta.length;
            double[] se = new double[p], z = new double[p], pv = new double[p], lo = new double[p], hi = new double[p];
            for (int j = 0; j < p; j++) {
                se[j] = se(j);
                z[j] = beta[j] / se[j];
                pv[j] = Tails.normalTwoSided(z[j]);
                lo[j] = lower(j, Tails.Z975);
                hi[j] = upper(j, Tails.Z975);
            }
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "%s regression, %s link, n = %,d, log-likelihood %.6g, AIC %.6g%s, %d iterations%s%n",
                    family(), link.name().toLowerCase(Locale.ROOT), n, logLikelihood, aic,
                    alpha > 0 ? String.format(Locale.ROOT, ", alpha %.4g (moments)", alpha) : "", iterations, converged ? "" : " (NOT converged)"));
            sb.append(CoefTable.render(names, beta, se, z, pv, lo, hi, "z", "P>|z|"));
            sb.append("Standard errors: robust (sandwich, HC1).");
            if (floorSteps > 0) sb.append(" ").append(floorSteps).append(" IRLS steps were shortened to keep fitted means positive.");
            return sb.append('\n').toString();
        }
    }

    /** Fits with a fixed alpha (0 = Poisson). */
    public static Fit fit(double[] y, double[][] columns, List<String> names, Link link, double alpha) {
        check(y, columns, names);
        return irls(y, columns, names, link, alpha, null, null);
    }

    /**
     * Log link, IRLS started from positive means {@code mu0} (e.g. an identity-link fit of the same data):
     * the same estimate in fewer iterations than from the data.
     */
    public static Fit fitLog(double[] y, double[][] columns, List<String> names, double alpha, double[] mu0) {
        check(y, columns, names);
        return irls(y, columns, names, Link.LOG, alpha, null, mu0);
    }

    /** NB2 with alpha estimated by moments (0 when the data are not overdispersed). */
    public static Fit fitNb(double[] y, double[][] columns, List<String> names, Link link) {
        return fitNb(y, columns, names, link, null);
    }

    /** As {@link #fitNb(double[], double[][], List, Link)}, starting from the Poisson fit of the same design (null: fit it). */
    public static Fit fitNb(double[] y, double[][] columns, List<String> names, Link link, Fit poisson) {
        check(y, columns, names);
        Fit f = poisson != null ? poisson : irls(y, columns, names, link, 0, null, null);
        for (int round = 0; round < 3; round++) {
            double alpha = momentAlpha(y, f.fitted, names.size());
            if (alpha == f.alpha) break;    // e.g. 0 for under-dispersed counts: the Poisson fit is the answer
            f = irls(y, columns, names, link, alpha, f.beta, null);
        }
        return f;
    }

    /**
     * Identity link, one weighted least-squares step with Poisson weights 1 / mu0 from a pilot fit (e.g. a
     * nested model's fitted means): the one-step estimator. It is consistent for the linear conditional
     * mean whatever the weights, asymptotically as efficient as the Poisson MLE when mu0 is consistent,
     * and its robust (sandwich, HC1) covariance is valid; it costs two passes instead of an IRLS run.
     * Fitted values may fall below 0 (they are not constrained; the log-likelihood is then NaN).
     */
    public static Fit oneStep(double[] y, double[][] columns, List<String> names, double[] mu0) {
        check(y, columns, names);
        return oneStep(y, Rows.of(columns, y.length), names, mu0);
    }

    /**
     * As {@link #oneStep(double[], double[][], List, double[])} for a design of dense columns followed by a
     * sparse block given per row (row i's cells are {@code off[i] .. off[i+1]-1}, block columns
     * {@code col[k]} ascending within a row, values {@code val[k]}), e.g. exposure counts per ad or
     * channel, which are mostly zero: no dense copy of them is made.
     */
    public static Fit oneStep(double[] y, double[][] dense, int[] off, int[] col, double[] val, List<String> names, double[] mu0) {
        int n = y.length, width = names.size() - dense.length;
        if (off.length != n + 1) throw new IllegalArgumentException("sparse block: " + (off.length - 1) + " rows for " + n);
        for (int c : col) if (c < 0 || c >= width) throw new IllegalArgumentException("sparse block column " + c + " outside 0.." + (width - 1));
        for (double[] c : dense) if (c.length != n) throw new IllegalArgumentException("a column has " + c.length + " rows, the response " + n);
        checkResponse(y, names.size());
        return oneStep(y, Rows.of(dense, off, col, val, n, names.size()), names, mu0);
    }

    private static Fit oneStep(double[] y, Rows x, List<String> names, double[] mu0) {
        int n = y.length, p = names.size();
        if (mu0.length != n) throw new IllegalArgumentException("pilot means: " + mu0.length + " values for " + n + " rows");
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            if (!(mu0[i] > 0)) throw new IllegalArgumentException("pilot mean " + mu0[i] + " at row " + i + " is not positive");
            w[i] = 1 / mu0[i];
        }
        double[][] bread = invert(x.gram(w), names);
        double[] xwy = x.xty(w, y), beta = new double[p];
        for (int i = 0; i < p; i++) for (int j = 0; j < p; j++) beta[i] += bread[i][j] * xwy[j];
        double[] mu = new double[n], r2 = new double[n];
        x.predict(beta, mu);
        boolean positive = true;
        for (int i = 0; i < n; i++) { double s = (y[i] - mu[i]) * w[i]; r2[i] = s * s; positive &= mu[i] > 0; }
        double[][] rob = sandwich(bread, x.gram(r2), (double) n / (n - p));
        double ll = positive ? logLikelihood(y, mu, 0) : Double.NaN;
        return new Fit(Link.IDENTITY, names, beta, rob, bread, 0, ll, -2 * ll + 2 * p, n, 1, true, 0, mu, "one-step WLS");
    }

    /** Method-of-moments NB2 alpha: sum((y-mu)^2 - mu) / sum(mu^2), at least 0. */
    static double momentAlpha(double[] y, double[] mu, int p) {
        double num = 0, den = 0;
        for (int i = 0; i < y.length; i++) {
            double r = y[i] - mu[i];
            num += r * r - mu[i];
            den += mu[i] * mu[i];
        }
        double n = y.length;
        return Math.max(0, num * n / (n - p) / den);
    }

    private static void check(double[] y, double[][] columns, List<String> names) {
        if (columns.length != names.size()) throw new IllegalArgumentException(columns.length + " columns but " + names.size() + " names");
        for (double[] c : columns) if (c.length != y.length) throw new IllegalArgumentException("a column has " + c.length + " rows, the response " + y.length);
        checkResponse(y, names.size());
    }

    private static void checkResponse(double[] y, int p) {
        if (y.length <= p) throw new IllegalArgumentException("need more rows (" + y.length + ") than coefficients (" + p + ")");
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            if (!(y[i] >= 0) || !Double.isFinite(y[i])) throw new IllegalArgumentException("count response must be finite and >= 0; row " + i + " has " + y[i]);
            sum += y[i];
        }
        if (sum == 0) throw new IllegalArgumentException("the response is zero in every row; a rate model cannot be fitted");
    }

    private static Fit irls(double[] y, double[][] columns, List<String> names, Link link, double alpha, double[] start, double[] mu0) {
        int n = y.length, p = columns.length;
        Rows x = Rows.of(columns, n);
        double ybar = 0;
        for (double v : y) ybar += v;
        ybar /= n;
        final double floor = 1e-4 * ybar;
        double[] beta;
        double[] mu = new double[n], eta = new double[n];
        int floorSteps = 0;
        if (start != null) beta = start.clone();
        else if (link == Link.IDENTITY) {
            beta = solve(x.gram(null), x.xty(null, y), names);      // OLS
            x.predict(beta, eta);
            if (min(eta) < floor) {                                      // infeasible: start from the mean
                int c = names.indexOf("const");
                if (c < 0) throw new IllegalArgumentException("an identity-link rate model needs a 'const' column to start from");
                double[] b0 = new double[p];
                b0[c] = ybar;
                beta = shrinkToFeasible(x, b0, beta, eta, floor);
                floorSteps++;
            }
        } else {
            double[] z = new double[n], w = new double[n];
            for (int i = 0; i < n; i++) {
                double m = mu0 != null && mu0[i] > 0 ? mu0[i] : y[i] + ybar / 2 + 0.1;
                z[i] = Math.log(m) + (mu0 != null && mu0[i] > 0 ? (y[i] - m) / m : 0);
                w[i] = m / (1 + alpha * m);
            }
            beta = solve(x.gram(w), x.xty(w, z), names);
        }
        double dev = Double.POSITIVE_INFINITY;
        int it = 0;
        boolean converged = false;
        double[] w = new double[n], z = new double[n];
        x.predict(beta, eta);
        means(link, eta, mu);
        for (it = 1; it <= 100; it++) {
            for (int i = 0; i < n; i++) {
                double v = mu[i] + alpha * mu[i] * mu[i];
                if (link == Link.IDENTITY) { w[i] = 1 / v; z[i] = y[i]; }
                else { w[i] = mu[i] * mu[i] / v; z[i] = eta[i] + (y[i] - mu[i]) / mu[i]; }
            }
            double[][] info = invert(x.gram(w), names);
            double[] xz = x.xty(w, z), next = new double[p];
            for (int i = 0; i < p; i++) for (int j = 0; j < p; j++) next[i] += info[i][j] * xz[j];
            // the step in units of the coefficients' standard errors: once below 1e-5 SE, the estimate moves no more
            // than that (the steps shrink geometrically), whatever the deviance does in its last digits
            double step = 0;
            for (int j = 0; j < p; j++) step = Math.max(step, Math.abs(next[j] - beta[j]) / Math.sqrt(info[j][j]));
            x.predict(next, eta);
            if (link == Link.IDENTITY && min(eta) < floor) {
                next = shrinkToFeasible(x, beta, next, eta, floor);
                floorSteps++;
                x.predict(next, eta);
            }
            means(link, eta, mu);
            double d = deviance(y, mu, alpha);
            beta = next;
            if (step < 1e-5 || Math.abs(dev - d) <= 1e-10 * (Math.abs(d) + 0.1)) { converged = true; dev = d; break; }
            dev = d;
        }
        // covariances at the estimate (eta and mu are those of beta)
        double[] r2 = new double[n];
        for (int i = 0; i < n; i++) {
            double v = mu[i] + alpha * mu[i] * mu[i];
            double d = link == Link.IDENTITY ? 1 : mu[i];    // d mu / d eta
            w[i] = d * d / v;
            double s = (y[i] - mu[i]) * d / v;               // score contribution per x
            r2[i] = s * s;
        }
        double[][] bread = invert(x.gram(w), names);
        double[][] meat = x.gram(r2);
        double[][] rob = sandwich(bread, meat, (double) n / (n - p));
        double ll = logLikelihood(y, mu, alpha);
        int k = p + (alpha > 0 ? 1 : 0);
        return new Fit(link, names, beta, rob, bread, alpha, ll, -2 * ll + 2 * k, n, Math.min(it, 100), converged, floorSteps, mu.clone(), "IRLS");
    }

    /** The point on the segment from feasible {@code from} to {@code to} nearest {@code to} with every mean >= floor. */
    private static double[] shrinkToFeasible(Rows x, double[] from, double[] to, double[] eta, double floor) {
        double[] ef = new double[eta.length];
        x.predict(from, ef);
        // eta is linear in t: eta(t) = ef + t (eto - ef); the largest t in [0, 1] keeping every eta(t) >= floor
        double t = 1;
        for (int i = 0; i < eta.length; i++) {
            if (eta[i] < floor && ef[i] > eta[i]) t = Math.min(t, (ef[i] - floor) / (ef[i] - eta[i]));
        }
        t = Math.max(0, t * 0.99);
        double[] b = new double[to.length];
        for (int j = 0; j < b.length; j++) b[j] = from[j] + t * (to[j] - from[j]);
        return b;
    }

    private static void means(Link link, double[] eta, double[] mu) {
        if (link == Link.IDENTITY) System.arraycopy(eta, 0, mu, 0, eta.length);
        else for (int i = 0; i < eta.length; i++) mu[i] = Math.exp(Math.min(eta[i], Irls.ETA_MAX));
    }

    static double min(double[] a) {
        double m = Double.POSITIVE_INFINITY;
        for (double v : a) m = Math.min(m, v);
        return m;
    }

    private static double deviance(double[] y, double[] mu, double alpha) {
        double s = 0;
        if (alpha <= 0) for (int i = 0; i < y.length; i++) s += (y[i] > 0 ? y[i] * Math.log(mu[i]) : 0) - mu[i];
        else {
            double th = 1 / alpha;
            for (int i = 0; i < y.length; i++) s += -(th + y[i]) * Math.log(th + mu[i]) + (y[i] > 0 ? y[i] * Math.log(mu[i]) : 0);
        }
        return -2 * s;
    }

    static double logLikelihood(double[] y, double[] mu, double alpha) {
        // The log-gamma terms depend on y (and theta) alone, and counts are small integers: each distinct count
        // is evaluated once, by the same call, so the sum is the same as row by row (at 1M people an NB2 fit's
        // three log-gamma calls per row were a fifth of the visit lift).
        LogGammas lgY1 = new LogGammas(1);
        double ll = 0;
        if (alpha <= 0) {
            for (int i = 0; i < y.length; i++) ll += (y[i] > 0 ? y[i] * Math.log(mu[i]) : 0) - mu[i] - lgY1.of(y[i]);
        } else {
            double th = 1 / alpha, lgTh = Gamma.logGamma(th);
            LogGammas lgYTh = new LogGammas(th);
            for (int i = 0; i < y.length; i++) {
                double m = mu[i];
                ll += lgYTh.of(y[i]) - lgTh - lgY1.of(y[i])
                        + th * Math.log(th / (th + m)) + (y[i] > 0 ? y[i] * Math.log(m / (th + m)) : 0);
            }
        }
        return ll;
    }

    /** {@code Gamma.logGamma(y + shift)}, remembered for integer y in 0 .. 4095. */
    private static final class LogGammas {
        final double shift;
        final double[] known = new double[4096];
        final boolean[] has = new boolean[4096];

        LogGammas(double shift) { this.shift = shift; }

        double of(double y) {
            int k = (int) y;
            if (k != y || k < 0 || k >= known.length) return Gamma.logGamma(y + shift);
            if (!has[k]) {
                known[k] = Gamma.logGamma(y + shift);
                has[k] = true;
            }
            return known[k];
        }
    }

    /**
     * The design in compressed sparse rows (column index and value of every non-zero cell), built once per
     * fit: dummies and exposure x segment columns are mostly zero, so a row of 22 columns typically holds
     * ~7 values, and every pass (X'WX, X'Wz, X b) reads one contiguous stream instead of p columns.
     * Work is split into {@link #CHUNKS} fixed row ranges summed in order: results do not depend on the
     * thread count.
     */
    static final class Rows {
        final int n, p;
        final int[] rowEnd;   // per row: end (exclusive) of its cells in its chunk's arrays
        final int[][] col;
        final double[][] val;

        private Rows(int n, int p, int[] rowEnd, int[][] col, double[][] val) {
            this.n = n; this.p = p; this.rowEnd = rowEnd; this.col = col; this.val = val;
        }

        static int from(int n, int c) { return (int) ((long) n * c / CHUNKS); }

        static Rows of(double[][] x, int n) {
            int p = x.length;
            int[] rowEnd = new int[n];
            int[][] col = new int[CHUNKS][];
            double[][] val = new double[CHUNKS][];
            // column by column (one input stream at a time): count the cells per row, then place them
            IntStream.range(0, CHUNKS).parallel().forEach(c -> {
                int a = from(n, c), b = from(n, c + 1);
                int[] pos = new int[b - a];
                for (int j = 0; j < p; j++) { double[] xc = x[j]; for (int i = a; i < b; i++) if (xc[i] != 0) pos[i - a]++; }
                int total = 0;
                for (int i = 0; i < pos.length; i++) { int k = pos[i]; pos[i] = total; total += k; rowEnd[a + i] = total; }
                int[] cc = new int[total];
                double[] vv = new double[total];
                for (int j = 0; j < p; j++) {
                    double[] xc = x[j];
                    for (int i = a; i < b; i++) {
                        double v = xc[i];
                        if (v != 0) { int k = pos[i - a]++; cc[k] = j; vv[k] = v; }
                    }
                }
                col[c] = cc;
                val[c] = vv;
            });
            return new Rows(n, p, rowEnd, col, val);
        }

        /** Dense columns, then a sparse block (CSR over rows, block column numbers after the dense ones). */
        static Rows of(double[][] x, int[] off, int[] scol, double[] sval, int n, int p) {
            int d = x.length;
            int[] rowEnd = new int[n];
            int[][] col = new int[CHUNKS][];
            double[][] val = new double[CHUNKS][];
            IntStream.range(0, CHUNKS).parallel().forEach(c -> {
                int a = from(n, c), b = from(n, c + 1);
                int[] pos = new int[b - a];
                for (int j = 0; j < d; j++) { double[] xc = x[j]; for (int i = a; i < b; i++) if (xc[i] != 0) pos[i - a]++; }
                for (int i = a; i < b; i++) for (int k = off[i]; k < off[i + 1]; k++) if (sval[k] != 0) pos[i - a]++;
                int total = 0;
                for (int i = 0; i < pos.length; i++) { int k = pos[i]; pos[i] = total; total += k; rowEnd[a + i] = total; }
                int[] cc = new int[total];
                double[] vv = new double[total];
                for (int j = 0; j < d; j++) {
                    double[] xc = x[j];
                    for (int i = a; i < b; i++) {
                        double v = xc[i];
                        if (v != 0) { int k = pos[i - a]++; cc[k] = j; vv[k] = v; }
                    }
                }
                for (int i = a; i < b; i++)
                    for (int k = off[i]; k < off[i + 1]; k++)
                        if (sval[k] != 0) { int q = pos[i - a]++; cc[q] = d + scol[k]; vv[q] = sval[k]; }
                col[c] = cc;
                val[c] = vv;
            });
            return new Rows(n, p, rowEnd, col, val);
        }

        /** X' diag(w) X (w null = ones). */
        double[][] gram(double[] w) {
            double[][] parts = IntStream.range(0, CHUNKS).parallel().mapToObj(c -> {
                double[] g = new double[p * p];
                int[] cc = col[c];
                double[] vv = val[c];
                int k0 = 0;
                for (int i = from(n, c), b = from(n, c + 1); i < b; i++) {
                    int k1 = rowEnd[i];
                    double wi = w == null ? 1 : w[i];
                    if (wi != 0) {
                        for (int a = k0; a < k1; a++) {
                            double va = vv[a] * wi;
                            int ga = cc[a] * p;
                            for (int q = k0; q <= a; q++) g[ga + cc[q]] += va * vv[q];
                        }
                    }
                    k0 = k1;
                }
                return g;
            }).toArray(double[][]::new);
            double[][] g = new double[p][p];
            for (double[] part : parts) for (int j = 0; j < p; j++) for (int k = 0; k <= j; k++) g[j][k] += part[j * p + k];
            for (int j = 0; j < p; j++) for (int k = 0; k < j; k++) g[k][j] = g[j][k];
            return g;
        }

        /** X' diag(w) z (w null = ones). */
        double[] xty(double[] w, double[] z) {
            double[][] parts = IntStream.range(0, CHUNKS).parallel().mapToObj(c -> {
                double[] out = new double[p];
                int[] cc = col[c];
                double[] vv = val[c];
                int k0 = 0;
                for (int i = from(n, c), b = from(n, c + 1); i < b; i++) {
                    int k1 = rowEnd[i];
                    double t = w == null ? z[i] : w[i] * z[i];
                    for (int a = k0; a < k1; a++) out[cc[a]] += vv[a] * t;
                    k0 = k1;
                }
                return out;
            }).toArray(double[][]::new);
            double[] out = new double[p];
            for (double[] part : parts) for (int j = 0; j < p; j++) out[j] += part[j];
            return out;
        }

        /** out = X beta. */
        void predict(double[] beta, double[] out) {
            IntStream.range(0, CHUNKS).parallel().forEach(c -> {
                int[] cc = col[c];
                double[] vv = val[c];
                int k0 = 0;
                for (int i = from(n, c), b = from(n, c + 1); i < b; i++) {
                    int k1 = rowEnd[i];
                    double s = 0;
                    for (int a = k0; a < k1; a++) s += vv[a] * beta[cc[a]];
                    out[i] = s;
                    k0 = k1;
                }
            });
        }
    }

    private static double[][] sandwich(double[][] bread, double[][] meat, double scale) {
        int p = bread.length;
        double[][] t = new double[p][p], out = new double[p][p];
        for (int i = 0; i < p; i++) for (int k = 0; k < p; k++) { double s = 0; for (int j = 0; j < p; j++) s += bread[i][j] * meat[j][k]; t[i][k] = s; }
        for (int i = 0; i < p; i++) for (int k = 0; k < p; k++) { double s = 0; for (int j = 0; j < p; j++) s += t[i][j] * bread[j][k]; out[i][k] = s * scale; }
        return out;
    }

    /** Solves A x = b for symmetric positive definite A; aliased columns are named (one reporter: {@link Irls#cholesky}). */
    static double[] solve(double[][] a, double[] b, List<String> names) {
        return Irls.cholSolve(Irls.cholesky(a, named(names, a.length)), b);
    }

    /** Inverse of a symmetric positive definite matrix, by the same Cholesky with rank reporting. */
    static double[][] invert(double[][] a, List<String> names) {
        return Irls.cholInverse(Irls.cholesky(a, named(names, a.length)));
    }

    private static List<String> named(List<String> names, int p) {
        if (names != null) return names;
        List<String> n = new ArrayList<>(p);
        for (int j = 0; j < p; j++) n.add("#" + j);
        return n;
    }
}
