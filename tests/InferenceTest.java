///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//JAVAC_OPTIONS -encoding UTF-8
//JAVA_OPTIONS -Xmx2g
//SOURCES testkit/JUnitMain.java
//SOURCES ../model/*.java ../stats/*.java ../ingest/*.java
//SOURCES ../report/*.java
//SOURCES ../storage/*.java
// Inference beyond the coefficient table (issue 16): robust and clustered covariances, NB2 observed
// information, Wald and likelihood-ratio tests, residual tests, pseudo-R2, alpha's z/p/CI, marginal
// effects, predictive intervals; plus survival-function p-values, leverage-1 and separation (issue 12).
// Every quantity is checked against an independent computation: textbook matrix formulas with
// commons-math, closed forms, a numerical Hessian, or simulations with known truth; and against
// statsmodels (Debian python3-statsmodels under /usr/bin/python3) on a fixed generated data set,
// SKIPPED with the reason where statsmodels is absent. Run: ./jbang tests/InferenceTest.java [--filter NAME]

import com.fasterxml.jackson.databind.JsonNode;
import model.ExposureModelResult;
import model.ExposureModels;
import model.ExposureSpec;
import model.FitOptions;
import model.InputFingerprint;
import model.ModelCard;
import model.ModelException;
import model.Predictor;
import model.Scoring;
import org.apache.commons.math3.distribution.PascalDistribution;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.random.RandomDataGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.special.Gamma;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import stats.Coefficients;
import stats.CovarianceType;
import stats.FittedModel;
import stats.GlmResult;
import stats.LikelihoodRatio;
import stats.LikelihoodRatioTest;
import stats.MarginalEffect;
import stats.MarginalEffects;
import stats.ModelData;
import stats.ModelKind;
import stats.NegativeBinomial;
import stats.Ols;
import stats.OlsResult;
import stats.PoissonGlm;
import stats.PredictiveDistribution;
import stats.ResidualTests;
import numerics.Tails;
import stats.Term;
import stats.WaldTest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class InferenceTest {
    public static void main(String[] a) { testkit.JUnitMain.runAndExit(a, InferenceTest.class); }

    // ------------------------------------------------------------------ generated data

    /**
     * n rows in G clusters: x1 (half cluster-level), x2, a 3-level categorical g (dummies b, c; reference a),
     * a continuous y with heteroskedastic noise, a count from NB2 (alpha 0.5) with a cluster frailty.
     */
    record Data(double[] y, double[] count, double[][] columns, List<String> names, int[] cluster, int clusters) {
        ModelData ols() { return new ModelData(y, columns, names, true, "y", terms()); }
        ModelData counts() { return new ModelData(count, columns, names, true, "count", terms()); }
        List<Term> terms() {
            return List.of(new Term("x1", new int[]{1}, false, null), new Term("x2", new int[]{2}, false, null), new Term("g", new int[]{3, 4}, true, "a"));
        }
    }

    static Data generate(int n, int clusters, long seed, double clusterSd) {
        RandomDataGenerator r = new RandomDataGenerator(new Well19937c(seed));
        double[] zc = new double[clusters], uc = new double[clusters], fc = new double[clusters];
        for (int k = 0; k < clusters; k++) {
            zc[k] = r.nextGaussian(0, 1);
            uc[k] = clusterSd > 0 ? r.nextGaussian(0, clusterSd) : 0;
            fc[k] = clusterSd > 0 ? r.nextGamma(1 / (clusterSd * clusterSd), clusterSd * clusterSd) : 1;
        }
        double[] y = new double[n], cnt = new double[n], x1 = new double[n], x2 = new double[n], b = new double[n], c = new double[n];
        int[] cl = new int[n];
        for (int i = 0; i < n; i++) {
            int k = (int) ((long) i * clusters / n);
            cl[i] = k;
            x1[i] = zc[k] + r.nextGaussian(0, 1);
            x2[i] = r.nextUniform(-1, 1);
            double u = r.nextUniform(0, 1);
            b[i] = u < 0.35 ? 1 : 0;
            c[i] = u >= 0.35 && u < 0.6 ? 1 : 0;
            y[i] = 1 + 1.0 * x1[i] - 0.5 * x2[i] + 0.3 * b[i] - 0.2 * c[i] + uc[k] + (0.5 + 0.5 * Math.abs(x1[i])) * r.nextGaussian(0, 1);
            double mu = Math.exp(0.4 + 0.3 * x1[i] - 0.4 * x2[i] + 0.25 * b[i] - 0.3 * c[i]) * fc[k];
            double lambda = r.nextGamma(2, mu / 2); // NB2 with alpha 0.5 around mu
            cnt[i] = lambda > 0 ? r.nextPoisson(lambda) : 0;
        }
        return new Data(y, cnt, new double[][]{x1, x2, b, c}, List.of("x1", "x2", "b", "c"), cl, clusters);
    }

    static RealMatrix design(double[][] columns) {
        int n = columns[0].length, p = columns.length + 1;
        double[][] x = new double[n][p];
        for (int i = 0; i < n; i++) {
            x[i][0] = 1;
            for (int j = 0; j < columns.length; j++) x[i][j + 1] = columns[j][i];
        }
        return new Array2DRowRealMatrix(x, false);
    }

    static RealMatrix inverse(RealMatrix m) {
        return new LUDecomposition(m).getSolver().getInverse();
    }

    static void assertRel(double expected, double actual, double rel, String what) {
        assertEquals(expected, actual, rel * Math.abs(expected), what + String.format(Locale.ROOT, ": expected %.12g got %.12g", expected, actual));
    }

    /**
     * The textbook sandwich with commons-math: bread (X'WX)^-1, scores u_i, leverages w_i x_i' bread x_i;
     * w = 1 for OLS; {@code type} HC0..HC3 or CLUSTER (groups).
     */
    static RealMatrix textbookSandwich(RealMatrix x, double[] w, double[] u, CovarianceType.Kind type, int[] groups, int nGroups) {
        int n = x.getRowDimension(), p = x.getColumnDimension();
        RealMatrix xtwx = new Array2DRowRealMatrix(p, p);
        for (int i = 0; i < n; i++) for (int a = 0; a < p; a++) for (int c = 0; c < p; c++) xtwx.addToEntry(a, c, w[i] * x.getEntry(i, a) * x.getEntry(i, c));
        RealMatrix bread = inverse(xtwx);
        RealMatrix meat = new Array2DRowRealMatrix(p, p);
        if (type == CovarianceType.Kind.CLUSTER) {
            double[][] s = new double[nGroups][p];
            for (int i = 0; i < n; i++) for (int a = 0; a < p; a++) s[groups[i]][a] += u[i] * x.getEntry(i, a);
            for (double[] sg : s) for (int a = 0; a < p; a++) for (int c = 0; c < p; c++) meat.addToEntry(a, c, sg[a] * sg[c]);
            meat = meat.scalarMultiply((double) nGroups / (nGroups - 1) * (n - 1.0) / (n - p));
        } else {
            for (int i = 0; i < n; i++) {
                RealMatrix xi = x.getRowMatrix(i);
                double h = w[i] * xi.multiply(bread).multiply(xi.transpose()).getEntry(0, 0);
                double f = switch (type) {
                    case HC0, HC1 -> 1;
                    case HC2 -> 1 / (1 - h);
                    default -> 1 / ((1 - h) * (1 - h));
                };
                for (int a = 0; a < p; a++) for (int c = 0; c < p; c++) meat.addToEntry(a, c, f * u[i] * u[i] * x.getEntry(i, a) * x.getEntry(i, c));
            }
            if (type == CovarianceType.Kind.HC1) meat = meat.scalarMultiply((double) n / (n - p));
        }
        return bread.multiply(meat).multiply(bread);
    }

    static CovarianceType typeOf(CovarianceType.Kind k, Data d) {
        return k == CovarianceType.Kind.CLUSTER ? CovarianceType.cluster("cl").withGroups(d.cluster()) : CovarianceType.parse(k.name());
    }

    // ------------------------------------------------------------------ covariances

    @Test
    void olsRobustAndClusterCovariancesMatchTheTextbookMatrices() {
        Data d = generate(600, 40, 1, 0.7);
        RealMatrix x = design(d.columns());
        OlsResult base = Ols.fit(d.ols(), CovarianceType.NONROBUST);
        double[] e = base.residuals(), one = new double[e.length];
        Arrays.fill(one, 1);
        for (CovarianceType.Kind k : List.of(CovarianceType.Kind.HC0, CovarianceType.Kind.HC1, CovarianceType.Kind.HC2, CovarianceType.Kind.HC3, CovarianceType.Kind.CLUSTER)) {
            OlsResult r = Ols.fit(d.ols(), typeOf(k, d));
            RealMatrix v = textbookSandwich(x, one, e, k, d.cluster(), d.clusters());
            for (int j = 0; j < r.p(); j++) assertRel(Math.sqrt(v.getEntry(j, j)), r.standardErrors()[j], 1e-10, k + " se " + r.names().get(j));
            assertFalse(r.table().tDistribution(), "robust tables use the normal distribution (statsmodels' use_t=False)");
            assertEquals(Tails.normalTwoSided(r.tValues()[1]), r.pValues()[1], 1e-15);
            assertTrue(r.summary().contains("Covariance Type:") && r.summary().contains(typeOf(k, d).label()), r.summary());
            // the coefficients do not depend on the covariance
            for (int j = 0; j < r.p(); j++) assertEquals(base.coefficients()[j], r.coefficients()[j], 0);
        }
        // HC3 is always there beside the chosen one
        assertRel(Ols.fit(d.ols(), CovarianceType.HC3).standardErrors()[2], base.hc3StandardErrors()[2], 1e-12, "HC3 column");
        assertEquals("nonrobust", base.covarianceType());
        assertTrue(base.table().tDistribution());
    }

    @Test
    void olsLeverageAndRobustCovariancesOverCovariatePatternsMatchTheTextbookMatrices() {
        // x1 and x2 on a coarse grid: 2,000 rows in a few hundred patterns, so leverage and the HC meats are
        // computed once per pattern (stats.Patterns); the textbook sums here go row by row
        Data raw = generate(2000, 40, 4, 0.7);
        double[][] cols = raw.columns().clone();
        for (int j = 0; j < 2; j++) cols[j] = Arrays.stream(cols[j]).map(v -> Math.round(v * 2) / 2.0).toArray();
        Data d = new Data(raw.y(), raw.count(), cols, raw.names(), raw.cluster(), raw.clusters());
        assertNotNull(stats.Patterns.of(cols, 500), "the design groups");
        RealMatrix x = design(cols);
        OlsResult base = Ols.fit(d.ols(), CovarianceType.NONROBUST);
        RealMatrix xtxInv = inverse(x.transpose().multiply(x));
        for (int i = 0; i < 2000; i += 7) {
            RealVector xi = x.getRowVector(i);
            assertRel(xi.dotProduct(xtxInv.operate(xi)), base.leverage(i), 1e-9, "leverage of row " + i);
        }
        double[] e = base.residuals(), one = new double[e.length];
        Arrays.fill(one, 1);
        for (CovarianceType.Kind k : List.of(CovarianceType.Kind.HC0, CovarianceType.Kind.HC1, CovarianceType.Kind.HC2, CovarianceType.Kind.HC3)) {
            OlsResult r = Ols.fit(d.ols(), typeOf(k, d));
            RealMatrix v = textbookSandwich(x, one, e, k, d.cluster(), d.clusters());
            for (int j = 0; j < r.p(); j++) assertRel(Math.sqrt(v.getEntry(j, j)), r.standardErrors()[j], 1e-10, "grouped " + k + " se " + r.names().get(j));
        }
    }

    @Test
    void glmSandwichesMatchTheTextbookMatricesForPoissonAndNb2() {
        Data d = generate(800, 50, 2, 0.5);
        RealMatrix x = design(d.columns());
        for (boolean nb : new boolean[]{false, true}) {
            GlmResult base = nb ? NegativeBinomial.fit(d.counts(), CovarianceType.NONROBUST) : PoissonGlm.fit(d.counts(), CovarianceType.NONROBUST);
            double a = base.alpha();
            double[] mu = base.fitted(), w = new double[mu.length], u = new double[mu.length];
            for (int i = 0; i < mu.length; i++) {
                w[i] = mu[i] / (1 + a * mu[i]);
                u[i] = (d.count()[i] - mu[i]) / (1 + a * mu[i]);
            }
            // nonrobust: the inverse Fisher information (X'WX)^-1
            RealMatrix xtwx = new Array2DRowRealMatrix(x.getColumnDimension(), x.getColumnDimension());
            for (int i = 0; i < mu.length; i++) for (int r = 0; r < xtwx.getRowDimension(); r++) for (int c = 0; c < xtwx.getRowDimension(); c++)
                xtwx.addToEntry(r, c, w[i] * x.getEntry(i, r) * x.getEntry(i, c));
            RealMatrix fisher = inverse(xtwx);
            for (int j = 0; j < base.p(); j++) assertRel(Math.sqrt(fisher.getEntry(j, j)), base.standardErrors()[j], 1e-8, "Fisher se " + j);
            for (CovarianceType.Kind k : List.of(CovarianceType.Kind.HC0, CovarianceType.Kind.HC1, CovarianceType.Kind.HC2, CovarianceType.Kind.HC3, CovarianceType.Kind.CLUSTER)) {
                GlmResult r = nb ? NegativeBinomial.fit(d.counts(), typeOf(k, d)) : PoissonGlm.fit(d.counts(), typeOf(k, d));
                RealMatrix v = textbookSandwich(x, w, u, k, d.cluster(), d.clusters());
                for (int j = 0; j < r.p(); j++) assertRel(Math.sqrt(v.getEntry(j, j)), r.standardErrors()[j], 1e-7, (nb ? "NB2 " : "Poisson ") + k + " se " + r.names().get(j));
                assertEquals(k == CovarianceType.Kind.CLUSTER ? "cluster:cl" : k.name(), r.covarianceType());
                // the model covariance (leverage, Cook's distance) stays the Fisher information
                assertRel(base.standardErrors()[1] * base.standardErrors()[1], r.modelCovariance()[1][1], 1e-12, "model covariance");
            }
        }
    }

    @Test
    void clusterRobustIntervalsCoverWhenErrorsAreCorrelatedWithinClusters() {
        int reps = 300, nonrobustHits = 0, clusterHits = 0, poissonCluster = 0, poissonNaive = 0, poissonReps = 150;
        for (int rep = 0; rep < reps; rep++) {
            Data d = generate(1000, 50, 1000 + rep, 1.0);
            CovarianceType cl = CovarianceType.cluster("cl").withGroups(d.cluster());
            OlsResult naive = Ols.fit(d.ols(), CovarianceType.NONROBUST), robust = Ols.fit(d.ols(), cl);
            // x1's true slope is 1.0; x1 is half cluster-level, so the cluster shock biases the naive SE down
            if (naive.ciLower()[1] <= 1.0 && 1.0 <= naive.ciUpper()[1]) nonrobustHits++;
            if (robust.ciLower()[1] <= 1.0 && 1.0 <= robust.ciUpper()[1]) clusterHits++;
            if (rep < poissonReps) {
                GlmResult pn = PoissonGlm.fit(d.counts(), CovarianceType.NONROBUST), pc = PoissonGlm.fit(d.counts(), cl);
                if (pc.ciLower()[1] <= 0.3 && 0.3 <= pc.ciUpper()[1]) poissonCluster++;
                if (pn.ciLower()[1] <= 0.3 && 0.3 <= pn.ciUpper()[1]) poissonNaive++;
            }
        }
        double cov = (double) clusterHits / reps, naive = (double) nonrobustHits / reps;
        double pc = (double) poissonCluster / poissonReps, pn = (double) poissonNaive / poissonReps;
        System.out.printf(Locale.ROOT, "95%% CI coverage of the x1 slope, 50 clusters: OLS nonrobust %.3f, cluster %.3f; Poisson nonrobust %.3f, cluster %.3f%n", naive,
                cov, pn, pc);
        assertTrue(cov > 0.905 && cov < 0.985, "OLS cluster-robust coverage " + cov);
        assertTrue(naive < 0.8, "the nonrobust interval should undercover here: " + naive);
        assertTrue(pc > 0.88 && pc < 0.99, "Poisson cluster-robust coverage " + pc);
        assertTrue(pn < 0.75, "Poisson nonrobust coverage " + pn);
    }

    @Test
    void clusterNeedsGroupsAndTwoClusters() {
        Data d = generate(200, 10, 3, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ols.fit(d.ols(), CovarianceType.parse("cluster:household")));
        assertTrue(e.getMessage().contains("'household'"), e.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> CovarianceType.parse("HC4"));
        assertEquals("unknown covariance 'HC4'; expected nonrobust, observed, HC0, HC1, HC2, HC3 or cluster:<column>", e2.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CovarianceType.parse("cluster:"));
        assertEquals("cluster:household", CovarianceType.parse(" Cluster:household ").label());
        // two clusters: the cluster covariance has rank 1, so the 2-df joint test of g is not available
        Data two = generate(300, 2, 31, 0.5);
        GlmResult few = PoissonGlm.fit(two.counts(), CovarianceType.cluster("cl").withGroups(two.cluster()));
        assertTrue(Double.isNaN(few.termTest("g").chi2()), "rank-deficient cluster covariance: " + few.termTest("g"));
        assertTrue(few.notes().stream().anyMatch(s -> s.contains("Few clusters") && s.contains("rank at most G-1 = 1 < 5")), few.notes().toString());
        CovarianceType g = CovarianceType.cluster("h").withGroups(new String[]{"a", null, "b", "", "a"});
        assertEquals(3, g.groupCount());
        assertEquals(2, g.missing());
        assertEquals(CovarianceType.HC1, CovarianceType.parse("hc1"));
    }

    // ------------------------------------------------------------------ NB2 observed information

    /** NB2 log-likelihood at (b, alpha), written out from the pmf. */
    static double nbLogLik(double[] y, RealMatrix x, double[] b, double alpha) {
        double t = 1 / alpha, s = 0;
        for (int i = 0; i < y.length; i++) {
            double eta = 0;
            for (int j = 0; j < b.length; j++) eta += x.getEntry(i, j) * b[j];
            double mu = Math.exp(eta);
            s += Gamma.logGamma(y[i] + t) - Gamma.logGamma(t) - Gamma.logGamma(y[i] + 1) + t * Math.log(t / (t + mu)) + y[i] * Math.log(mu / (t + mu));
        }
        return s;
    }

    @Test
    void nb2ObservedInformationIsTheInverseNumericalHessian() {
        Data d = generate(1500, 30, 4, 0);
        RealMatrix x = design(d.columns());
        GlmResult obs = NegativeBinomial.fit(d.counts(), CovarianceType.OBSERVED);
        GlmResult exp = NegativeBinomial.fit(d.counts(), CovarianceType.NONROBUST);
        double[] th = Arrays.copyOf(obs.coefficients(), obs.p() + 1);
        th[obs.p()] = obs.alpha();
        int k = th.length;
        double[][] hess = new double[k][k];
        for (int a = 0; a < k; a++) for (int c = 0; c < k; c++) {
            double ha = 1e-4 * Math.max(1, Math.abs(th[a])), hc = 1e-4 * Math.max(1, Math.abs(th[c]));
            double[] pp = th.clone(), pm = th.clone(), mp = th.clone(), mm = th.clone();
            pp[a] += ha; pp[c] += hc; pm[a] += ha; pm[c] -= hc; mp[a] -= ha; mp[c] += hc; mm[a] -= ha; mm[c] -= hc;
            hess[a][c] = (ll(d, x, pp) - ll(d, x, pm) - ll(d, x, mp) + ll(d, x, mm)) / (4 * ha * hc);
        }
        RealMatrix cov = inverse(new Array2DRowRealMatrix(hess).scalarMultiply(-1));
        for (int j = 0; j < obs.p(); j++) assertRel(Math.sqrt(cov.getEntry(j, j)), obs.standardErrors()[j], 2e-4, "observed se " + obs.names().get(j));
        assertRel(Math.sqrt(cov.getEntry(k - 1, k - 1)), obs.alphaSe(), 2e-4, "observed alpha se");
        // same estimates; the expected-information SEs differ (that is the gap the README explains)
        for (int j = 0; j < obs.p(); j++) assertEquals(exp.coefficients()[j], obs.coefficients()[j], 0);
        double maxGap = 0;
        for (int j = 0; j < obs.p(); j++) maxGap = Math.max(maxGap, Math.abs(obs.standardErrors()[j] / exp.standardErrors()[j] - 1));
        assertTrue(maxGap > 1e-6 && maxGap < 0.1, "expected vs observed information gap " + maxGap);
        assertTrue(obs.summary().contains("observed information"), obs.summary());
        assertTrue(exp.summary().contains("expected (Fisher) information"), exp.summary());
        // Poisson's log link is canonical: observed == expected
        GlmResult po = PoissonGlm.fit(d.counts(), CovarianceType.OBSERVED), pe = PoissonGlm.fit(d.counts(), CovarianceType.NONROBUST);
        assertEquals(pe.standardErrors()[1], po.standardErrors()[1], 0);
    }

    private static double ll(Data d, RealMatrix x, double[] th) {
        return nbLogLik(d.count(), x, Arrays.copyOf(th, th.length - 1), th[th.length - 1]);
    }

    // ------------------------------------------------------------------ tests between models

    @Test
    void waldTestsMatchTheNestedFTestAndZSquared() {
        Data d = generate(500, 25, 5, 0);
        OlsResult full = Ols.fit(d.ols(), CovarianceType.NONROBUST);
        OlsResult restricted = Ols.fit(d.ols().without(d.terms().get(2)), CovarianceType.NONROBUST);
        WaldTest g = full.termTest("g");
        double f = ((restricted.rss() - full.rss()) / 2) / (full.rss() / full.dfResid());
        assertRel(f, g.f(), 1e-9, "Wald F = nested-model F");
        assertEquals("F(2, " + full.dfResid() + ")", g.distribution());
        assertRel(Tails.f(f, 2, full.dfResid()), g.pValue(), 1e-9, "p");
        // a one-column term: W = t^2 (F) or z^2 (chi2)
        assertRel(full.tValues()[1] * full.tValues()[1], full.termTest("x1").f(), 1e-10, "F = t^2");
        GlmResult nb = NegativeBinomial.fit(d.counts(), CovarianceType.HC1);
        assertRel(nb.zValues()[2] * nb.zValues()[2], nb.termTest("x2").chi2(), 1e-10, "chi2 = z^2 under HC1");
        assertEquals("chi2(2)", nb.termTest("g").distribution());
        assertTrue(nb.summary().contains("Joint Wald tests per term"), nb.summary());
    }

    @Test
    void likelihoodRatioTestsAreDevianceDifferencesAndHoldTheirSizeUnderTheNull() {
        Data d = generate(800, 40, 6, 0);
        GlmResult full = PoissonGlm.fit(d.counts(), CovarianceType.NONROBUST);
        List<LikelihoodRatioTest> table = LikelihoodRatio.dropEachTerm(full, d.counts());
        assertEquals(List.of("x1", "x2", "g"), table.stream().map(LikelihoodRatioTest::term).toList());
        for (int t = 0; t < 3; t++) {
            GlmResult r = PoissonGlm.fit(d.counts().without(d.terms().get(t)), CovarianceType.NONROBUST);
            // Poisson: 2 (l_full - l_restricted) = D_restricted - D_full exactly
            assertRel(r.deviance() - full.deviance(), table.get(t).statistic(), 1e-8, "LR = deviance difference, " + table.get(t).term());
            assertEquals(t == 2 ? 2 : 1, table.get(t).df());
        }
        // NB2 refits re-estimate alpha; LR against an explicit nested fit
        GlmResult nbFull = NegativeBinomial.fit(d.counts(), CovarianceType.NONROBUST);
        GlmResult nbNoG = NegativeBinomial.fit(d.counts().without(d.terms().get(2)), CovarianceType.NONROBUST);
        LikelihoodRatioTest lr = LikelihoodRatio.test("g", nbNoG, nbFull);
        assertRel(2 * (nbFull.logLikelihood() - nbNoG.logLikelihood()), lr.statistic(), 1e-12, "NB2 LR");
        // the table's refits start from the full fit (warm); they reach the cold refit's optimum
        LikelihoodRatioTest warm = LikelihoodRatio.dropEachTerm(nbFull, d.counts()).get(2);
        assertRel(lr.statistic(), warm.statistic(), 1e-8, "NB2 warm-started refit's LR = the cold refit's");
        assertRel(nbNoG.logLikelihood(), warm.logLikelihoodRestricted(), 1e-12, "NB2 restricted log-likelihood, warm vs cold");
        assertThrows(IllegalArgumentException.class, () -> LikelihoodRatio.test("x", nbFull, nbNoG));
        assertThrows(IllegalArgumentException.class, () -> LikelihoodRatio.test("x", full, nbFull));
        // size: a term with no effect is rejected at 5% about 5% of the time
        RandomDataGenerator rng = new RandomDataGenerator(new Well19937c(66));
        int reps = 300, rejected = 0;
        for (int rep = 0; rep < reps; rep++) {
            int n = 300;
            double[] x = new double[n], z = new double[n], y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = rng.nextGaussian(0, 1);
                z[i] = rng.nextGaussian(0, 1);
                y[i] = rng.nextPoisson(Math.exp(0.5 + 0.4 * x[i]));
            }
            ModelData md = ModelData.ofColumns(y, new double[][]{x, z}, List.of("x", "z"), true, "y");
            GlmResult f = PoissonGlm.fit(md, CovarianceType.NONROBUST);
            if (LikelihoodRatio.dropEachTerm(f, md).get(1).pValue() < 0.05) rejected++;
        }
        double size = (double) rejected / reps;
        System.out.printf(Locale.ROOT, "LR test size at 5%% (true null, 300 replicates): %.3f%n", size);
        assertTrue(size > 0.02 && size < 0.09, "LR size " + size);
    }

    // ------------------------------------------------------------------ summaries

    @Test
    void residualTestsMatchClosedFormsAndScipysDocumentedValues() {
        double[] e = new double[200];
        RandomDataGenerator r = new RandomDataGenerator(new Well19937c(8));
        for (int i = 0; i < e.length; i++) e[i] = r.nextExponential(1) - 1;
        ResidualTests t = ResidualTests.of(e);
        double n = e.length, m = 0;
        for (double v : e) m += v;
        m /= n;
        double m2 = 0, m3 = 0, m4 = 0, dw = 0, ss = 0;
        for (int i = 0; i < e.length; i++) {
            double dd = e[i] - m;
            m2 += dd * dd / n;
            m3 += dd * dd * dd / n;
            m4 += dd * dd * dd * dd / n;
            ss += e[i] * e[i];
            if (i > 0) dw += (e[i] - e[i - 1]) * (e[i] - e[i - 1]);
        }
        assertRel(m3 / Math.pow(m2, 1.5), t.skew(), 1e-10, "skew");
        assertRel(m4 / (m2 * m2), t.kurtosis(), 1e-10, "kurtosis");
        double jb = n / 6 * (t.skew() * t.skew() + Math.pow(t.kurtosis() - 3, 2) / 4);
        assertRel(jb, t.jarqueBera(), 1e-12, "JB");
        assertRel(Math.exp(-jb / 2), t.jarqueBeraP(), 1e-9, "Prob(JB) = exp(-JB/2)");
        assertRel(dw / ss, t.durbinWatson(), 1e-12, "DW");
        assertTrue(t.omnibusP() < 1e-6, "exponential residuals are not normal: " + t.omnibusP());
        assertRel(Math.pow(ResidualTests.skewTest(e), 2) + Math.pow(ResidualTests.kurtosisTest(e), 2), t.omnibus(), 1e-12, "K2 = Zs^2 + Zk^2");
        assertRel(Math.exp(-t.omnibus() / 2), t.omnibusP(), 1e-9, "Prob(Omnibus) = exp(-K2/2)");
        // scipy's documented values (scipy.stats.skewtest / kurtosistest docstrings)
        assertRel(1.0108048609177787, ResidualTests.skewTest(new double[]{1, 2, 3, 4, 5, 6, 7, 8}), 1e-12, "skewtest([1..8])");
        assertRel(0.44626385374196975, ResidualTests.skewTest(new double[]{2, 8, 0, 4, 1, 9, 9, 0}), 1e-12, "skewtest([2,8,0,4,1,9,9,0])");
        assertRel(3.571773510360407, ResidualTests.skewTest(new double[]{1, 2, 3, 4, 5, 6, 7, 8000}), 1e-12, "skewtest([1..7,8000])");
        double[] twenty = new double[20];
        for (int i = 0; i < 20; i++) twenty[i] = i;
        assertRel(-1.7058104152122062, ResidualTests.kurtosisTest(twenty), 1e-12, "kurtosistest(range(20))");
    }

    @Test
    void pValuesAreSurvivalFunctionsThatDoNotUnderflow() {
        // closed forms far in the tails
        double d2 = 1000, f = 300;
        assertRel(Math.pow(1 + 2 * f / d2, -d2 / 2), Tails.f(f, 2, d2), 1e-9, "F(2, d2) survival");
        assertTrue(Tails.f(f, 2, d2) < 1e-100 && Tails.f(f, 2, d2) > 0);
        assertRel(Math.exp(-600), Tails.chiSquared(1200, 2), 1e-9, "chi2(2) survival");
        double x = 30, phi = Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
        assertRel(phi / x * (1 - 1 / (x * x) + 3 / Math.pow(x, 4) - 15 / Math.pow(x, 6)), Tails.normal(x), 1e-7, "normal tail (asymptotic series)");
        assertRel(2 / Math.PI * Math.atan(1 / 1e12), Tails.tTwoSided(1e12, 1), 1e-9, "Cauchy tail");
        // the OLS F-test p-value of a strong fit is tiny but not 0: with two predictors F(2, d2) has the closed form above
        Data d = generate(1000, 20, 9, 0);
        OlsResult r = Ols.fit(ModelData.ofColumns(d.y(), new double[][]{d.columns()[0], d.columns()[1]}, List.of("x1", "x2"), true, "y"), CovarianceType.NONROBUST);
        double closed = Math.pow(1 + 2 * r.fStatistic() / r.dfResid(), -r.dfResid() / 2.0);
        assertTrue(closed < 1e-50 && closed > 0, "test setup: a tiny p " + closed);
        assertRel(closed, r.fPValue(), 1e-8, "OLS Prob(F) for F(2, " + r.dfResid() + ") = " + r.fStatistic());
    }

    @Test
    void pseudoR2AndNullLogLikelihoodMatchTheInterceptOnlyFits() {
        Data d = generate(700, 35, 10, 0);
        for (boolean nb : new boolean[]{false, true}) {
            GlmResult g = nb ? NegativeBinomial.fit(d.counts(), CovarianceType.NONROBUST) : PoissonGlm.fit(d.counts(), CovarianceType.NONROBUST);
            GlmResult nul = nb ? NegativeBinomial.fitColumns(d.count(), new double[0][], List.of(), true) : PoissonGlm.fitColumns(d.count(), new double[0][], List.of(), true);
            assertRel(nul.logLikelihood(), g.nullLogLikelihood(), 1e-9, (nb ? "NB2" : "Poisson") + " null logL");
            assertRel(1 - g.logLikelihood() / nul.logLikelihood(), g.pseudoR2McFadden(), 1e-9, "McFadden");
            assertRel(1 - Math.exp(2 * (nul.logLikelihood() - g.logLikelihood()) / g.n()), g.pseudoR2CoxSnell(), 1e-9, "Cox-Snell");
            assertTrue(g.summary().contains("LL-Null") && g.summary().contains("Pseudo R-squ."), g.summary());
        }
        // Poisson's null log-likelihood in closed form
        double ybar = 0, ll0 = 0;
        for (double v : d.count()) ybar += v / d.count().length;
        for (double v : d.count()) ll0 += v * Math.log(ybar) - ybar - Gamma.logGamma(v + 1);
        assertRel(ll0, PoissonGlm.fit(d.counts(), CovarianceType.NONROBUST).nullLogLikelihood(), 1e-12, "Poisson null logL closed form");
    }

    @Test
    void alphaHasZPAndAnIntervalThatCoversTheTruth() {
        Data d = generate(20000, 100, 11, 0);
        GlmResult nb = NegativeBinomial.fit(d.counts(), CovarianceType.NONROBUST);
        GlmResult.Alpha a = nb.dispersionParameter();
        assertRel(a.estimate() / a.se(), a.z(), 1e-15, "z");
        assertRel(Tails.normalTwoSided(a.z()), a.pValue(), 1e-15, "p");
        assertRel(a.estimate() - Tails.Z975 * a.se(), a.lower(), 1e-15, "lower");
        assertTrue(a.lower() <= 0.5 && 0.5 <= a.upper(), "true alpha 0.5 in [" + a.lower() + ", " + a.upper() + "]");
        assertTrue(nb.summary().contains("\nalpha    "), nb.summary());
        assertTrue(Double.isNaN(PoissonGlm.fit(d.counts(), CovarianceType.NONROBUST).dispersionParameter().z()));
    }

    // ------------------------------------------------------------------ issue 12 edge cases

    /** 200 rows: const, x, dummies B and C of a level C with exactly one member (leverage 1). */
    static ModelData oneMemberLevel(boolean counts, boolean cAllZero) {
        RandomDataGenerator r = new RandomDataGenerator(new Well19937c(12));
        int n = 200;
        double[] x = new double[n], b = new double[n], c = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian(0, 1);
            b[i] = i % 2;
            c[i] = i == 7 ? 1 : 0;
            if (cAllZero) c[i] = i < 5 ? 1 : 0;
            if (c[i] == 1) b[i] = 0;
            double mu = Math.exp(0.5 + 0.3 * x[i]);
            y[i] = counts ? (cAllZero && c[i] == 1 ? 0 : r.nextPoisson(mu)) : 1 + x[i] + r.nextGaussian(0, 1);
        }
        return new ModelData(y, new double[][]{x, b, c}, List.of("x", "g[T.B]", "g[T.C]"), true, "y",
                List.of(new Term("x", new int[]{1}, false, null), new Term("g", new int[]{2, 3}, true, "A")));
    }

    @Test
    void leverageOneGivesNaNHc3AndCooksDistanceWithANote() {
        ModelData md = oneMemberLevel(false, false);
        for (CovarianceType t : List.of(CovarianceType.HC3, CovarianceType.HC2)) {
            OlsResult r = Ols.fit(md, t);
            assertTrue(Double.isNaN(r.standardErrors()[3]), t + ": the one-member level's SE is undefined");
            for (int j = 0; j < 3; j++) assertTrue(Double.isFinite(r.standardErrors()[j]), t + " " + r.names().get(j) + " stays finite: " + r.standardErrors()[j]);
            assertTrue(r.summary().contains("leverage 1") && r.summary().contains("'g[T.C]'"), r.summary());
            assertTrue(Double.isNaN(r.cooksDistance(7)), "Cook's distance at the leverage-1 row");
            assertTrue(Double.isFinite(r.cooksDistance(8)));
            assertTrue(Double.isNaN(r.termTest("g").chi2()) || Double.isNaN(r.termTest("g").f()));
        }
        // HC3 beside the classical table too
        OlsResult plain = Ols.fit(md, CovarianceType.NONROBUST);
        assertTrue(Double.isNaN(plain.hc3StandardErrors()[3]) && Double.isFinite(plain.hc3StandardErrors()[1]));
        assertTrue(Double.isFinite(plain.standardErrors()[3]), "classical SE is defined");
        // GLM: the same row has GLM leverage 1
        GlmResult g = PoissonGlm.fit(oneMemberLevel(true, false), CovarianceType.HC3);
        assertTrue(Double.isNaN(g.standardErrors()[3]) && Double.isFinite(g.standardErrors()[1]), Arrays.toString(g.standardErrors()));
    }

    @Test
    void aSeparatedLevelIsWarned() {
        GlmResult g = PoissonGlm.fit(oneMemberLevel(true, true), CovarianceType.NONROBUST);
        assertTrue(g.notes().stream().anyMatch(s -> s.startsWith("Separation: all 5 rows with 'g[T.C]' have response 0")), g.notes().toString());
        assertTrue(g.standardErrors()[3] > 100 * g.standardErrors()[2], "the separated level's SE is huge: " + g.standardErrors()[3]);
        assertTrue(g.summary().contains("Separation"), g.summary());
    }

    // ------------------------------------------------------------------ marginal effects

    @Test
    void averageMarginalEffectsMatchDerivativesAndCoverTheTruth() {
        Data d = generate(1000, 50, 13, 0);
        GlmResult nb = NegativeBinomial.fit(d.counts(), CovarianceType.NONROBUST);
        List<MarginalEffect> ame = MarginalEffects.average(nb, d.counts());
        assertEquals(List.of("x1", "x2", "b", "c"), ame.stream().map(MarginalEffect::column).toList());
        // numeric: the derivative of the mean prediction; discrete: everyone at the level minus everyone at the reference
        double h = 1e-5;
        double[][] up = cols(d, 0, h, -1), dn = cols(d, 0, -h, -1);
        assertRel((mean(nb.predictColumns(up)) - mean(nb.predictColumns(dn))) / (2 * h), ame.get(0).effect(), 1e-7, "AME x1 vs finite difference");
        double[][] atB = cols(d, -1, 0, 2), atRef = cols(d, -1, 0, 0);
        assertRel(mean(nb.predictColumns(atB)) - mean(nb.predictColumns(atRef)), ame.get(2).effect(), 1e-10, "AME b vs explicit counterfactual");
        // delta method SE vs a numerical gradient of the AME in the coefficients
        double[] bcoef = nb.coefficients();
        double[][] v = nb.covariance();
        double[] grad = new double[bcoef.length];
        for (int k = 0; k < bcoef.length; k++) {
            double[] bp = bcoef.clone(), bm = bcoef.clone();
            bp[k] += 1e-6;
            bm[k] -= 1e-6;
            grad[k] = (ameDiscrete(bp, d, 2) - ameDiscrete(bm, d, 2)) / 2e-6;
        }
        double var = 0;
        for (int a = 0; a < grad.length; a++) for (int c = 0; c < grad.length; c++) var += grad[a] * v[a][c] * grad[c];
        assertRel(Math.sqrt(var), ame.get(2).se(), 1e-5, "delta-method SE of the b effect");
        // coverage with known truth (fixed X, new counts): true AME of x1 = mean(0.3 mu_i), of b = mean(mu_i(b) - mu_i(a))
        double[] truth = {0.4, 0.3, -0.4, 0.25, -0.3};
        double trueX1 = 0, trueB = 0;
        int n = d.count().length;
        for (int i = 0; i < n; i++) {
            double rest = truth[0] + truth[1] * d.columns()[0][i] + truth[2] * d.columns()[1][i];
            trueX1 += truth[1] * Math.exp(rest + truth[3] * d.columns()[2][i] + truth[4] * d.columns()[3][i]) / n;
            trueB += (Math.exp(rest + truth[3]) - Math.exp(rest)) / n;
        }
        RandomDataGenerator r = new RandomDataGenerator(new Well19937c(14));
        int reps = 200, hitX = 0, hitB = 0;
        for (int rep = 0; rep < reps; rep++) {
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                double mu = Math.exp(truth[0] + truth[1] * d.columns()[0][i] + truth[2] * d.columns()[1][i] + truth[3] * d.columns()[2][i] + truth[4] * d.columns()[3][i]);
                y[i] = r.nextPoisson(mu);
            }
            ModelData md = new ModelData(y, d.columns(), d.names(), true, "y", d.terms());
            List<MarginalEffect> e = MarginalEffects.average(PoissonGlm.fit(md, CovarianceType.NONROBUST), md);
            if (e.get(0).lower() <= trueX1 && trueX1 <= e.get(0).upper()) hitX++;
            if (e.get(2).lower() <= trueB && trueB <= e.get(2).upper()) hitB++;
        }
        System.out.printf(Locale.ROOT, "AME 95%% CI coverage (Poisson, 200 replicates): x1 %.3f, b %.3f%n", hitX / (double) reps, hitB / (double) reps);
        assertTrue(hitX / (double) reps > 0.9 && hitX / (double) reps < 0.99, "x1 AME coverage " + hitX);
        assertTrue(hitB / (double) reps > 0.9 && hitB / (double) reps < 0.99, "b AME coverage " + hitB);
        // OLS: the AME of a linear model is its coefficient
        OlsResult ols = Ols.fit(d.ols(), CovarianceType.NONROBUST);
        List<MarginalEffect> lin = MarginalEffects.average(ols, d.ols());
        assertRel(ols.coefficients()[1], lin.get(0).effect(), 1e-12, "OLS AME");
        assertRel(ols.standardErrors()[3], lin.get(2).se(), 1e-12, "OLS AME SE");
    }

    /** Columns of d with column j shifted by h, and (when level >= 0) the g dummies set to a level (0: a, 2: b, 3: c). */
    static double[][] cols(Data d, int j, double h, int level) {
        double[][] c = new double[4][];
        for (int k = 0; k < 4; k++) c[k] = d.columns()[k].clone();
        if (j >= 0) for (int i = 0; i < c[j].length; i++) c[j][i] += h;
        if (level >= 0) {
            Arrays.fill(c[2], level == 2 ? 1 : 0);
            Arrays.fill(c[3], level == 3 ? 1 : 0);
        }
        return c;
    }

    static double ameDiscrete(double[] b, Data d, int level) {
        double s = 0;
        int n = d.count().length;
        for (int i = 0; i < n; i++) {
            double rest = b[0] + b[1] * d.columns()[0][i] + b[2] * d.columns()[1][i];
            s += (Math.exp(rest + b[level + 1]) - Math.exp(rest)) / n;
        }
        return s;
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }

    // ------------------------------------------------------------------ predictive distributions

    @Test
    void predictiveIntervalsAreTheQuantilesOfIndependentImplementations() {
        for (double mu : new double[]{0.05, 0.7, 3.2, 15, 80}) {
            PoissonDistribution pd = new PoissonDistribution(null, mu, 1e-14, 10_000_000);
            PredictiveDistribution.Interval p = PredictiveDistribution.count(mu, 0, 0.90);
            assertEquals(pd.inverseCumulativeProbability(0.05), p.lower(), 0, "Poisson lower at mu " + mu);
            assertEquals(pd.inverseCumulativeProbability(0.95), p.upper(), 0, "Poisson upper at mu " + mu);
            assertRel(Math.exp(-mu), p.pZero(), 1e-13, "Poisson P(0)");
            // NB2 with alpha = 0.5 is Pascal(r = 2, p = r / (r + mu))
            PascalDistribution nb = new PascalDistribution(null, 2, 2 / (2 + mu));
            PredictiveDistribution.Interval q = PredictiveDistribution.count(mu, 0.5, 0.90);
            assertEquals(nb.inverseCumulativeProbability(0.05), q.lower(), 0, "NB2 lower at mu " + mu);
            assertEquals(nb.inverseCumulativeProbability(0.95), q.upper(), 0, "NB2 upper at mu " + mu);
            assertRel(Math.pow(1 + 0.5 * mu, -2), q.pZero(), 1e-13, "NB2 P(0)");
            double cover = nb.cumulativeProbability((int) q.upper()) - (q.lower() > 0 ? nb.cumulativeProbability((int) q.lower() - 1) : 0);
            assertTrue(cover >= 0.90 - 1e-12, "a discrete central interval covers at least its level: " + cover);
        }
        // a non-integer theta: the pmf sums to 1 and simulated draws fall inside at least 90% of the time
        RandomDataGenerator r = new RandomDataGenerator(new Well19937c(15));
        double mu = 4.3, alpha = 0.37, s = 0;
        for (int k = 0; k < 400; k++) s += PredictiveDistribution.pmf(k, mu, alpha);
        assertEquals(1, s, 1e-12);
        PredictiveDistribution.Interval iv = PredictiveDistribution.count(mu, alpha, 0.90);
        int in = 0, zero = 0, draws = 200_000;
        for (int i = 0; i < draws; i++) {
            double lam = r.nextGamma(1 / alpha, alpha * mu);
            long y = lam > 0 ? r.nextPoisson(lam) : 0;
            if (y >= iv.lower() && y <= iv.upper()) in++;
            if (y == 0) zero++;
        }
        assertTrue(in / (double) draws > 0.895 && in / (double) draws < 0.97, "coverage " + in / (double) draws);
        assertEquals(iv.pZero(), zero / (double) draws, 4 * Math.sqrt(iv.pZero() * (1 - iv.pZero()) / draws), "simulated P(0)");
        // large means do not underflow P(0) into a wrong interval
        PredictiveDistribution.Interval big = PredictiveDistribution.count(2000, 0, 0.90);
        assertEquals(new PoissonDistribution(null, 2000, 1e-14, 10_000_000).inverseCumulativeProbability(0.95), big.upper(), 0);
        PredictiveDistribution.Interval nrm = PredictiveDistribution.normal(3, 2, 0.90);
        assertRel(3 + Tails.Z95 * 2, nrm.upper(), 1e-14, "normal upper");
    }

    // ------------------------------------------------------------------ one result type

    @Test
    void oneResultTypeAcrossTheThreeModels() {
        Data d = generate(400, 20, 16, 0);
        List<FittedModel> fits = List.of(Ols.fit(d.counts(), CovarianceType.HC1), PoissonGlm.fit(d.counts(), CovarianceType.HC1),
                NegativeBinomial.fit(d.counts(), CovarianceType.HC1));
        for (FittedModel m : fits) {
            assertEquals(List.of("const", "x1", "x2", "b", "c"), m.names());
            assertEquals("HC1", m.covarianceType());
            assertEquals(m.table().estimate(1), m.coefficient("x1"), 0);
            assertEquals(-2 * m.logLikelihood() + 2 * (m.p() + (m instanceof GlmResult g && g.negativeBinomial() ? 1 : 0)), m.aic(), 1e-9);
            assertEquals(List.of("x1", "x2", "g"), m.termTests().stream().map(WaldTest::term).toList());
            double[] pr = m.predict(new double[][]{{0.5, 0.1, 1, 0}});
            double eta = m.coefficients()[0] + 0.5 * m.coefficients()[1] + 0.1 * m.coefficients()[2] + m.coefficients()[3];
            assertRel(m instanceof OlsResult ? eta : Math.exp(eta), pr[0], 1e-12, m.family() + " predict");
        }
    }

    // ------------------------------------------------------------------ the workflow and predict

    @Test
    void theWorkflowReportsTheChosenCovarianceAndPredictWritesIntervals() throws Exception {
        Path dir = Path.of("data").toAbsolutePath();
        if (!Files.exists(dir.resolve("people.csv"))) dir = Path.of("../data").toAbsolutePath();
        ingest.Dataset ds = ingest.Ingest.load(dir);
        FitOptions o = FitOptions.defaults().withBootstrap(0).withThreads(2).withCovariance("cluster:region");
        ExposureModelResult r = ExposureModels.fit(ds.persons(), ExposureSpec.generatorParameterisation(), o);
        assertEquals("cluster:region", r.negativeBinomial().covarianceType());
        String text = r.summary();
        for (String k : List.of("does each term matter?", "average marginal effects on expected exposures", "Cluster-robust by 'region'",
                "rows without a value form one cluster", "Omnibus", "Durbin-Watson", "LL-Null"))
            assertTrue(text.contains(k), k);
        assertTrue(r.tables().stream().anyMatch(t -> t.title().startsWith("NegativeBinomial (NB2): does each term matter?")));
        assertThrows(ModelException.class, () -> ExposureModels.fit(ds.persons(), ExposureSpec.generatorParameterisation(), o.withCovariance("cluster:nosuch")));
        assertThrows(IllegalArgumentException.class, () -> o.withCovariance("HC9"));
        ModelCard card = ModelCard.of(r, ModelKind.NEGATIVE_BINOMIAL, InputFingerprint.of(ds));
        assertEquals("cluster:region", card.covarianceType());
        assertEquals(r.negativeBinomial().p(), card.covariance().size());
        assertEquals(r.negativeBinomial().covariance()[1][2], card.covariance().get(1).get(2), 0);
        ModelCard back = storage.Json.mapper().readValue(storage.Json.mapper().writeValueAsString(card), ModelCard.class);
        assertEquals(card, back);
        Scoring s = Predictor.of(card).score(dir.resolve("people.csv"));
        Path out = Files.createTempDirectory("inference-test").resolve("p.csv");
        s.writeCsv(out);
        List<String> lines = Files.readAllLines(out);
        Files.delete(out);
        Files.delete(out.getParent());
        assertEquals("person_id,predicted_exposures,lower_90,upper_90,p_zero", lines.get(0));
        int checked = 0;
        for (int i = 0; i < s.ids().size(); i++) {
            double mu = s.prediction(i);
            if (Double.isNaN(mu)) continue;
            PredictiveDistribution.Interval iv = PredictiveDistribution.count(mu, card.alpha(), 0.90);
            String[] f = lines.get(i + 1).split(",");
            assertEquals(iv.lower(), Double.parseDouble(f[2]), 0);
            assertEquals(iv.upper(), Double.parseDouble(f[3]), 0);
            assertRel(Math.pow(1 + card.alpha() * mu, -1 / card.alpha()), Double.parseDouble(f[4]), 1e-5, "P(0) row " + i);
            checked++;
        }
        assertEquals(s.scored(), checked);
        assertTrue(s.summary().contains("Predictive 90% intervals"), s.summary());
        // OLS card: a normal interval from the residual SD, no P(0)
        ModelCard olsCard = ModelCard.of(r, ModelKind.OLS, List.of());
        Scoring so = Predictor.of(olsCard).score(dir.resolve("people.csv"));
        assertRel(so.prediction(0) + Tails.Z95 * r.ols().residualSe(), so.upper()[0], 1e-12, "OLS upper");
        assertTrue(Double.isNaN(so.pZero()[0]));
    }

    // ------------------------------------------------------------------ statsmodels

    static final String PY = """
            import sys, json, warnings
            warnings.simplefilter("ignore")
            import numpy as np
            import statsmodels.api as sm
            from statsmodels.stats.stattools import omni_normtest, jarque_bera, durbin_watson
            d = np.loadtxt(sys.argv[1], delimiter=',', skiprows=1)
            y, cnt, x1, x2, b, c, g = d.T
            g = g.astype(int)
            X = sm.add_constant(np.column_stack([x1, x2, b, c]))
            o = {}
            m = sm.OLS(y, X)
            r = m.fit()
            o['ols_params'] = r.params.tolist(); o['ols_bse'] = r.bse.tolist(); o['ols_f_pvalue'] = float(r.f_pvalue)
            for t in ['HC0', 'HC1', 'HC2', 'HC3']:
                o['ols_' + t] = m.fit(cov_type=t).bse.tolist()
            o['ols_cluster'] = m.fit(cov_type='cluster', cov_kwds={'groups': g}).bse.tolist()
            om = omni_normtest(r.resid); jb = jarque_bera(r.resid)
            o['omnibus'] = float(om[0]); o['omnibus_p'] = float(om[1]); o['jb'] = float(jb[0]); o['jb_p'] = float(jb[1])
            o['skew'] = float(jb[2]); o['kurtosis'] = float(jb[3]); o['dw'] = float(durbin_watson(r.resid))
            R = np.array([[0, 0, 0, 1, 0], [0, 0, 0, 0, 1]])
            w = r.wald_test(R, use_f=True)
            o['ols_wald_g_F'] = float(np.squeeze(w.fvalue)); o['ols_wald_g_p'] = float(np.squeeze(w.pvalue))
            gm = sm.GLM(cnt, X, family=sm.families.Poisson())
            gr = gm.fit()
            o['pois_params'] = gr.params.tolist(); o['pois_bse'] = gr.bse.tolist(); o['pois_llnull'] = float(gr.llnull)
            o['pois_HC0'] = gm.fit(cov_type='HC0').bse.tolist()
            o['pois_cluster'] = gm.fit(cov_type='cluster', cov_kwds={'groups': g}).bse.tolist()
            o['pois_r2_cs'] = float(gr.pseudo_rsquared(kind='cs'))
            wg = gm.fit(cov_type='HC0').wald_test(R, use_f=False)
            o['pois_wald_g_HC0'] = float(np.squeeze(wg.statistic))
            nb = sm.NegativeBinomial(cnt, X, loglike_method='nb2').fit(disp=0, method='newton', maxiter=500, tol=1e-12)
            o['nb_params'] = nb.params.tolist(); o['nb_bse'] = nb.bse.tolist(); o['nb_llnull'] = float(nb.llnull); o['nb_prsquared'] = float(nb.prsquared)
            o['nb_llf'] = float(nb.llf)
            pm = sm.Poisson(cnt, X).fit(disp=0, tol=1e-12)
            me = pm.get_margeff(at='overall', method='dydx')
            o['pois_ame'] = me.margeff.tolist(); o['pois_ame_se'] = me.margeff_se.tolist()
            print(json.dumps(o))
            """;

    @Test
    void agreesWithStatsmodels() throws Exception {
        Path py = Path.of("/usr/bin/python3");
        Assumptions.assumeTrue(Files.isExecutable(py), "SKIPPED: /usr/bin/python3 not found (install Debian python3-statsmodels)");
        Process probe = new ProcessBuilder(py.toString(), "-c", "import statsmodels, scipy").redirectErrorStream(true).start();
        Assumptions.assumeTrue(probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0,
                "SKIPPED: statsmodels is not importable by /usr/bin/python3 (apt-get install python3-statsmodels)");
        Data d = generate(2000, 60, 17, 0.6);
        Path dir = Files.createTempDirectory("inference-sm");
        StringBuilder csv = new StringBuilder("y,count,x1,x2,b,c,g\n");
        // more noise for OLS, so Prob(F) is tiny (about 1e-200) but representable
        RandomDataGenerator noise = new RandomDataGenerator(new Well19937c(18));
        double[] yn = d.y().clone();
        for (int i = 0; i < yn.length; i++) yn[i] += noise.nextGaussian(0, 1.5);
        d = new Data(yn, d.count(), d.columns(), d.names(), d.cluster(), d.clusters());
        for (int i = 0; i < d.y().length; i++) {
            csv.append(String.format(Locale.ROOT, "%.17g,%.0f,%.17g,%.17g,%.0f,%.0f,%d%n", d.y()[i], d.count()[i], d.columns()[0][i], d.columns()[1][i],
                    d.columns()[2][i], d.columns()[3][i], d.cluster()[i]));
        }
        Files.writeString(dir.resolve("d.csv"), csv, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("sm.py"), PY, StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(py.toString(), dir.resolve("sm.py").toString(), dir.resolve("d.csv").toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String json = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS) && p.exitValue() == 0, "statsmodels script failed: " + json);
        JsonNode sm = storage.Json.mapper().readTree(json);
        for (String f : List.of("d.csv", "sm.py")) Files.delete(dir.resolve(f));
        Files.delete(dir);
        // the data as the Java side reads it (the CSV holds every double exactly)
        CovarianceType cl = CovarianceType.cluster("g").withGroups(d.cluster());
        OlsResult ols = Ols.fit(d.ols(), CovarianceType.NONROBUST);
        vec(sm, "ols_params", ols.coefficients(), 1e-10);
        vec(sm, "ols_bse", ols.standardErrors(), 1e-10);
        for (String t : List.of("HC0", "HC1", "HC2", "HC3")) vec(sm, "ols_" + t, Ols.fit(d.ols(), CovarianceType.parse(t)).standardErrors(), 1e-9);
        vec(sm, "ols_cluster", Ols.fit(d.ols(), cl).standardErrors(), 1e-9);
        assertRel(sm.get("ols_f_pvalue").asDouble(), ols.fPValue(), 1e-6, "OLS Prob(F)");
        assertTrue(ols.fPValue() < 1e-100 && ols.fPValue() > 0, "a tiny, non-zero F p-value: " + ols.fPValue());
        ResidualTests rt = ols.residualTests();
        assertRel(sm.get("omnibus").asDouble(), rt.omnibus(), 1e-8, "Omnibus");
        assertRel(sm.get("omnibus_p").asDouble(), rt.omnibusP(), 1e-6, "Prob(Omnibus)");
        assertRel(sm.get("jb").asDouble(), rt.jarqueBera(), 1e-8, "JB");
        assertRel(sm.get("jb_p").asDouble(), rt.jarqueBeraP(), 1e-6, "Prob(JB)");
        assertRel(sm.get("skew").asDouble(), rt.skew(), 1e-8, "skew");
        assertRel(sm.get("kurtosis").asDouble(), rt.kurtosis(), 1e-8, "kurtosis");
        assertRel(sm.get("dw").asDouble(), rt.durbinWatson(), 1e-10, "Durbin-Watson");
        assertRel(sm.get("ols_wald_g_F").asDouble(), ols.termTest("g").f(), 1e-8, "OLS Wald F of g");
        assertRel(sm.get("ols_wald_g_p").asDouble(), ols.termTest("g").pValue(), 1e-6, "OLS Wald p of g");
        GlmResult pois = PoissonGlm.fit(d.counts(), CovarianceType.NONROBUST);
        vec(sm, "pois_params", pois.coefficients(), 1e-7);
        vec(sm, "pois_bse", pois.standardErrors(), 1e-6);
        vec(sm, "pois_HC0", PoissonGlm.fit(d.counts(), CovarianceType.HC0).standardErrors(), 1e-6);
        vec(sm, "pois_cluster", PoissonGlm.fit(d.counts(), cl).standardErrors(), 1e-6);
        assertRel(sm.get("pois_wald_g_HC0").asDouble(), PoissonGlm.fit(d.counts(), CovarianceType.HC0).termTest("g").chi2(), 1e-5, "Poisson HC0 Wald of g");
        assertRel(sm.get("pois_llnull").asDouble(), pois.nullLogLikelihood(), 1e-10, "Poisson llnull");
        assertRel(sm.get("pois_r2_cs").asDouble(), pois.pseudoR2CoxSnell(), 1e-7, "Poisson pseudo R2 (CS)");
        GlmResult nb = NegativeBinomial.fit(d.counts(), CovarianceType.OBSERVED);
        JsonNode nbp = sm.get("nb_params"), nbs = sm.get("nb_bse");
        for (int j = 0; j < nb.p(); j++) {
            assertRel(nbp.get(j).asDouble(), nb.coefficients()[j], 1e-6, "NB2 coef " + j);
            assertRel(nbs.get(j).asDouble(), nb.standardErrors()[j], 1e-5, "NB2 observed-information se " + j);
        }
        assertRel(nbp.get(nb.p()).asDouble(), nb.alpha(), 1e-6, "alpha");
        assertRel(nbs.get(nb.p()).asDouble(), nb.alphaSe(), 1e-4, "alpha se");
        assertRel(sm.get("nb_llf").asDouble(), nb.logLikelihood(), 1e-10, "NB2 logL");
        assertRel(sm.get("nb_llnull").asDouble(), nb.nullLogLikelihood(), 1e-9, "NB2 llnull");
        assertRel(sm.get("nb_prsquared").asDouble(), nb.pseudoR2McFadden(), 1e-7, "NB2 McFadden");
        List<MarginalEffect> ame = MarginalEffects.average(pois, d.counts());
        for (int j = 0; j < 2; j++) { // the numeric terms (statsmodels' dydx treats the dummies as continuous)
            assertRel(sm.get("pois_ame").get(j).asDouble(), ame.get(j).effect(), 1e-6, "Poisson AME " + j);
            assertRel(sm.get("pois_ame_se").get(j).asDouble(), ame.get(j).se(), 1e-5, "Poisson AME se " + j);
        }
    }

    static void vec(JsonNode sm, String key, double[] ours, double rel) {
        JsonNode v = sm.get(key);
        assertEquals(v.size(), ours.length, key);
        for (int j = 0; j < ours.length; j++) assertRel(v.get(j).asDouble(), ours[j], rel, key + "[" + j + "]");
    }
}
