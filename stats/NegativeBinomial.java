package stats;

import org.apache.commons.math3.special.Gamma;

import java.util.Arrays;
import java.util.List;

/**
 * Negative binomial regression, NB2 (Var y = mu + alpha mu^2), log link, as R's {@code MASS::glm.nb}:
 * start from the Poisson fit, then alternate IRLS for beta at fixed alpha with Newton's method for
 * theta = 1/alpha on the profile log-likelihood, until the log-likelihood and theta settle.
 * alpha is bounded below by {@link #ALPHA_MIN}; hitting the bound means no overdispersion was found
 * (the summary says so through alpha ~ 0; use {@link PoissonGlm} then).
 */
public final class NegativeBinomial {
    private NegativeBinomial() {}

    public static final double ALPHA_MIN = 1e-8;
    static final int MAX_OUTER = 60;

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

    /**
     * The one fitting path. alpha's SE comes from the observed information of theta = 1/alpha (delta
     * method) by default, and from the joint observed information over (beta, alpha) under
     * {@link CovarianceType#OBSERVED}.
     */
    public static GlmResult fit(ModelData data, CovarianceType cov) {
        return fit(data, cov, null, Double.NaN);
    }

    /**
     * As above, started from another NB2 fit's linear predictor on these rows and its theta = 1/alpha (null, NaN:
     * the usual start from a Poisson fit). The converged estimate does not depend on the start, only the number
     * of passes: a likelihood-ratio refit starts from the full model's.
     */
    static GlmResult fit(ModelData data, CovarianceType cov, double[] etaStart, double thetaStart) {
        double[] y = data.y();
        Ols.Prepared pr = Ols.prepare(y, data.columns(), data.names(), data.intercept());
        PoissonGlm.checkCounts(y);
        Irls.Basis basis = new Irls.Basis(pr.x(), pr.names(), data.intercept());
        State s = etaStart == null ? run(y, basis) : run(y, basis, null, etaStart, thetaStart);
        double alpha = 1 / s.theta;
        double[][] observed = null;
        double alphaSe;
        if (cov.kind() == CovarianceType.Kind.OBSERVED) {
            double[][] inv = observedInverse(y, basis, s);
            int p = inv.length - 1;
            double[][] bb = new double[p][p];
            for (int i = 0; i < p; i++) System.arraycopy(inv[i], 0, bb[i], 0, p);
            observed = basis.covToOriginal(bb);
            alphaSe = Math.sqrt(inv[p][p]);
        } else {
            double thetaSe = 1 / Math.sqrt(s.counts.info(s.theta, y, s.fit.mu));
            alphaSe = thetaSe / (s.theta * s.theta);
        }
        return CountFit.result("NegativeBinomial (NB2)", data, pr.names(), pr.x(), basis, s.fit, GlmResult.Alpha.of(alpha, alphaSe),
                s.ll, nullLogLikelihood(y, s.counts), pr.names().size() + 1, cov, observed);
    }

    /**
     * Inverse of the observed information over (beta in the basis, alpha), from the NB2 log-likelihood's
     * second derivatives: -d2l/deta2 = mu (1 + alpha y) / (1 + alpha mu)^2 (its expectation is the IRLS
     * weight mu / (1 + alpha mu)), -d2l/deta dalpha = (y - mu) mu / (1 + alpha mu)^2 and
     * -d2l/dalpha2 = theta^4 I(theta) - 2 theta^3 S(theta).
     */
    static double[][] observedInverse(double[] y, Irls.Basis basis, State s) {
        int n = y.length, p = basis.x.length;
        double a = 1 / s.theta, t = s.theta;
        double[][] j = new double[p + 1][p + 1];
        double[] v = new double[p];
        for (int i = 0; i < n; i++) {
            basis.row(i, v);
            double mu = s.fit.mu[i], d = 1 + a * mu;
            double w = mu * (1 + a * y[i]) / (d * d), c = (y[i] - mu) * mu / (d * d);
            for (int r = 0; r < p; r++) {
                for (int q = 0; q <= r; q++) j[r][q] += w * v[r] * v[q];
                j[p][r] += c * v[r];
            }
        }
        j[p][p] = t * t * t * t * s.counts.info(t, y, s.fit.mu) - 2 * t * t * t * s.counts.score(t, y, s.fit.mu);
        for (int r = 0; r <= p; r++) for (int q = 0; q < r; q++) j[q][r] = j[r][q];
        return Solve.inverse(j);
    }

    /** Log-likelihood of the intercept-only NB2 model (mu = mean y, alpha re-estimated), as statsmodels' llnull. */
    static double nullLogLikelihood(double[] y, Counts counts) {
        double[] mu = new double[y.length];
        Arrays.fill(mu, LeastSquares.accurateMean(y));
        double s = 0;
        for (double v : y) s += (v / mu[0] - 1) * (v / mu[0] - 1);
        double t = thetaMl(counts, y, mu, clampTheta(y.length / Math.max(s, 1e-300)));
        return counts.logLik(t, y, mu);
    }

    /** Coefficients only: used by cross-validation and the bootstrap. */
    static double[] coefficients(double[] y, double[][] x, List<String> names, boolean intercept) {
        PoissonGlm.checkCounts(y);
        return run(y, new Irls.Basis(x, names, intercept)).fit.beta;
    }

    /** Coefficients warm-started from a Poisson fit's basis coefficients (cross-validation). */
    static double[] coefficients(double[] y, Irls.Basis basis, double[] poissonBt) {
        return run(y, basis, poissonBt).fit.beta;
    }

    /**
     * Coefficients warm-started from another NB2 fit's linear predictor on these rows and its theta = 1/alpha
     * (cross-validation folds start from the full-data fit); the converged estimate does not depend on the start.
     */
    static double[] coefficientsFromEta(double[] y, Irls.Basis basis, double[] etaStart, double thetaStart) {
        return run(y, basis, null, etaStart, thetaStart).fit.beta;
    }

    /** Coefficients and alpha (alpha last). */
    static double[] coefficientsAndAlpha(double[] y, double[][] x, List<String> names, boolean intercept) {
        PoissonGlm.checkCounts(y);
        State s = run(y, new Irls.Basis(x, names, intercept));
        double[] out = Arrays.copyOf(s.fit.beta, s.fit.beta.length + 1);
        out[out.length - 1] = 1 / s.theta;
        return out;
    }

    static final class State {
        Irls.Fit fit;
        double theta, ll;
        Counts counts;
    }

    private static State run(double[] y, Irls.Basis basis) {
        return run(y, basis, null);
    }

    /** @param poissonStart basis coefficients of a converged Poisson fit on the same data, or null */
    private static State run(double[] y, Irls.Basis basis, double[] poissonStart) {
        return run(y, basis, poissonStart, null, Double.NaN);
    }

    /** @param etaStart linear predictor of an NB2 fit to start from, with its theta (else null, NaN) */
    private static State run(double[] y, Irls.Basis basis, double[] poissonStart, double[] etaStart, double thetaStart) {
        int p = basis.x.length;
        double[] bt = new double[p];
        Irls.Fit f = etaStart != null ? Irls.fitFromEta(y, basis, new Irls.Family(1 / clampTheta(thetaStart)), etaStart, bt, 1)
                : poissonStart == null ? Irls.fit(y, basis, new Irls.Family(0), null, bt)
                : Irls.fit(y, basis, new Irls.Family(0), poissonStart, bt, 1);
        Counts counts = new Counts(y);
        double theta;
        if (etaStart != null) {
            theta = clampTheta(thetaStart);
        } else {
            // moment start, as MASS::theta.ml
            double s = 0;
            for (int i = 0; i < y.length; i++) {
                double d = y[i] / f.mu[i] - 1;
                s += d * d;
            }
            theta = clampTheta(y.length / Math.max(s, 1e-300));
        }
        theta = thetaMl(counts, y, f.mu, theta);
        double ll = counts.logLik(theta, y, f.mu);
        int totalIter = f.iterations;
        boolean converged = false;
        for (int outer = 0; outer < MAX_OUTER; outer++) {
            // one IRLS step for beta at the current alpha, then ML theta at the new means
            f = Irls.fit(y, basis, new Irls.Family(1 / theta), bt, bt, 1);
            totalIter += f.iterations;
            double t2 = thetaMl(counts, y, f.mu, theta);
            double ll2 = counts.logLik(t2, y, f.mu);
            boolean done = f.converged && Math.abs(ll2 - ll) < 1e-11 * Math.abs(ll) + 1e-12 && Math.abs(t2 - theta) < 1e-8 * theta;
            theta = t2;
            ll = ll2;
            if (done) {
                converged = true;
                break;
            }
        }
        // information and means at the final (beta, theta): one evaluation pass, no further step
        f = Irls.fit(y, basis, new Irls.Family(1 / theta), bt, bt, 0);
        f.iterations = totalIter;
        f.converged = converged;
        State st = new State();
        st.fit = f;
        st.theta = theta;
        st.ll = counts.logLik(theta, y, f.mu);
        st.counts = counts;
        return st;
    }

    static double clampTheta(double t) {
        if (!(t > 0)) return 1;
        return Math.min(t, 1 / ALPHA_MIN);
    }

    /** ML theta for fixed mu by safeguarded Newton's method. */
    static double thetaMl(Counts c, double[] y, double[] mu, double t0) {
        double t = clampTheta(t0);
        for (int it = 0; it < 100; it++) {
            double score = c.score(t, y, mu);
            double info = c.info(t, y, mu);
            double next;
            if (info > 0 && Double.isFinite(score / info)) {
                next = t + score / info;
                if (!(next > 0)) next = t / 4;
                if (next > 4 * t) next = 4 * t;
            } else {
                next = score > 0 ? 2 * t : t / 2;
            }
            next = clampTheta(next);
            if (Math.abs(next - t) <= 1e-12 * t) return next;
            if (next == t) return t;
            t = next;
        }
        return t;
    }

    /**
     * The y-only parts of the NB log-likelihood and its theta derivatives, summed over distinct y values
     * (exact finite sums for integer counts; Gamma functions otherwise).
     */
    static final class Counts {
        final double[] values;
        final long[] freq;
        final boolean integer;
        final double lgammaY1; // sum of lgamma(y+1)

        Counts(double[] y) {
            double[] s = y.clone();
            Arrays.sort(s);
            int d = 0;
            double[] v = new double[s.length];
            long[] f = new long[s.length];
            for (int i = 0; i < s.length; i++) {
                if (i == 0 || s[i] != s[i - 1]) {
                    v[d] = s[i];
                    f[d++] = 1;
                } else f[d - 1]++;
            }
            values = Arrays.copyOf(v, d);
            freq = Arrays.copyOf(f, d);
            boolean in = values[d - 1] <= 1_000_000;
            for (double x : values) if (x != Math.rint(x)) in = false;
            integer = in;
            double l = 0;
            for (int k = 0; k < d; k++) l += freq[k] * Gamma.logGamma(values[k] + 1);
            lgammaY1 = l;
        }

        /** [sum c (psi(y+t) - psi(t)), sum c (psi'(t) - psi'(y+t)), sum c (lgamma(y+t) - lgamma(t))]. */
        double[] yTerms(double t) {
            double d1 = 0, d2 = 0, lg = 0;
            if (integer) {
                double a1 = 0, a2 = 0, al = 0;
                int k = 0;
                for (int idx = 0; idx < values.length; idx++) {
                    int target = (int) values[idx];
                    while (k < target) {
                        double tk = t + k;
                        a1 += 1 / tk;
                        a2 += 1 / (tk * tk);
                        al += Math.log(tk);
                        k++;
                    }
                    d1 += freq[idx] * a1;
                    d2 += freq[idx] * a2;
                    lg += freq[idx] * al;
                }
            } else {
                double pt = Gamma.digamma(t), tt = Gamma.trigamma(t), lt = Gamma.logGamma(t);
                for (int idx = 0; idx < values.length; idx++) {
                    double yv = values[idx];
                    d1 += freq[idx] * (Gamma.digamma(yv + t) - pt);
                    d2 += freq[idx] * (tt - Gamma.trigamma(yv + t));
                    lg += freq[idx] * (Gamma.logGamma(yv + t) - lt);
                }
            }
            return new double[]{d1, d2, lg};
        }

        double score(double t, double[] y, double[] mu) {
            double s = yTerms(t)[0];
            double lt = Math.log(t);
            for (int i = 0; i < y.length; i++) {
                double tm = t + mu[i];
                s += lt + 1 - Math.log(tm) - (y[i] + t) / tm;
            }
            return s;
        }

        /** Observed information -d2 logL / d theta2. */
        double info(double t, double[] y, double[] mu) {
            double s = yTerms(t)[1] - y.length / t;
            for (int i = 0; i < y.length; i++) {
                double tm = t + mu[i];
                s += 2 / tm - (y[i] + t) / (tm * tm);
            }
            return s;
        }

        double logLik(double t, double[] y, double[] mu) {
            double s = yTerms(t)[2] - lgammaY1;
            double lt = Math.log(t);
            for (int i = 0; i < y.length; i++) {
                double ltm = Math.log(t + mu[i]);
                s += t * (lt - ltm) + (y[i] > 0 ? y[i] * (Math.log(mu[i]) - ltm) : 0);
            }
            return s;
        }
    }
}
