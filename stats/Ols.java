//DEPS org.apache.commons:commons-math3:3.6.1
package stats;

import org.apache.commons.math3.distribution.FDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

import java.util.ArrayList;
import java.util.List;

/**
 * Ordinary least squares, y ~ X, with the inference statsmodels' {@code OLS(...).fit()} and R's
 * {@code summary(lm(...))} report. See {@link LeastSquares} for the numerical method (centred/scaled
 * Householder QR plus iterative refinement with double-double residuals), which reaches 11+ correct
 * digits on the NIST StRD linear datasets.
 *
 * <p>Conventions (as statsmodels): the intercept is named {@code const}; R^2 is centred when the model
 * has an intercept and uncentred otherwise; AIC = -2 logL + 2p and BIC = -2 logL + p log n with p the
 * number of coefficients (sigma not counted); the condition number is sigma_max/sigma_min of X as given;
 * VIF_j = 1/(1 - R_j^2) from regressing column j on the others (with intercept), NaN for {@code const}.
 * HC3: (X'X)^-1 X' diag(e_i^2/(1-h_i)^2) X (X'X)^-1.
 *
 * <p>Rank deficiency throws {@link RankDeficientException} naming the aliased columns.
 */
public final class Ols {
    private Ols() {}

    public static final String INTERCEPT = "const";
    static final int REFINEMENT_STEPS = 4;

    /** Fits y ~ const + rows (rows are observations, one value per name). */
    public static OlsResult fit(double[] y, double[][] rows, List<String> names) {
        return fit(y, rows, names, true);
    }

    /** Fits y ~ rows, with or without an added intercept column {@code const}. */
    public static OlsResult fit(double[] y, double[][] rows, List<String> names, boolean intercept) {
        if (rows == null || y == null) throw new IllegalArgumentException("y and X must not be null");
        if (rows.length != y.length) throw new IllegalArgumentException("X has " + rows.length + " rows but y has " + y.length + " values");
        int p = names.size();
        double[][] cols = new double[p][y.length];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != p) throw new IllegalArgumentException("row " + i + " of X has " + rows[i].length + " values but " + p + " names were given");
            for (int j = 0; j < p; j++) cols[j][i] = rows[i][j];
        }
        return fitColumns(y, cols, names, intercept);
    }

    /** Fits from a {@link DesignMatrix} (column-major, intercept as recorded there). */
    public static OlsResult fit(DesignMatrix d) {
        return fitColumns(d.y(), d.columns(), d.names(), d.intercept(), d.response());
    }

    /** Fits y ~ columns (columns[j] is the j-th predictor, length n); the fastest entry point. */
    public static OlsResult fitColumns(double[] y, double[][] columns, List<String> names, boolean intercept) {
        return fitColumns(y, columns, names, intercept, "y");
    }

    public static OlsResult fitColumns(double[] y, double[][] columns, List<String> names, boolean intercept, String response) {
        Prepared pr = prepare(y, columns, names, intercept);
        LeastSquares.Basis basis = LeastSquares.centreScale(pr.x, intercept, pr.names);
        LeastSquares.Solution s = LeastSquares.solve(y, pr.x, null, basis, pr.names, REFINEMENT_STEPS);
        return finish(response, y, pr.x, null, pr.names, intercept, s);
    }

    /**
     * Fits y = b0 + b1 x + ... + bd x^d. The powers are formed internally in double-double (so x^k is not
     * rounded) and the solve uses a centred/scaled power basis; coefficients are reported in the monomial
     * basis, named {@code const, x, x^2, ...}.
     */
    public static OlsResult fitPolynomial(double[] x, double[] y, int degree) {
        if (x == null || y == null || x.length != y.length) throw new IllegalArgumentException("x and y must have the same length");
        if (degree < 1) throw new IllegalArgumentException("degree must be >= 1, got " + degree);
        int n = y.length, p = degree + 1;
        if (n <= p) throw new IllegalArgumentException("need more observations (" + n + ") than coefficients (" + p + ")");
        double[][] hi = new double[p][n], lo = new double[p][n];
        for (int i = 0; i < n; i++) {
            double ph = 1, pl = 0, xi = x[i];
            for (int k = 0; k < p; k++) {
                hi[k][i] = ph;
                lo[k][i] = pl;
                // (ph + pl) * xi in double-double
                double h = ph * xi;
                double e = Math.fma(ph, xi, -h) + pl * xi;
                ph = h + e;
                pl = e - (ph - h);
            }
        }
        List<String> names = new ArrayList<>();
        names.add(INTERCEPT);
        names.add("x");
        for (int k = 2; k <= degree; k++) names.add("x^" + k);
        checkFinite(y, "y");
        LeastSquares.Basis basis = LeastSquares.polynomial(x, degree);
        LeastSquares.Solution s = LeastSquares.solve(y, hi, lo, basis, names, 8);
        return finish("y", y, hi, lo, names, true, s);
    }

    // ------------------------------------------------------------------------------------------------

    record Prepared(double[][] x, List<String> names) {}

    static Prepared prepare(double[] y, double[][] columns, List<String> names, boolean intercept) {
        if (y == null || columns == null || names == null) throw new IllegalArgumentException("y, columns and names must not be null");
        if (columns.length != names.size()) throw new IllegalArgumentException(columns.length + " columns but " + names.size() + " names");
        int n = y.length;
        checkFinite(y, "y");
        List<String> all = new ArrayList<>();
        List<double[]> cols = new ArrayList<>();
        if (intercept) {
            if (names.contains(INTERCEPT)) throw new IllegalArgumentException("a column is already named '" + INTERCEPT + "'; pass intercept=false or rename it");
            double[] one = new double[n];
            java.util.Arrays.fill(one, 1.0);
            all.add(INTERCEPT);
            cols.add(one);
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int j = 0; j < columns.length; j++) {
            if (!seen.add(names.get(j))) throw new IllegalArgumentException("duplicate column name '" + names.get(j) + "'");
            if (columns[j].length != n) throw new IllegalArgumentException("column '" + names.get(j) + "' has " + columns[j].length + " values but y has " + n);
            checkFinite(columns[j], names.get(j));
            all.add(names.get(j));
            cols.add(columns[j]);
        }
        int p = cols.size();
        if (p == 0) throw new IllegalArgumentException("no columns to fit");
        if (n <= p) throw new IllegalArgumentException("need more observations (" + n + ") than coefficients (" + p + ")");
        return new Prepared(cols.toArray(new double[0][]), List.copyOf(all));
    }

    static void checkFinite(double[] v, String name) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) throw new IllegalArgumentException("'" + name + "' has a non-finite value (" + v[i] + ") at row " + i + "; impute or drop missing values first (see Design)");
        }
    }

    /** Coefficients only (no inference): used by cross-validation and the bootstrap. */
    static double[] coefficients(double[] y, double[][] x, List<String> names, boolean interceptAt0, int steps) {
        LeastSquares.Basis basis = LeastSquares.centreScale(x, interceptAt0, names);
        return LeastSquares.solve(y, x, null, basis, names, steps).b;
    }

    private static OlsResult finish(String response, double[] y, double[][] x, double[][] xlo, List<String> names,
                                    boolean intercept, LeastSquares.Solution s) {
        int n = y.length, p = x.length;
        double[] b = s.b;
        double rss = s.rss;
        // total sum of squares, double-double
        double tss;
        if (intercept) {
            double mean = LeastSquares.accurateMean(y);
            double sh = 0, sl = 0;
            for (double v : y) {
                double d = v - mean;
                double pr = d * d, pe = Math.fma(d, d, -pr);
                double t0 = sh + pr, bb = t0 - sh, t = (sh - (t0 - bb)) + (pr - bb);
                sh = t0;
                sl += t + pe;
            }
            tss = sh + sl;
        } else {
            double sh = 0, sl = 0;
            for (double v : y) {
                double pr = v * v, pe = Math.fma(v, v, -pr);
                double t0 = sh + pr, bb = t0 - sh, t = (sh - (t0 - bb)) + (pr - bb);
                sh = t0;
                sl += t + pe;
            }
            tss = sh + sl;
        }
        int dfResid = n - p;
        int dfModel = intercept ? p - 1 : p;
        double sigma2 = rss / dfResid;
        double[][] w = s.w;
        double[][] cov = new double[p][p];
        for (int i = 0; i < p; i++)
            for (int j = 0; j < p; j++) {
                double acc = 0;
                for (int k = 0; k < p; k++) acc += w[i][k] * w[j][k];
                cov[i][j] = acc;
            }
        double[] xtxInvDiag = new double[p];
        for (int j = 0; j < p; j++) xtxInvDiag[j] = cov[j][j];
        for (int i = 0; i < p; i++) for (int j = 0; j < p; j++) cov[i][j] *= sigma2;

        // per-row: leverage, HC3 meat, fitted values; fixed row blocks, partial sums added in block order
        double[] fitted = new double[n], resid = new double[n], lev = new double[n], cook = new double[n];
        double[][] m = s.m, rinv = s.rinv;
        final double s2 = sigma2;
        int blocks = (n + LeastSquares.BLOCK - 1) / LeastSquares.BLOCK;
        java.util.stream.IntStream range = java.util.stream.IntStream.range(0, blocks);
        if ((long) n * p * p > LeastSquares.PARALLEL_WORK) range = range.parallel();
        double[][] parts = range.mapToObj(blk -> {
            int lo0 = blk * LeastSquares.BLOCK, hi0 = Math.min(n, lo0 + LeastSquares.BLOCK);
            double[] part = new double[p * p];
            double[] xi = new double[p], t = new double[p], z = new double[p];
            for (int i = lo0; i < hi0; i++) {
                for (int j = 0; j < p; j++) xi[j] = x[j][i] + (xlo == null ? 0 : xlo[j][i]);
                // t = M^-T x_i ; z = R^-T t
                for (int j = 0; j < p; j++) {
                    double acc = xi[j];
                    for (int k = 0; k < j; k++) acc -= m[k][j] * t[k];
                    t[j] = acc / m[j][j];
                }
                double h = 0;
                for (int j = 0; j < p; j++) {
                    double acc = 0;
                    for (int k = 0; k <= j; k++) acc += rinv[k][j] * t[k];
                    z[j] = acc;
                    h += acc * acc;
                }
                double e = s.rhi[i] + s.rlo[i];
                resid[i] = e;
                fitted[i] = y[i] - e;
                lev[i] = h;
                double om = 1 - h;
                double wgt = e * e / (om * om);
                cook[i] = e == 0 ? 0 : e * e / (p * s2) * h / (om * om);
                for (int a = 0; a < p; a++) {
                    double za = z[a] * wgt;
                    int row = a * p;
                    for (int c = 0; c <= a; c++) part[row + c] += za * z[c];
                }
            }
            return part;
        }).toArray(double[][]::new);
        double[][] meat = new double[p][p];
        for (double[] part : parts) for (int a = 0; a < p; a++) for (int c = 0; c <= a; c++) meat[a][c] += part[a * p + c];
        for (int a = 0; a < p; a++) for (int c = a + 1; c < p; c++) meat[a][c] = meat[c][a];
        // HC3 = W meat W'
        double[][] wm = new double[p][p];
        for (int i = 0; i < p; i++) for (int j = 0; j < p; j++) {
            double acc = 0;
            for (int k = 0; k < p; k++) acc += w[i][k] * meat[k][j];
            wm[i][j] = acc;
        }
        double[][] hc3 = new double[p][p];
        for (int i = 0; i < p; i++) for (int j = 0; j < p; j++) {
            double acc = 0;
            for (int k = 0; k < p; k++) acc += wm[i][k] * w[j][k];
            hc3[i][j] = acc;
        }

        double[] se = new double[p], tv = new double[p], pv = new double[p], lo = new double[p], hi = new double[p], hcse = new double[p];
        TDistribution td = new TDistribution(null, dfResid, 1e-14);
        double q = td.inverseCumulativeProbability(0.975);
        for (int j = 0; j < p; j++) {
            se[j] = Math.sqrt(cov[j][j]);
            tv[j] = b[j] / se[j];
            pv[j] = se[j] == 0 ? 0 : 2 * td.cumulativeProbability(-Math.abs(tv[j]));
            lo[j] = b[j] - q * se[j];
            hi[j] = b[j] + q * se[j];
            hcse[j] = Math.sqrt(hc3[j][j]);
        }
        // VIF from (X'X)^-1_jj times the centred sum of squares
        double[] vif = new double[p];
        for (int j = 0; j < p; j++) {
            if (intercept && names.get(j).equals(INTERCEPT)) {
                vif[j] = Double.NaN;
                continue;
            }
            double mean = intercept ? LeastSquares.accurateMean(x[j]) : 0;
            double ss = 0;
            for (int i = 0; i < n; i++) {
                double d = x[j][i] + (xlo == null ? 0 : xlo[j][i]) - mean;
                ss += d * d;
            }
            vif[j] = xtxInvDiag[j] * ss;
        }
        double r2 = tss == 0 ? Double.NaN : 1 - rss / tss;
        double adj = 1 - (1 - r2) * (intercept ? n - 1 : n) / dfResid;
        double f = dfModel == 0 ? Double.NaN : ((tss - rss) / dfModel) / sigma2;
        double fp = dfModel == 0 || Double.isNaN(f) ? Double.NaN
                : (rss == 0 ? 0 : new FDistribution(null, dfModel, dfResid, 1e-14).cumulativeProbability(f));
        fp = Double.isNaN(fp) ? fp : (rss == 0 ? 0 : 1 - fp);
        double ll = rss == 0 ? Double.POSITIVE_INFINITY : -0.5 * n * (Math.log(2 * Math.PI) + Math.log(rss / n) + 1);
        double aic = -2 * ll + 2 * p, bic = -2 * ll + p * Math.log(n);
        // condition number of X as given: singular values of R_raw = R M
        double[][] rraw = new double[p][p];
        double[][] rb = LeastSquares.invertUpper(rinv);
        for (int i = 0; i < p; i++) for (int j = i; j < p; j++) {
            double acc = 0;
            for (int k = i; k <= j; k++) acc += rb[i][k] * m[k][j];
            rraw[i][j] = acc;
        }
        double[] sv = new SingularValueDecomposition(new Array2DRowRealMatrix(rraw, false)).getSingularValues();
        double cond = sv[sv.length - 1] == 0 ? Double.POSITIVE_INFINITY : sv[0] / sv[sv.length - 1];
        return new OlsResult(response, names, intercept, b, se, tv, pv, lo, hi, hcse, vif, cov, hc3,
                r2, adj, f, fp, Math.sqrt(sigma2), rss, tss, ll, aic, bic, n, dfModel, dfResid, cond,
                fitted, resid, lev, cook, s.steps);
    }
}
