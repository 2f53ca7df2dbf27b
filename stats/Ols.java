package stats;

import numerics.Tails;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

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
 * HC3: (X'X)^-1 X' diag(e_i^2/(1-h_i)^2) X (X'X)^-1, always reported beside the chosen covariance
 * ({@link CovarianceType}: nonrobust by default, HC0..HC3 or cluster). Where a row has leverage 1 (a level
 * with one member) HC2/HC3 SEs of the coefficients that row determines and its Cook's distance are NaN,
 * with a note. P-values are survival functions ({@link Tails}), so a tiny F-test p-value does not underflow.
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
        return fit(ModelData.of(d), CovarianceType.NONROBUST);
    }

    /** Fits from a {@link DesignMatrix}, reporting the covariance {@code cov}. */
    public static OlsResult fit(DesignMatrix d, CovarianceType cov) {
        return fit(ModelData.of(d), cov);
    }

    /** Fits y ~ columns (columns[j] is the j-th predictor, length n); the fastest entry point. */
    public static OlsResult fitColumns(double[] y, double[][] columns, List<String> names, boolean intercept) {
        return fitColumns(y, columns, names, intercept, "y");
    }

    public static OlsResult fitColumns(double[] y, double[][] columns, List<String> names, boolean intercept, String response) {
        return fit(ModelData.ofColumns(y, columns, names, intercept, response), CovarianceType.NONROBUST);
    }

    /** The one fitting path every entry point funnels into. */
    public static OlsResult fit(ModelData data, CovarianceType cov) {
        double[] y = data.y();
        Prepared pr = prepare(y, data.columns(), data.names(), data.intercept());
        LeastSquares.Basis basis = LeastSquares.centreScale(pr.x, data.intercept(), pr.names);
        LeastSquares.Solution s = LeastSquares.solve(y, pr.x, null, basis, pr.names, REFINEMENT_STEPS);
        return finish(data.response(), y, pr.x, null, pr.names, data.intercept(), s, data.terms(), cov);
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
        List<Term> terms = new ArrayList<>();
        for (int k = 1; k <= degree; k++) terms.add(new Term(names.get(k), new int[]{k}, false, null));
        return finish("y", y, hi, lo, names, true, s, terms, CovarianceType.NONROBUST);
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
            Arrays.fill(one, 1.0);
            all.add(INTERCEPT);
            cols.add(one);
        }
        Set<String> seen = new HashSet<>();
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
            if (!Double.isFinite(v[i])) throw new IllegalArgumentException("'" + name + "' has a non-finite value (" + v[i] + ") at row " + i
                    + "; impute or drop missing values first (see Design)");
        }
    }

    /** Coefficients only (no inference): used by cross-validation and the bootstrap. */
    static double[] coefficients(double[] y, double[][] x, List<String> names, boolean interceptAt0, int steps) {
        LeastSquares.Basis basis = LeastSquares.centreScale(x, interceptAt0, names);
        return LeastSquares.solve(y, x, null, basis, names, steps).b;
    }

    // ------------------------------------------------------------------------------------------------
    // The result, in named steps: sums of squares -> goodness of fit -> per-row influence -> covariances
    // (classical, HC3, chosen) -> VIF and condition number -> term tests.

    private static OlsResult finish(String response, double[] y, double[][] x, double[][] xlo, List<String> names,
                                    boolean intercept, LeastSquares.Solution s, List<Term> terms, CovarianceType type) {
        int n = y.length, p = x.length;
        OlsResult.GoodnessOfFit fit = goodnessOfFit(n, p, intercept, s.rss, totalSumOfSquares(y, intercept));
        double[][] xtxInv = Solve.multiply(s.w, Solve.transpose(s.w)); // (X'X)^-1 = W W'
        // rows with equal covariates have equal QR rows, so each pattern's row is computed once, for the leverage
        // and the meats, where the design groups (not with low-order parts, which the patterns do not see)
        Sandwich.Groups groups = xlo == null ? Sandwich.Groups.of(Patterns.of(x, n / 4)) : null;
        Sandwich.Rows rows = groups == null ? qrRows(x, xlo, s) : groups.cached(qrRows(x, xlo, s), p);
        double sigma2 = fit.rss() / fit.dfResid();
        OlsResult.Influence inf = influence(y, s, rows, sigma2, p);
        List<String> notes = new ArrayList<>();
        if (inf.leverageOne().length > 0) {
            notes.add(inf.leverageOne().length + " row(s) have leverage 1 (first: row " + inf.leverageOne()[0]
                    + "): each fits its own coefficient exactly (e.g. a level with one member), so its Cook's distance is NaN"
                    + " and HC2/HC3 SEs of the coefficients it determines are undefined (NaN).");
        }
        Coefficients classical = Coefficients.of(names, s.b, scaled(xtxInv, sigma2), "nonrobust", fit.dfResid());
        double[][] hc3 = sandwich(CovarianceType.HC3, x, xlo, s, rows, inf, xtxInv, names, notes, groups); // always shown beside the chosen one
        Coefficients table = switch (type.kind()) {
            case NONROBUST, OBSERVED -> type.kind() == CovarianceType.Kind.NONROBUST ? classical
                    : Coefficients.of(names, s.b, classical.covariance(), type.label(), fit.dfResid());
            case HC3 -> Coefficients.of(names, s.b, hc3, type.label(), 0);
            default -> Coefficients.of(names, s.b, sandwich(type, x, xlo, s, rows, inf, xtxInv, names, notes, groups), type.label(), 0);
        };
        if (type.kind() == CovarianceType.Kind.CLUSTER) {
            notes.add(type.clusterNote(p));
        }
        return new OlsResult(response, names, intercept, table, classical, hc3, vif(x, xlo, xtxInv, names, intercept),
                fit, inf, ResidualTests.of(inf.residuals()), conditionNumber(s, p), s.steps,
                FittedModel.waldPerTerm(table, terms), notes);
    }

    /** Total sum of squares in double-double: centred with an intercept, uncentred without (as statsmodels). */
    static double totalSumOfSquares(double[] y, boolean intercept) {
        double mean = intercept ? LeastSquares.accurateMean(y) : 0;
        DoubleDouble acc = new DoubleDouble();
        for (double v : y) {
            double d = v - mean;
            acc.addProduct(d, d);
        }
        return acc.value();
    }

    /** R^2, adjusted R^2, the overall F test (p as a survival function), Gaussian log-likelihood, AIC, BIC. */
    static OlsResult.GoodnessOfFit goodnessOfFit(int n, int p, boolean intercept, double rss, double tss) {
        int dfResid = n - p;
        int dfModel = intercept ? p - 1 : p;
        double sigma2 = rss / dfResid;
        double r2 = tss == 0 ? Double.NaN : 1 - rss / tss;
        double adj = 1 - (1 - r2) * (intercept ? n - 1 : n) / dfResid;
        double f = dfModel == 0 ? Double.NaN : ((tss - rss) / dfModel) / sigma2;
        double fp = dfModel == 0 || Double.isNaN(f) ? Double.NaN : rss == 0 ? 0 : Tails.f(f, dfModel, dfResid);
        double ll = rss == 0 ? Double.POSITIVE_INFINITY : -0.5 * n * (Math.log(2 * Math.PI) + Math.log(rss / n) + 1);
        return new OlsResult.GoodnessOfFit(r2, adj, f, fp, Math.sqrt(sigma2), rss, tss, ll, -2 * ll + 2 * p, -2 * ll + p * Math.log(n),
                n, dfModel, dfResid);
    }

    /** Row i in the QR basis: z_i = R^-T M^-T x_i, so h_i = |z_i|^2 and (X'X)^-1 x_i = W z_i. */
    private static Sandwich.Rows qrRows(double[][] x, double[][] xlo, LeastSquares.Solution s) {
        double[][] m = s.m, rinv = s.rinv;
        int p = x.length;
        return (i, z) -> {
            double[] t = new double[p];
            for (int j = 0; j < p; j++) {
                double acc = x[j][i] + (xlo == null ? 0 : xlo[j][i]);
                for (int k = 0; k < j; k++) acc -= m[k][j] * t[k];
                t[j] = acc / m[j][j];
            }
            for (int j = 0; j < p; j++) {
                double acc = 0;
                for (int k = 0; k <= j; k++) acc += rinv[k][j] * t[k];
                z[j] = acc;
            }
        };
    }

    /** Fitted values, residuals, leverage and Cook's distance per row (fixed row blocks: deterministic). */
    private static OlsResult.Influence influence(double[] y, LeastSquares.Solution s, Sandwich.Rows rows, double sigma2, int p) {
        int n = y.length;
        double[] fitted = new double[n], resid = new double[n], lev = new double[n], cook = new double[n];
        int blocks = (n + LeastSquares.BLOCK - 1) / LeastSquares.BLOCK;
        IntStream range = IntStream.range(0, blocks);
        if ((long) n * p * p > LeastSquares.PARALLEL_WORK) range = range.parallel();
        range.forEach(blk -> {
            int lo = blk * LeastSquares.BLOCK, hi = Math.min(n, lo + LeastSquares.BLOCK);
            double[] z = new double[p];
            for (int i = lo; i < hi; i++) {
                rows.fill(i, z);
                double h = 0;
                for (double v : z) h += v * v;
                double e = s.rhi[i] + s.rlo[i];
                resid[i] = e;
                fitted[i] = y[i] - e;
                lev[i] = h;
                double om = 1 - h;
                cook[i] = om < Sandwich.LEVERAGE_ONE ? Double.NaN : e == 0 ? 0 : e * e / (p * sigma2) * h / (om * om);
            }
        });
        int[] one = IntStream.range(0, n).filter(i -> 1 - lev[i] < Sandwich.LEVERAGE_ONE).toArray();
        return new OlsResult.Influence(fitted, resid, lev, cook, one);
    }

    /**
     * The sandwich W (sum w_i e_i^2 z_i z_i') W' (or its cluster form); coefficients determined by a
     * leverage-1 row are NaN under HC2/HC3 (a note is added to {@code notes} when given).
     */
    private static double[][] sandwich(CovarianceType type, double[][] x, double[][] xlo, LeastSquares.Solution s, Sandwich.Rows rows,
                                       OlsResult.Influence inf, double[][] xtxInv, List<String> names, List<String> notes, Sandwich.Groups groups) {
        int n = inf.residuals().length, p = x.length;
        Sandwich.Meat meat = Sandwich.meat(type, n, p, rows, inf.residuals(), inf.leverage(), groups);
        double[][] cov = Solve.sandwich(s.w, meat.m());
        Set<String> undefined = new LinkedHashSet<>();
        for (int i : meat.leverageOne()) {
            double[] xi = new double[p];
            for (int j = 0; j < p; j++) xi[j] = x[j][i] + (xlo == null ? 0 : xlo[j][i]);
            undefined.addAll(Sandwich.markUndefined(cov, xtxInv, xi, 1, names));
        }
        if (notes != null && !undefined.isEmpty()) notes.add(type.label() + " SEs undefined (NaN) for " + LeastSquares.quote(List.copyOf(undefined))
                + ": a row with leverage 1 determines them.");
        return cov;
    }

    private static double[][] scaled(double[][] a, double f) {
        double[][] c = new double[a.length][a.length];
        for (int i = 0; i < a.length; i++) for (int j = 0; j < a.length; j++) c[i][j] = a[i][j] * f;
        return c;
    }

    /** VIF_j = (X'X)^-1_jj times the centred sum of squares of column j (NaN for const). */
    private static double[] vif(double[][] x, double[][] xlo, double[][] xtxInv, List<String> names, boolean intercept) {
        int p = x.length, n = x[0].length;
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
            vif[j] = xtxInv[j][j] * ss;
        }
        return vif;
    }

    /** Condition number of X as given: singular values of R_raw = R M. */
    private static double conditionNumber(LeastSquares.Solution s, int p) {
        double[][] rraw = new double[p][p];
        double[][] rb = LeastSquares.invertUpper(s.rinv);
        for (int i = 0; i < p; i++) for (int j = i; j < p; j++) {
            double acc = 0;
            for (int k = i; k <= j; k++) acc += rb[i][k] * s.m[k][j];
            rraw[i][j] = acc;
        }
        double[] sv = new SingularValueDecomposition(new Array2DRowRealMatrix(rraw, false)).getSingularValues();
        return sv[sv.length - 1] == 0 ? Double.POSITIVE_INFINITY : sv[0] / sv[sv.length - 1];
    }
}
