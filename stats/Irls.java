package stats;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Iteratively reweighted least squares for log-link count models (package-private engine).
 *
 * <p>Works in a centred/scaled basis (non-intercept columns centred on their means when there is an
 * intercept, all scaled to unit SD) so X'WX is well conditioned; X'WX and X'Wz are accumulated in fixed
 * blocks of rows, in parallel, and the blocks are summed in block order, so results do not depend on the
 * number of threads. Converges when the relative change of the deviance is below {@code TOL}.
 */
final class Irls {
    private Irls() {}

    static final int BLOCK = 1 << 14;
    static final int MINI = 1024;
    static final double TOL = 1e-10;
    static final int MAX_ITER = 100;
    static final double ETA_MAX = 700;
    /** Passes over covariate patterns where the rows group (see {@link Grouped}); false only to compare in tests. */
    static volatile boolean GROUPING = !Boolean.getBoolean("stats.irls.rows");

    /** NB2 with alpha (alpha = 0: Poisson). */
    record Family(double alpha) {
        double variance(double mu) { return mu + alpha * mu * mu; }
        double weight(double mu) { return mu / (1 + alpha * mu); }
        double unitDeviance(double y, double mu) {
            return alpha == 0 ? UnitDeviance.poisson(y, mu) : UnitDeviance.negativeBinomial(y, mu, alpha);
        }
    }

    static final class Fit {
        double[] beta;          // original coordinates
        double[][] covUnscaled; // (X'WX)^-1, original coordinates
        double[][] covBasis;    // (X'WX)^-1 in the basis (sandwich covariances are built there)
        double[] mu;
        double deviance;
        int iterations;
        boolean converged;
    }

    /** Basis: xt_j = (x_j - m_j) / s_j for non-intercept columns (m_j = 0 without intercept). */
    static final class Basis {
        final double[][] x;
        final double[] m, s, inv;
        final boolean intercept;
        final List<String> names;

        Basis(double[][] x, List<String> names, boolean intercept) {
            this.x = x;
            this.names = names;
            this.intercept = intercept;
            int p = x.length;
            m = new double[p];
            s = new double[p];
            for (int j = 0; j < p; j++) {
                if (intercept && j == 0) {
                    s[j] = 1;
                    continue;
                }
                double mean = intercept ? LeastSquares.accurateMean(x[j]) : 0;
                double ss = 0;
                for (double v : x[j]) ss += (v - mean) * (v - mean);
                double sd = Math.sqrt(ss / x[j].length);
                if (!(sd > 0)) {
                    throw new RankDeficientException(List.of(names.get(j)), "design matrix is rank deficient: column '" + names.get(j) + "' is "
                            + (intercept ? "constant, i.e. aliased with the intercept" : "all zero") + "; remove it");
                }
                m[j] = mean;
                s[j] = sd;
            }
            inv = new double[p];
            for (int j = 0; j < p; j++) inv[j] = 1 / s[j];
        }

        private Patterns patterns;
        private double[][] patternRows;
        private double[] patternCounts;
        private boolean ungroupable;
        private Grouped grouped;

        /**
         * The rows grouped by covariate pattern for response {@code y}, or null when there are more than n / 4
         * patterns (grouping would not pay). The patterns are found once per basis; the sums of y once per response.
         */
        synchronized Grouped grouped(double[] y) {
            if (ungroupable) return null;
            if (patterns == null) {
                patterns = Patterns.of(x, y.length / 4);
                if (patterns == null) {
                    ungroupable = true;
                    return null;
                }
                patternRows = rowsOf(patterns);
                int g = patterns.count;
                patternCounts = new double[g];
                for (int id : patterns.id) patternCounts[id]++;
            }
            if (grouped == null || grouped.y != y) grouped = new Grouped(patterns, patternRows, patternCounts, y);
            return grouped;
        }

        /** Each pattern's row in the basis: {@code [j][g] = (x_jg - m_j) / s_j}. */
        double[][] rowsOf(Patterns pat) {
            int p = x.length, g = pat.count;
            double[][] rows = new double[p][g];
            for (int j = 0; j < p; j++) for (int k = 0; k < g; k++) rows[j][k] = (pat.x[j][k] - m[j]) * inv[j];
            return rows;
        }

        /** Row i in the basis: v_j = (x_ij - m_j) / s_j. */
        void row(int i, double[] v) {
            for (int j = 0; j < v.length; j++) v[j] = (x[j][i] - m[j]) * inv[j];
        }

        /** beta (original) from beta_t (basis). */
        double[] toOriginal(double[] bt) {
            int p = bt.length;
            double[] b = new double[p];
            double shift = 0;
            for (int j = 0; j < p; j++) {
                if (intercept && j == 0) continue;
                b[j] = bt[j] / s[j];
                shift += m[j] * b[j];
            }
            if (intercept) b[0] = bt[0] - shift;
            return b;
        }

        /** Cov(b) = T Cov(bt) T' with b = T bt. */
        double[][] covToOriginal(double[][] c) {
            int p = c.length;
            double[][] t = new double[p][p];
            for (int j = 0; j < p; j++) {
                double[] e = new double[p];
                e[j] = 1;
                double[] col = toOriginal(e);
                for (int i = 0; i < p; i++) t[i][j] = col[i];
            }
            double[][] tc = new double[p][p], out = new double[p][p];
            for (int i = 0; i < p; i++) for (int j = 0; j < p; j++) {
                double a = 0;
                for (int k = 0; k < p; k++) a += t[i][k] * c[k][j];
                tc[i][j] = a;
            }
            for (int i = 0; i < p; i++) for (int j = 0; j < p; j++) {
                double a = 0;
                for (int k = 0; k < p; k++) a += tc[i][k] * t[j][k];
                out[i][j] = a;
            }
            return out;
        }
    }

    /**
     * Rows with the same covariates share eta, mu and the IRLS weight, so X'WX and X'Wz need only each
     * pattern's row count and sum of y (as for grouped binomial data); the deviance splits into a part of each
     * row's y alone, summed once per alpha, and a part of each pattern's mu. A pass then costs p^2 per
     * pattern instead of per row: 200k generated people have 32k patterns, and the count stops growing.
     */
    static final class Grouped {
        final Patterns pat;
        final double[][] xt;     // pattern g's basis row: xt[j][g]
        final double[] count, sumY;
        private final double[] y;
        private double constantAlpha = Double.NaN, constant;

        Grouped(Patterns pat, double[][] xt, double[] count, double[] y) {
            this.pat = pat;
            this.xt = xt;
            this.count = count;
            this.y = y;
            sumY = new double[pat.count];
            for (int i = 0; i < y.length; i++) sumY[pat.id[i]] += y[i];
        }

        /** X'X in the basis: sum over patterns of count x x'. */
        double[][] gram() { return gram(count); }

        /** X'WX in the basis from per-pattern weights (a pattern's row count times its rows' common weight). */
        double[][] gram(double[] weight) { return patternGram(xt, weight); }

        /** X'WX in the basis over patterns: their basis rows {@code xt[j][g]}, weighted per pattern. */
        static double[][] patternGram(double[][] xt, double[] weight) {
            int p = xt.length, g = weight.length;
            double[][] a = new double[p][p];
            double[] wa = new double[g];
            for (int r = 0; r < p; r++) {
                double[] xr = xt[r];
                for (int k = 0; k < g; k++) wa[k] = weight[k] * xr[k];
                for (int c = 0; c <= r; c++) {
                    double[] xc = xt[c];
                    double d0 = 0, d1 = 0;
                    int k = 0;
                    for (; k + 1 < g; k += 2) {
                        d0 += wa[k] * xc[k];
                        d1 += wa[k + 1] * xc[k + 1];
                    }
                    if (k < g) d0 += wa[k] * xc[k];
                    a[r][c] = d0 + d1;
                    a[c][r] = a[r][c];
                }
            }
            return a;
        }

        /** The deviance terms of each row's y alone: 2 (y log y - y) for Poisson, 2 (y log y - (y + 1/a) log(1 + a y)) for NB2. */
        synchronized double constant(Family fam) {
            if (Double.compare(constantAlpha, fam.alpha()) != 0) {
                double a = fam.alpha(), c = 0;
                for (double yi : y) {
                    double ylogy = yi > 0 ? yi * Math.log(yi) : 0;
                    c += a == 0 ? 2 * (ylogy - yi) : 2 * (ylogy - (yi + 1 / a) * Math.log1p(a * yi));
                }
                constant = c;
                constantAlpha = a;
            }
            return constant;
        }
    }

    /** {@link #pass} over patterns instead of rows (see {@link Grouped}); single-threaded, so deterministic. */
    private static Pass groupedPass(Grouped gr, double[] bt, Family fam, double[] muOut, double[] etaG) {
        int p = bt.length, g = gr.pat.count;
        double a = fam.alpha();
        double[] mu = new double[g], w = new double[g], wz = new double[g];
        boolean finite = true;
        double dev = gr.constant(fam);
        for (int k = 0; k < g; k++) {
            double e = 0;
            if (etaG != null) e = etaG[k];
            else for (int j = 0; j < p; j++) e += gr.xt[j][k] * bt[j];
            if (e > ETA_MAX) {
                e = ETA_MAX;
                finite = false;
            }
            double m = Math.exp(e);
            if (m < 1e-300) m = 1e-300;
            mu[k] = m;
            double n = gr.count[k], sy = gr.sumY[k];
            // the mu part of the unit deviance, summed over the pattern's rows
            dev += a == 0 ? 2 * (n * m - sy * Math.log(m)) : 2 * (-sy * Math.log(m) + (sy + n / a) * Math.log1p(a * m));
            double wi = fam.weight(m);
            w[k] = n * wi;
            wz[k] = wi * (n * e + (sy - n * m) / m);
        }
        int[] id = gr.pat.id;
        for (int i = 0; i < id.length; i++) muOut[i] = mu[id[i]];
        double[] b = new double[p];
        for (int r = 0; r < p; r++) {
            double[] xr = gr.xt[r];
            double s0 = 0;
            for (int k = 0; k < g; k++) s0 += xr[k] * wz[k];
            b[r] = s0;
        }
        return new Pass(dev, gr.gram(w), b, finite);
    }

    /** One pass: eta, mu, deviance at bt; and X'WX, X'Wz in the basis. */
    private record Pass(double deviance, double[][] a, double[] b, boolean finite) {}

    /** Number of passes over the data so far (for benchmarks). */
    static final java.util.concurrent.atomic.AtomicLong PASSES = new java.util.concurrent.atomic.AtomicLong();

    private static Pass pass(double[] y, Basis basis, double[] bt, Family fam, double[] muOut) {
        return pass(y, basis, bt, fam, muOut, null);
    }

    /** As above; a non-null {@code etaIn} replaces x'bt as the linear predictor (a warm start from another fit's eta). */
    private static Pass pass(double[] y, Basis basis, double[] bt, Family fam, double[] muOut, double[] etaIn) {
        PASSES.incrementAndGet();
        if (GROUPING) {
            Grouped gr = basis.grouped(y);
            if (gr != null) {
                if (etaIn == null) return groupedPass(gr, bt, fam, muOut, null);
                // a warm start's eta (another fit's, on these rows) is one value per pattern when that fit used the
                // same covariates; where it is not, the pattern takes its last row's: a start only moves the passes
                double[] etaG = new double[gr.pat.count];
                for (int i = 0; i < etaIn.length; i++) etaG[gr.pat.id[i]] = etaIn[i];
                return groupedPass(gr, bt, fam, muOut, etaG);
            }
        }
        int n = y.length, p = bt.length;
        int blocks = (n + BLOCK - 1) / BLOCK;
        double[][] parts = IntStream.range(0, blocks).parallel().mapToObj(blk -> {
            int lo = blk * BLOCK, hi = Math.min(n, lo + BLOCK);
            double[] acc = new double[p * p + p + 2];
            double[][] x = basis.x;
            double[] m = basis.m, is = basis.inv;
            boolean finite = true;
            // mini-batches: basis columns of the batch, then X'WX by column dot products (cache friendly)
            double[][] xt = new double[p][MINI];
            double[] wz = new double[MINI], w = new double[MINI], eta = new double[MINI];
            for (int b0 = lo; b0 < hi; b0 += MINI) {
                int len = Math.min(MINI, hi - b0);
                java.util.Arrays.fill(eta, 0, len, 0);
                for (int j = 0; j < p; j++) {
                    double[] src = x[j], dst = xt[j];
                    double mj = m[j], sj = is[j], bj = bt[j];
                    for (int r = 0; r < len; r++) {
                        double v = (src[b0 + r] - mj) * sj;
                        dst[r] = v;
                        eta[r] += v * bj;
                    }
                }
                if (etaIn != null) System.arraycopy(etaIn, b0, eta, 0, len);
                double dev = 0;
                for (int r = 0; r < len; r++) {
                    double e = eta[r];
                    if (e > ETA_MAX) {
                        e = ETA_MAX;
                        finite = false;
                    }
                    double mu = Math.exp(e);
                    if (mu < 1e-300) mu = 1e-300;
                    muOut[b0 + r] = mu;
                    double yi = y[b0 + r];
                    dev += fam.unitDeviance(yi, mu);
                    double wi = fam.weight(mu);
                    w[r] = wi;
                    wz[r] = wi * (e + (yi - mu) / mu);
                }
                acc[p * p + p] += dev;
                for (int a = 0; a < p; a++) {
                    double[] xa = xt[a];
                    double s0 = 0;
                    for (int r = 0; r < len; r++) s0 += xa[r] * wz[r];
                    acc[p * p + a] += s0;
                    double[] wa = eta; // reuse as w * x_a
                    for (int r = 0; r < len; r++) wa[r] = w[r] * xa[r];
                    for (int c = 0; c <= a; c++) {
                        double[] xc = xt[c];
                        double d0 = 0, d1 = 0, d2 = 0, d3 = 0;
                        int r = 0;
                        for (; r + 3 < len; r += 4) {
                            d0 += wa[r] * xc[r];
                            d1 += wa[r + 1] * xc[r + 1];
                            d2 += wa[r + 2] * xc[r + 2];
                            d3 += wa[r + 3] * xc[r + 3];
                        }
                        for (; r < len; r++) d0 += wa[r] * xc[r];
                        acc[a * p + c] += (d0 + d1) + (d2 + d3);
                    }
                }
            }
            acc[p * p + p + 1] = finite ? 0 : 1;
            return acc;
        }).toArray(double[][]::new);
        double[] tot = new double[p * p + p + 2];
        for (double[] part : parts) for (int k = 0; k < tot.length; k++) tot[k] += part[k]; // block order: deterministic
        double[][] a = new double[p][p];
        for (int i = 0; i < p; i++) for (int j = 0; j <= i; j++) {
            a[i][j] = tot[i * p + j];
            a[j][i] = a[i][j];
        }
        double[] b = Arrays.copyOfRange(tot, p * p, p * p + p);
        return new Pass(tot[p * p + p], a, b, tot[p * p + p + 1] == 0);
    }

    /**
     * Fits with fixed alpha from basis-coordinate start {@code bt0} (null: intercept-only at log mean y).
     * Returns the fit; {@code btOut} receives the final basis coefficients for warm starts.
     */
    static Fit fit(double[] y, Basis basis, Family fam, double[] bt0, double[] btOut) {
        return fit(y, basis, fam, bt0, btOut, MAX_ITER);
    }

    /** As above with at most {@code maxIter} IRLS steps (NB2 alternation uses few steps per alpha). */
    static Fit fit(double[] y, Basis basis, Family fam, double[] bt0, double[] btOut, int maxIter) {
        int n = y.length, p = basis.x.length;
        double[] bt = new double[p];
        if (bt0 != null) bt = bt0.clone();
        else {
            double mean = LeastSquares.accurateMean(y);
            if (basis.intercept) bt[0] = Math.log(mean);
        }
        double[] mu = new double[n];
        Pass cur = pass(y, basis, bt, fam, mu);
        if (!basis.intercept && bt0 == null) {
            // no intercept: start from mu = y + 0.1 via one weighted LS step on z = log(y + 0.1)
            double[] eta0 = new double[n];
            for (int i = 0; i < n; i++) eta0[i] = Math.log(y[i] + 0.1);
            bt = startNoIntercept(y, basis, eta0, fam);
            cur = pass(y, basis, bt, fam, mu);
        }
        int it = 0;
        boolean converged = false;
        while (it < maxIter) {
            double[][] l = cholesky(cur.a(), basis.names);
            double[] next = cholSolve(l, cur.b());
            Pass np = pass(y, basis, next, fam, mu);
            int halvings = 0;
            while ((!np.finite() || !Double.isFinite(np.deviance()) || np.deviance() > cur.deviance() * (1 + 1e-12) + 1e-12) && halvings < 30) {
                for (int j = 0; j < p; j++) next[j] = 0.5 * (next[j] + bt[j]);
                np = pass(y, basis, next, fam, mu);
                halvings++;
            }
            it++;
            double change = Math.abs(np.deviance() - cur.deviance()) / (Math.abs(np.deviance()) + 0.1);
            bt = next;
            cur = np;
            if (change < TOL) {
                converged = true;
                break;
            }
        }
        if (!cur.finite()) {
            throw new IllegalArgumentException("the fit diverged (linear predictor above " + ETA_MAX + "): check for separation or extreme predictors");
        }
        Fit f = new Fit();
        double[][] l = cholesky(cur.a(), basis.names);
        double[][] inv = cholInverse(l);
        f.beta = basis.toOriginal(bt);
        f.covUnscaled = basis.covToOriginal(inv);
        f.covBasis = inv;
        f.mu = mu;
        f.deviance = cur.deviance();
        f.iterations = it;
        f.converged = converged;
        if (btOut != null) System.arraycopy(bt, 0, btOut, 0, p);
        return f;
    }

    /**
     * Warm start from a linear predictor (as R's {@code glm(etastart=)}): one IRLS step from {@code eta0}
     * (e.g. a full-data fit's eta on these rows, whatever its parameterisation), then {@link #fit} from there.
     * The converged estimate does not depend on the start; only the number of passes does.
     */
    static Fit fitFromEta(double[] y, Basis basis, Family fam, double[] eta0, double[] btOut, int maxIter) {
        int n = y.length, p = basis.x.length;
        Pass first = pass(y, basis, new double[p], fam, new double[n], eta0);
        if (!first.finite()) return fit(y, basis, fam, null, btOut, maxIter);
        double[] bt1 = cholSolve(cholesky(first.a(), basis.names), first.b());
        return fit(y, basis, fam, bt1, btOut, maxIter);
    }

    private static double[] startNoIntercept(double[] y, Basis basis, double[] eta0, Family fam) {
        int n = y.length, p = basis.x.length;
        double[][] a = new double[p][p];
        double[] b = new double[p];
        double[] xt = new double[p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) xt[j] = (basis.x[j][i] - basis.m[j]) / basis.s[j];
            double mu = Math.exp(eta0[i]), w = fam.weight(mu);
            for (int r = 0; r < p; r++) {
                for (int c = 0; c < p; c++) a[r][c] += w * xt[r] * xt[c];
                b[r] += w * xt[r] * eta0[i];
            }
        }
        return cholSolve(cholesky(a, basis.names), b);
    }

    // ------------------------------------------------------------ Cholesky with rank reporting

    /** Cholesky of a (symmetric), with Jacobi scaling for the rank test; names aliased columns. */
    static double[][] cholesky(double[][] a, List<String> names) {
        int p = a.length;
        double[] d = new double[p];
        for (int i = 0; i < p; i++) d[i] = Math.sqrt(a[i][i]);
        double[][] l = new double[p][p];
        boolean[] aliased = new boolean[p];
        for (int j = 0; j < p; j++) {
            double s = a[j][j] / (d[j] * d[j]);
            for (int k = 0; k < j; k++) s -= l[j][k] * l[j][k];
            if (!(s > 1e-12)) {
                aliased[j] = true;
                s = 1; // continue to find all of them
                for (int k = 0; k < j; k++) l[j][k] = 0;
                l[j][j] = 1;
                continue;
            }
            l[j][j] = Math.sqrt(s);
            for (int i = j + 1; i < p; i++) {
                double t = a[i][j] / (d[i] * d[j]);
                for (int k = 0; k < j; k++) t -= l[i][k] * l[j][k];
                l[i][j] = t / l[j][j];
            }
        }
        RankDeficiency.check(names, aliased, j -> null); // Cholesky does not tell which earlier columns
        // unscale: A = D L L' D
        for (int i = 0; i < p; i++) for (int j = 0; j <= i; j++) l[i][j] *= d[i];
        return l;
    }

    static double[] cholSolve(double[][] l, double[] b) {
        int p = b.length;
        double[] z = new double[p];
        for (int i = 0; i < p; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) s -= l[i][k] * z[k];
            z[i] = s / l[i][i];
        }
        double[] x = new double[p];
        for (int i = p - 1; i >= 0; i--) {
            double s = z[i];
            for (int k = i + 1; k < p; k++) s -= l[k][i] * x[k];
            x[i] = s / l[i][i];
        }
        return x;
    }

    static double[][] cholInverse(double[][] l) {
        int p = l.length;
        double[][] inv = new double[p][p];
        for (int j = 0; j < p; j++) {
            double[] e = new double[p];
            e[j] = 1;
            double[] c = cholSolve(l, e);
            for (int i = 0; i < p; i++) inv[i][j] = c[i];
        }
        return inv;
    }
}
