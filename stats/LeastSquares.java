package stats;

import java.util.ArrayList;
import java.util.List;

/**
 * The numerical engine behind {@link Ols} (package-private).
 *
 * <p>Method: the design X (n x p, column-major) is written as X = Xt M with M upper triangular, where Xt
 * is a well-conditioned basis (columns centred on their means when there is an intercept, every column
 * scaled to unit 2-norm; for polynomials a centred/scaled power basis). Xt is factorised by Householder QR.
 * The first solution b = M^-1 R^-1 Q'y is then refined: the residual r = y - X b and the gradient X'r are
 * accumulated in double-double (error-free products with {@link Math#fma}, TwoSum), using the ORIGINAL
 * columns of X (optionally given as an unevaluated sum hi + lo), and the correction solves
 * M'R'R M d = X'r (corrected semi-normal equations). The fixed point is the exact least-squares solution
 * for the design as given, which is what the NIST certified values are.
 */
final class LeastSquares {
    private LeastSquares() {}

    /** Relative size of a scaled R diagonal below which a column counts as aliased. */
    static final double RANK_TOL = 1e-13;
    /** Above this many element operations a loop is split over threads (fixed partition, deterministic). */
    static final long PARALLEL_WORK = 2_000_000;
    static final int BLOCK = 1 << 14;

    /** X = xt * m; xt is column-major n x p, m is p x p upper triangular. */
    record Basis(double[][] xt, double[][] m) {}

    /** Result of the engine, all in the original coordinates. */
    static final class Solution {
        double[] b;            // coefficients
        double[][] w;          // W = M^-1 R^-1, so (X'X)^-1 = W W'
        double[][] rinv;       // R^-1 (basis coordinates)
        double[][] m;          // basis map
        double[] rhi, rlo;     // residual y - Xb in double-double
        double rss;            // sum of squared residuals (double-double accumulated)
        int steps;             // refinement steps taken
        double[] rdiag;        // |R_jj| of the scaled basis
    }

    // ---------------------------------------------------------------- bases

    /** Centre (when {@code interceptAt0}) and scale each column; column 0 is the intercept then. */
    static Basis centreScale(double[][] x, boolean interceptAt0, List<String> names) {
        int p = x.length, n = x[0].length;
        double[][] xt = new double[p][];
        double[][] m = new double[p][p];
        double[] mean = new double[p];
        if (interceptAt0) {
            for (int j = 1; j < p; j++) mean[j] = accurateMean(x[j]);
        }
        List<String> constant = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            double[] c = x[j], t = new double[n];
            double mu = mean[j], ss = 0;
            for (int i = 0; i < n; i++) {
                double d = c[i] - mu;
                t[i] = d;
                ss += d * d;
            }
            double s = Math.sqrt(ss);
            if (!(s > 0) || !Double.isFinite(s)) {
                if (!Double.isFinite(s)) {
                    throw new IllegalArgumentException("column '" + names.get(j) + "' has non-finite values (NaN or infinity); impute or drop them first");
                }
                constant.add(names.get(j));
                s = 1;
            }
            double inv = 1.0 / s;
            for (int i = 0; i < n; i++) t[i] *= inv;
            xt[j] = t;
            m[j][j] = s;
        }
        if (!constant.isEmpty()) {
            throw new RankDeficientException(constant, interceptAt0
                    ? "design matrix is rank deficient: column(s) " + quote(constant) + " are constant, i.e. aliased with the intercept; remove them"
                    : "design matrix is rank deficient: column(s) " + quote(constant) + " are all zero; remove them");
        }
        if (interceptAt0) {
            // x_j = s_j xt_j + mean_j * 1 and 1 = s_0 xt_0
            for (int j = 1; j < p; j++) m[0][j] = mean[j] * m[0][0];
        }
        return new Basis(xt, m);
    }

    /**
     * Polynomial basis: columns x^0..x^d are represented through t = (x - c)/h with c the midrange and h
     * the half-range, then scaled to unit norm. m holds the binomial change of basis.
     */
    static Basis polynomial(double[] x, int degree) {
        int n = x.length, p = degree + 1;
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            if (!Double.isFinite(v)) throw new IllegalArgumentException("x has non-finite values (NaN or infinity)");
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        double c = 0.5 * (lo + hi), h = 0.5 * (hi - lo);
        if (!(h > 0)) throw new RankDeficientException(List.of("x"), "x is constant: a polynomial of degree " + degree + " is not identifiable");
        double[][] xt = new double[p][n];
        for (int i = 0; i < n; i++) {
            double t = (x[i] - c) / h, pw = 1;
            for (int k = 0; k < p; k++) {
                xt[k][i] = pw;
                pw *= t;
            }
        }
        double[] scale = new double[p];
        for (int k = 0; k < p; k++) {
            double ss = 0;
            for (double v : xt[k]) ss += v * v;
            scale[k] = Math.sqrt(ss);
            for (int i = 0; i < n; i++) xt[k][i] /= scale[k];
        }
        // x^k = sum_j C(k,j) h^j c^(k-j) t^j ; t^j = scale_j * xt_j
        double[][] m = new double[p][p];
        for (int k = 0; k < p; k++) {
            double binom = 1;
            for (int j = 0; j <= k; j++) {
                if (j > 0) binom = binom * (k - j + 1) / j;
                m[j][k] = binom * Math.pow(h, j) * Math.pow(c, k - j) * scale[j];
            }
        }
        return new Basis(xt, m);
    }

    // ---------------------------------------------------------------- solve

    /**
     * @param x   original columns (hi parts), column-major p x n
     * @param xlo optional low parts (x = x + xlo exactly), or null
     */
    static Solution solve(double[] y, double[][] x, double[][] xlo, Basis basis, List<String> names, int maxSteps) {
        int p = x.length, n = y.length;
        double[][] a = basis.xt();
        double[][] m = basis.m();
        // Householder QR of the basis, in place (a is owned by us).
        double[][] r = new double[p][p];
        double[] beta = new double[p];
        double[] rdiag = new double[p];
        for (int j = 0; j < p; j++) {
            double[] v = a[j];
            double ss = 0;
            for (int i = j; i < n; i++) ss += v[i] * v[i];
            double norm = Math.sqrt(ss);
            double x0 = v[j];
            double alpha = x0 > 0 ? -norm : norm;
            if (norm == 0) {
                beta[j] = 0;
                r[j][j] = 0;
            } else {
                v[j] = x0 - alpha;
                beta[j] = 1.0 / (norm * (norm + Math.abs(x0)));
                r[j][j] = alpha;
                final int jj = j;
                final double bj = beta[j];
                java.util.stream.IntStream cols = java.util.stream.IntStream.range(j + 1, p);
                if ((long) n * (p - j) > PARALLEL_WORK) cols = cols.parallel();
                cols.forEach(k -> { // each column independently: deterministic for any thread count
                    double[] ck = a[k];
                    double s = 0;
                    for (int i = jj; i < n; i++) s += v[i] * ck[i];
                    s *= bj;
                    for (int i = jj; i < n; i++) ck[i] -= s * v[i];
                });
            }
            for (int k = j + 1; k < p; k++) r[j][k] = a[k][j];
            rdiag[j] = Math.abs(r[j][j]);
        }
        checkRank(r, rdiag, names);
        // Q'y
        double[] qy = y.clone();
        for (int j = 0; j < p; j++) {
            if (beta[j] == 0) continue;
            double[] v = a[j];
            double s = 0;
            for (int i = j; i < n; i++) s += v[i] * qy[i];
            s *= beta[j];
            for (int i = j; i < n; i++) qy[i] -= s * v[i];
        }
        double[][] rinv = invertUpper(r);
        double[] bt = new double[p];
        for (int i = 0; i < p; i++) {
            double s = 0;
            for (int k = i; k < p; k++) s += rinv[i][k] * qy[k];
            bt[i] = s;
        }
        double[] b = backSubstitute(m, bt);

        double[] rhi = new double[n], rlo = new double[n];
        double[] g = new double[p];
        int steps = 0;
        double[] best = b.clone();
        double bestNorm = Double.POSITIVE_INFINITY;
        double[] bestRhi = null, bestRlo = null;
        while (true) {
            residual(y, x, xlo, b, rhi, rlo);
            gradient(x, xlo, rhi, rlo, g);
            // scaled gradient: R^-T M^-T g, its norm measures distance from the fixed point
            double[] gt = forwardSubstituteTransposed(m, g);
            double[] z = new double[p];
            for (int i = 0; i < p; i++) {
                double s = 0;
                for (int k = 0; k <= i; k++) s += rinv[k][i] * gt[k];
                z[i] = s;
            }
            double zn = 0;
            for (double v : z) zn += v * v;
            if (zn < bestNorm) {
                bestNorm = zn;
                best = b.clone();
                bestRhi = rhi.clone();
                bestRlo = rlo.clone();
            } else {
                break; // not improving any more: keep the best iterate
            }
            if (steps >= maxSteps || zn == 0) break;
            double[] dt = new double[p];
            for (int i = 0; i < p; i++) {
                double s = 0;
                for (int k = i; k < p; k++) s += rinv[i][k] * z[k];
                dt[i] = s;
            }
            double[] d = backSubstitute(m, dt);
            boolean tiny = true;
            for (int j = 0; j < p; j++) {
                double nb = b[j] + d[j];
                if (nb != b[j]) tiny = false;
                b[j] = nb;
            }
            steps++;
            if (tiny) break;
        }
        Solution sol = new Solution();
        sol.b = best;
        sol.rhi = bestRhi;
        sol.rlo = bestRlo;
        DoubleDouble ss = new DoubleDouble();
        for (int i = 0; i < n; i++) {
            double hi = bestRhi[i], lo = bestRlo[i];
            double pr = hi * hi;
            ss.add(pr, Math.fma(hi, hi, -pr) + 2 * hi * lo); // (hi + lo)^2 to double-double accuracy
        }
        sol.rss = ss.value();
        sol.steps = steps;
        sol.rinv = rinv;
        sol.m = m;
        sol.rdiag = rdiag;
        double[][] w = new double[p][p];
        for (int col = 0; col < p; col++) {
            double[] c = new double[p];
            for (int i = 0; i <= col; i++) c[i] = rinv[i][col];
            double[] wc = backSubstitute(m, c);
            for (int i = 0; i < p; i++) w[i][col] = wc[i];
        }
        sol.w = w;
        return sol;
    }

    /** r = y - X b in double-double; rows split into fixed blocks (each row independent: deterministic). */
    static void residual(double[] y, double[][] x, double[][] xlo, double[] b, double[] rhi, double[] rlo) {
        int n = y.length, p = x.length;
        int blocks = (n + BLOCK - 1) / BLOCK;
        java.util.stream.IntStream range = java.util.stream.IntStream.range(0, blocks);
        if ((long) n * p > PARALLEL_WORK) range = range.parallel();
        range.forEach(blk -> {
            int lo = blk * BLOCK, hi = Math.min(n, lo + BLOCK);
            System.arraycopy(y, lo, rhi, lo, hi - lo);
            java.util.Arrays.fill(rlo, lo, hi, 0);
            for (int j = 0; j < p; j++) {
                double bj = -b[j];
                double[] c = x[j];
                double[] cl = xlo == null ? null : xlo[j];
                for (int i = lo; i < hi; i++) {
                    double pr = c[i] * bj;
                    double pe = Math.fma(c[i], bj, -pr);
                    if (cl != null) pe += cl[i] * bj;
                    double h = rhi[i];
                    double s = h + pr;
                    rhi[i] = s;
                    rlo[i] += DoubleDouble.twoSumError(h, pr, s) + pe;
                }
            }
            for (int i = lo; i < hi; i++) { // renormalise
                double h = rhi[i], l = rlo[i];
                double s = h + l;
                rlo[i] = l - (s - h);
                rhi[i] = s;
            }
        });
    }

    /** g = X' r with r = rhi + rlo, accumulated in double-double (Dot2). */
    static void gradient(double[][] x, double[][] xlo, double[] rhi, double[] rlo, double[] g) {
        int p = x.length, n = rhi.length;
        java.util.stream.IntStream cols = java.util.stream.IntStream.range(0, p);
        if ((long) n * p > PARALLEL_WORK) cols = cols.parallel();
        cols.forEach(j -> { // one column per task: deterministic
            double[] c = x[j];
            double[] cl = xlo == null ? null : xlo[j];
            DoubleDouble acc = new DoubleDouble();
            for (int i = 0; i < n; i++) {
                double pr = c[i] * rhi[i];
                double pe = Math.fma(c[i], rhi[i], -pr) + c[i] * rlo[i];
                if (cl != null) pe += cl[i] * rhi[i];
                acc.add(pr, pe);
            }
            g[j] = acc.value();
        });
    }

    // ---------------------------------------------------------------- helpers

    static double accurateMean(double[] v) {
        return DoubleDouble.mean(v);
    }

    static double[][] invertUpper(double[][] r) {
        int p = r.length;
        double[][] inv = new double[p][p];
        for (int col = 0; col < p; col++) {
            inv[col][col] = 1.0 / r[col][col];
            for (int i = col - 1; i >= 0; i--) {
                double s = 0;
                for (int k = i + 1; k <= col; k++) s += r[i][k] * inv[k][col];
                inv[i][col] = -s / r[i][i];
            }
        }
        return inv;
    }

    /** Solves U x = c for upper-triangular U. */
    static double[] backSubstitute(double[][] u, double[] c) {
        int p = c.length;
        double[] x = new double[p];
        for (int i = p - 1; i >= 0; i--) {
            double s = c[i];
            for (int k = i + 1; k < p; k++) s -= u[i][k] * x[k];
            x[i] = s / u[i][i];
        }
        return x;
    }

    /** Solves U' x = c for upper-triangular U. */
    static double[] forwardSubstituteTransposed(double[][] u, double[] c) {
        int p = c.length;
        double[] x = new double[p];
        for (int i = 0; i < p; i++) {
            double s = c[i];
            for (int k = 0; k < i; k++) s -= u[k][i] * x[k];
            x[i] = s / u[i][i];
        }
        return x;
    }

    /** Reports aliased columns (scaled R diagonal tiny), naming what they are combinations of. */
    static void checkRank(double[][] r, double[] rdiag, List<String> names) {
        int p = r.length;
        boolean[] bad = new boolean[p];
        for (int j = 0; j < p; j++) bad[j] = !(rdiag[j] > RANK_TOL);
        RankDeficiency.check(names, bad, j -> {
            // column j ~ sum_{k<j, good} c_k col_k, from R[0:j,0:j] c = R[0:j, j] over the good columns
            List<Integer> idx = new ArrayList<>();
            for (int k = 0; k < j; k++) if (!bad[k]) idx.add(k);
            int q = idx.size();
            double[] c = new double[q];
            for (int a = q - 1; a >= 0; a--) {
                int ka = idx.get(a);
                double s = r[ka][j];
                for (int bI = a + 1; bI < q; bI++) s -= r[ka][idx.get(bI)] * c[bI];
                c[a] = s / r[ka][ka];
            }
            double max = 0;
            for (double v : c) max = Math.max(max, Math.abs(v));
            List<String> parts = new ArrayList<>();
            for (int a = 0; a < q; a++) {
                if (Math.abs(c[a]) > 1e-6 * max) parts.add(names.get(idx.get(a)));
            }
            return parts;
        });
    }

    static String quote(List<String> names) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) sb.append(", ");
            sb.append('\'').append(names.get(i)).append('\'');
        }
        return sb.toString();
    }
}
