///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//JAVAC_OPTIONS -encoding UTF-8
//SOURCES testkit/JUnitMain.java
//SOURCES ../stats/*.java
//DEPS com.fasterxml.jackson:jackson-bom:2.20.1@pom
//DEPS com.fasterxml.jackson.core:jackson-databind

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.random.RandomDataGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import stats.*;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

/** Unit tests of package stats (NIST accuracy lives in NistTest). */
public class StatsTest {
    public static void main(String[] a) { testkit.JUnitMain.runAndExit(a, StatsTest.class); }

    static final MathContext MC = new MathContext(60);

    // ------------------------------------------------------------------ simulated data

    record Sim(double[] y, double[][] cols, List<String> names) {}

    /** x1 ~ N(0,1), x2 ~ Bernoulli(0.4), x3 ~ U(-1,1). */
    static double[][] predictors(RandomDataGenerator g, int n) {
        double[][] c = new double[3][n];
        for (int i = 0; i < n; i++) {
            c[0][i] = g.nextGaussian(0, 1);
            c[1][i] = g.nextUniform(0, 1) < 0.4 ? 1 : 0;
            c[2][i] = g.nextUniform(-1, 1);
        }
        return c;
    }

    static final List<String> NAMES = List.of("x1", "x2", "x3");
    static final double[] BETA_LIN = {1.5, 2.0, -0.7, 0.25};
    static final double[] BETA_LOG = {0.8, 0.3, -0.5, 0.4};
    static final double ALPHA = 0.6;

    static Sim linear(long seed, int n) {
        RandomDataGenerator g = new RandomDataGenerator(new Well19937c(seed));
        double[][] c = predictors(g, n);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) y[i] = BETA_LIN[0] + BETA_LIN[1] * c[0][i] + BETA_LIN[2] * c[1][i] + BETA_LIN[3] * c[2][i] + g.nextGaussian(0, 1.3);
        return new Sim(y, c, NAMES);
    }

    static Sim counts(long seed, int n, double alpha) {
        RandomDataGenerator g = new RandomDataGenerator(new Well19937c(seed));
        double[][] c = predictors(g, n);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double mu = Math.exp(BETA_LOG[0] + BETA_LOG[1] * c[0][i] + BETA_LOG[2] * c[1][i] + BETA_LOG[3] * c[2][i]);
            double lambda = alpha > 0 ? g.nextGamma(1 / alpha, alpha * mu) : mu;
            y[i] = lambda > 0 ? g.nextPoisson(lambda) : 0;
        }
        return new Sim(y, c, NAMES);
    }

    static int[] covered(double[] lo, double[] hi, double[] truth) {
        int[] c = new int[truth.length];
        for (int j = 0; j < truth.length; j++) c[j] = lo[j] <= truth[j] && truth[j] <= hi[j] ? 1 : 0;
        return c;
    }

    // ------------------------------------------------------------------ OLS

    @Test
    void olsMatchesExactNormalEquationsInBigDecimal() {
        Sim s = linear(11, 40);
        OlsResult r = Ols.fitColumns(s.y(), s.cols(), s.names(), true);
        int n = s.y().length, p = 4;
        BigDecimal[][] a = new BigDecimal[p][p + 1];
        for (int i = 0; i < p; i++) for (int j = 0; j <= p; j++) a[i][j] = BigDecimal.ZERO;
        for (int k = 0; k < n; k++) {
            BigDecimal[] x = {BigDecimal.ONE, bd(s.cols()[0][k]), bd(s.cols()[1][k]), bd(s.cols()[2][k])};
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < p; j++) a[i][j] = a[i][j].add(x[i].multiply(x[j]));
                a[i][p] = a[i][p].add(x[i].multiply(bd(s.y()[k])));
            }
        }
        BigDecimal[] b = gauss(copy(a));
        // residual variance and (X'X)^-1 diagonal, exactly
        BigDecimal rss = BigDecimal.ZERO;
        for (int k = 0; k < n; k++) {
            BigDecimal e = bd(s.y()[k]).subtract(b[0]).subtract(b[1].multiply(bd(s.cols()[0][k])))
                    .subtract(b[2].multiply(bd(s.cols()[1][k]))).subtract(b[3].multiply(bd(s.cols()[2][k])));
            rss = rss.add(e.multiply(e));
        }
        double s2 = rss.divide(BigDecimal.valueOf(n - p), MC).doubleValue();
        for (int j = 0; j < p; j++) {
            BigDecimal[][] aj = new BigDecimal[p][p + 1];
            for (int i = 0; i < p; i++) {
                for (int c = 0; c < p; c++) aj[i][c] = a[i][c];
                aj[i][p] = i == j ? BigDecimal.ONE : BigDecimal.ZERO;
            }
            double inv = gauss(aj)[j].doubleValue();
            assertEquals(b[j].doubleValue(), r.coefficients()[j], 1e-13 * Math.abs(b[j].doubleValue()), "coef " + j);
            assertEquals(Math.sqrt(s2 * inv), r.standardErrors()[j], 1e-12 * Math.sqrt(s2 * inv), "se " + j);
        }
        assertEquals(rss.doubleValue(), r.rss(), 1e-12 * rss.doubleValue());
    }

    static BigDecimal bd(double v) { return new BigDecimal(v); }

    static BigDecimal[][] copy(BigDecimal[][] a) {
        BigDecimal[][] c = new BigDecimal[a.length][];
        for (int i = 0; i < a.length; i++) c[i] = a[i].clone();
        return c;
    }

    static BigDecimal[] gauss(BigDecimal[][] a) {
        int p = a.length;
        for (int c = 0; c < p; c++) {
            int piv = c;
            for (int r = c + 1; r < p; r++) if (a[r][c].abs().compareTo(a[piv][c].abs()) > 0) piv = r;
            BigDecimal[] t = a[c]; a[c] = a[piv]; a[piv] = t;
            for (int r = c + 1; r < p; r++) {
                BigDecimal f = a[r][c].divide(a[c][c], MC);
                for (int k = c; k <= p; k++) a[r][k] = a[r][k].subtract(f.multiply(a[c][k]), MC);
            }
        }
        BigDecimal[] x = new BigDecimal[p];
        for (int r = p - 1; r >= 0; r--) {
            BigDecimal s = a[r][p];
            for (int k = r + 1; k < p; k++) s = s.subtract(a[r][k].multiply(x[k]), MC);
            x[r] = s.divide(a[r][r], MC);
        }
        return x;
    }

    @Test
    void olsInferenceQuantitiesAreConsistent() {
        Sim s = linear(5, 300);
        OlsResult r = Ols.fitColumns(s.y(), s.cols(), s.names(), true);
        int n = 300, p = 4;
        // HC3 by the textbook matrix formula
        RealMatrix x = new Array2DRowRealMatrix(n, p);
        for (int i = 0; i < n; i++) {
            x.setEntry(i, 0, 1);
            for (int j = 0; j < 3; j++) x.setEntry(i, j + 1, s.cols()[j][i]);
        }
        RealMatrix xtxi = new LUDecomposition(x.transpose().multiply(x)).getSolver().getInverse();
        RealMatrix h = x.multiply(xtxi).multiply(x.transpose());
        RealMatrix meat = new Array2DRowRealMatrix(p, p);
        for (int i = 0; i < n; i++) {
            double e = r.residual(i), hi = h.getEntry(i, i);
            assertEquals(hi, r.leverage(i), 1e-12);
            RealMatrix xi = x.getRowMatrix(i);
            meat = meat.add(xi.transpose().multiply(xi).scalarMultiply(e * e / ((1 - hi) * (1 - hi))));
        }
        RealMatrix hc3 = xtxi.multiply(meat).multiply(xtxi);
        for (int j = 0; j < p; j++) assertEquals(Math.sqrt(hc3.getEntry(j, j)), r.hc3StandardErrors()[j], 1e-10 * Math.sqrt(hc3.getEntry(j, j)));
        // t, CI, R2, F, AIC coherence
        double s2 = r.rss() / (n - p);
        assertEquals(Math.sqrt(s2), r.residualSe(), 1e-14);
        assertEquals(1 - r.rss() / r.tss(), r.rSquared(), 1e-14);
        assertEquals(((r.tss() - r.rss()) / 3) / s2, r.fStatistic(), 1e-9 * r.fStatistic());
        double ll = -n / 2.0 * (Math.log(2 * Math.PI) + Math.log(r.rss() / n) + 1);
        assertEquals(ll, r.logLikelihood(), 1e-10);
        assertEquals(-2 * ll + 2 * p, r.aic(), 1e-9);
        assertEquals(-2 * ll + p * Math.log(n), r.bic(), 1e-9);
        double tq = new org.apache.commons.math3.distribution.TDistribution(n - p).inverseCumulativeProbability(0.975);
        assertEquals(r.coefficients()[1] + tq * r.standardErrors()[1], r.ciUpper()[1], 1e-9 * r.standardErrors()[1]);
        assertEquals(2 * (1 - new org.apache.commons.math3.distribution.TDistribution(n - p).cumulativeProbability(Math.abs(r.tValues()[3]))), r.pValues()[3], 1e-9);
        // VIF: regress x1 on the others
        OlsResult aux = Ols.fitColumns(s.cols()[0], new double[][]{s.cols()[1], s.cols()[2]}, List.of("x2", "x3"), true);
        assertEquals(1 / (1 - aux.rSquared()), r.vif()[1], 1e-10);
        // Cook's distance
        double d0 = r.residual(0) * r.residual(0) / (p * s2) * r.leverage(0) / Math.pow(1 - r.leverage(0), 2);
        assertEquals(d0, r.cooksDistance(0), 1e-12);
        // predictions
        double[] pr = r.predict(new double[][]{{s.cols()[0][3], s.cols()[1][3], s.cols()[2][3]}});
        assertEquals(r.fitted(3), pr[0], 1e-12);
        String sum = r.summary();
        for (String k : List.of("R-squared", "Adj. R-squared", "F-statistic", "Log-Likelihood", "AIC", "BIC", "Cond. No.", "HC3 se", "VIF", "const", "x3", "[0.025"))
            assertTrue(sum.contains(k), "summary lacks " + k + "\n" + sum);
        System.out.println(sum);
    }

    @Test
    void olsConfidenceIntervalsCoverTheTruth() {
        int reps = 200;
        int[] cover = new int[4];
        for (int rep = 0; rep < reps; rep++) {
            Sim s = linear(1000 + rep, 200);
            OlsResult r = Ols.fitColumns(s.y(), s.cols(), s.names(), true);
            int[] c = covered(r.ciLower(), r.ciUpper(), BETA_LIN);
            for (int j = 0; j < 4; j++) cover[j] += c[j];
        }
        for (int j = 0; j < 4; j++) {
            double rate = cover[j] / (double) reps;
            System.out.printf(Locale.ROOT, "OLS 95%% CI coverage of beta%d over %d simulations: %.3f%n", j, reps, rate);
            assertTrue(rate >= 0.91 && rate <= 0.99, "coverage " + rate);
        }
    }

    @Test
    void rankDeficiencyNamesTheAliasedColumns() {
        Sim s = linear(3, 50);
        double[] sum = new double[50];
        for (int i = 0; i < 50; i++) sum[i] = s.cols()[0][i] + 2 * s.cols()[2][i];
        double[][] cols = {s.cols()[0], s.cols()[1], s.cols()[2], sum};
        RankDeficientException e = assertThrows(RankDeficientException.class,
                () -> Ols.fitColumns(s.y(), cols, List.of("x1", "x2", "x3", "x1+2x3"), true));
        assertEquals(List.of("x1+2x3"), e.aliased());
        assertTrue(e.getMessage().contains("'x1'") && e.getMessage().contains("'x3'") && !e.getMessage().contains("'x2'"), e.getMessage());
        RankDeficientException c = assertThrows(RankDeficientException.class,
                () -> Ols.fitColumns(s.y(), new double[][]{s.cols()[0], new double[50]}, List.of("x1", "zero"), true));
        assertTrue(c.getMessage().contains("zero"), c.getMessage());
        RankDeficientException g = assertThrows(RankDeficientException.class,
                () -> PoissonGlm.fitColumns(counts(3, 50, 0).y(), cols, List.of("x1", "x2", "x3", "x1+2x3"), true));
        assertTrue(g.getMessage().contains("x1+2x3"), g.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> Ols.fitColumns(new double[]{1, 2, Double.NaN, 4}, new double[][]{{1, 2, 3, 5}}, List.of("x"), true));
        assertTrue(bad.getMessage().contains("row 2"), bad.getMessage());
    }

    @Test
    void polynomialFitMatchesColumnsFit() {
        Sim s = linear(9, 100);
        double[] x = s.cols()[0];
        double[][] cols = new double[3][100];
        for (int i = 0; i < 100; i++) {
            cols[0][i] = x[i];
            cols[1][i] = x[i] * x[i];
            cols[2][i] = x[i] * x[i] * x[i];
        }
        OlsResult a = Ols.fitColumns(s.y(), cols, List.of("x", "x^2", "x^3"), true);
        OlsResult b = Ols.fitPolynomial(x, s.y(), 3);
        for (int j = 0; j < 4; j++) {
            assertEquals(a.coefficients()[j], b.coefficients()[j], 1e-12 * Math.max(1, Math.abs(a.coefficients()[j])));
            assertEquals(a.standardErrors()[j], b.standardErrors()[j], 1e-11 * a.standardErrors()[j]);
        }
    }

    // ------------------------------------------------------------------ count models

    @Test
    void poissonTwoGroupsMatchesClosedForm() {
        // MLE: exp(b0) = mean of group 0, exp(b0+b1) = mean of group 1; Var(b1) = 1/sum y0 + 1/sum y1
        double[] y = {0, 2, 3, 1, 4, 5, 7, 6, 2, 9};
        double[] g = {0, 0, 0, 0, 0, 1, 1, 1, 1, 1};
        GlmResult r = PoissonGlm.fitColumns(y, new double[][]{g}, List.of("g"), true);
        double m0 = 10 / 5.0, m1 = 29 / 5.0;
        assertEquals(Math.log(m0), r.coefficients()[0], 1e-10);
        assertEquals(Math.log(m1 / m0), r.coefficients()[1], 1e-10);
        assertEquals(Math.sqrt(1 / 10.0), r.standardErrors()[0], 1e-9);
        assertEquals(Math.sqrt(1 / 10.0 + 1 / 29.0), r.standardErrors()[1], 1e-9);
        double dev = 0, ll = 0, pearson = 0;
        for (int i = 0; i < y.length; i++) {
            double mu = g[i] == 0 ? m0 : m1;
            dev += 2 * ((y[i] > 0 ? y[i] * Math.log(y[i] / mu) : 0) - (y[i] - mu));
            ll += y[i] * Math.log(mu) - mu - org.apache.commons.math3.special.Gamma.logGamma(y[i] + 1);
            pearson += (y[i] - mu) * (y[i] - mu) / mu;
        }
        assertEquals(dev, r.deviance(), 1e-9);
        assertEquals(ll, r.logLikelihood(), 1e-9);
        assertEquals(pearson, r.pearsonChi2(), 1e-9);
        assertEquals(-2 * ll + 4, r.aic(), 1e-8);
        assertTrue(r.summary().contains("Pearson chi2"));
    }

    /**
     * Dummy and integer covariates, as demographics give: the IRLS passes go over the 360 covariate patterns
     * of 20,000 rows (stats.Patterns). Checked against row-by-row computations written here: a plain Newton
     * solve for Poisson, the score equations and the deviance for NB2.
     */
    @Test
    void countModelsOnGroupedRowsMatchRowByRowComputations() {
        int n = 20_000;
        java.util.Random r = new java.util.Random(8);
        double[][] cols = new double[4][n];
        double[] y = new double[n];
        RandomDataGenerator rd = new RandomDataGenerator(new Well19937c(9));
        for (int i = 0; i < n; i++) {
            cols[0][i] = 18 + r.nextInt(60);
            int region = r.nextInt(4);
            cols[1][i] = region == 1 ? 1 : 0;
            cols[2][i] = region == 2 ? 1 : 0;
            cols[3][i] = r.nextInt(3) == 1 ? 1 : 0;
            double mu = Math.exp(0.3 + 0.015 * cols[0][i] + 0.4 * cols[1][i] - 0.3 * cols[2][i] + 0.2 * cols[3][i]);
            y[i] = rd.nextPoisson(rd.nextGamma(1 / 0.5, 0.5 * mu));   // NB2 with alpha 0.5
        }
        List<String> names = List.of("age", "r1", "r2", "g1");
        // Poisson by Newton's method, row by row
        double[] b = new double[5];
        b[0] = Math.log(java.util.Arrays.stream(y).average().orElseThrow());
        for (int it = 0; it < 50; it++) {
            double[][] h = new double[5][5];
            double[] g = new double[5];
            for (int i = 0; i < n; i++) {
                double[] xi = {1, cols[0][i], cols[1][i], cols[2][i], cols[3][i]};
                double eta = 0;
                for (int j = 0; j < 5; j++) eta += b[j] * xi[j];
                double mu = Math.exp(eta);
                for (int j = 0; j < 5; j++) {
                    g[j] += (y[i] - mu) * xi[j];
                    for (int k = 0; k < 5; k++) h[j][k] += mu * xi[j] * xi[k];
                }
            }
            double[] step = new LUDecomposition(new Array2DRowRealMatrix(h)).getSolver().solve(new org.apache.commons.math3.linear.ArrayRealVector(g)).toArray();
            for (int j = 0; j < 5; j++) b[j] += step[j];
        }
        GlmResult pois = PoissonGlm.fitColumns(y, cols, names, true);
        assertArrayEquals(b, pois.coefficients(), 1e-9);
        double dev = 0;
        double[] mu = pois.fitted();
        for (int i = 0; i < n; i++) dev += 2 * ((y[i] > 0 ? y[i] * Math.log(y[i] / mu[i]) : 0) - (y[i] - mu[i]));
        assertEquals(dev, pois.deviance(), 1e-9 * dev);

        GlmResult nb = NegativeBinomial.fitColumns(y, cols, names, true);
        double a = nb.alpha();
        assertEquals(0.5, a, 0.05, "alpha near the truth");
        double[] m = nb.fitted(), score = new double[5];
        double ndev = 0;
        for (int i = 0; i < n; i++) {
            double[] xi = {1, cols[0][i], cols[1][i], cols[2][i], cols[3][i]};
            for (int j = 0; j < 5; j++) score[j] += (y[i] - m[i]) / (1 + a * m[i]) * xi[j];
            ndev += 2 * ((y[i] > 0 ? y[i] * Math.log(y[i] / m[i]) : 0) - (y[i] + 1 / a) * Math.log((1 + a * y[i]) / (1 + a * m[i])));
        }
        for (int j = 0; j < 5; j++) assertEquals(0, score[j], 1e-6 * n * (j == 1 ? 50 : 1), "NB2 score equation " + j);
        assertEquals(ndev, nb.deviance(), 1e-9 * ndev);
    }

    @Test
    void negativeBinomialTwoGroupsMatchesClosedForm() {
        double[] y = {0, 2, 3, 1, 14, 5, 0, 6, 2, 19, 1, 0, 8, 3, 4, 22, 0, 1, 9, 2};
        double[] g = new double[20];
        for (int i = 10; i < 20; i++) g[i] = 1;
        GlmResult r = NegativeBinomial.fitColumns(y, new double[][]{g}, List.of("g"), true);
        double m0 = 0, m1 = 0;
        for (int i = 0; i < 10; i++) { m0 += y[i] / 10; m1 += y[i + 10] / 10; }
        // saturated in groups: fitted means are the group means whatever alpha is
        assertEquals(Math.log(m0), r.coefficients()[0], 1e-8);
        assertEquals(Math.log(m1 / m0), r.coefficients()[1], 1e-8);
        double a = r.alpha();
        // Var(b0) = (1 + a m0) / (n0 m0), Var(b0 + b1) = (1 + a m1)/(n1 m1)
        assertEquals(Math.sqrt((1 + a * m0) / (10 * m0)), r.standardErrors()[0], 1e-7);
        // alpha maximises the likelihood: score ~ 0 (check by finite differences of the log-likelihood)
        double ll = nbLogLik(y, g, m0, m1, a), up = nbLogLik(y, g, m0, m1, a * 1.001), dn = nbLogLik(y, g, m0, m1, a / 1.001);
        assertTrue(ll >= up && ll >= dn, "alpha is not the ML estimate");
        assertEquals(ll, r.logLikelihood(), 1e-8);
        assertEquals(-2 * ll + 2 * 3, r.aic(), 1e-7);
        System.out.println(r.summary());
    }

    static double nbLogLik(double[] y, double[] g, double m0, double m1, double a) {
        double t = 1 / a, s = 0;
        for (int i = 0; i < y.length; i++) {
            double mu = g[i] == 0 ? m0 : m1;
            s += org.apache.commons.math3.special.Gamma.logGamma(y[i] + t) - org.apache.commons.math3.special.Gamma.logGamma(t)
                    - org.apache.commons.math3.special.Gamma.logGamma(y[i] + 1) + t * Math.log(t / (t + mu)) + y[i] * Math.log(mu / (t + mu));
        }
        return s;
    }

    @Test
    void negativeBinomialRecoversTruthAndCoversIt() {
        int reps = 100;
        int[] cover = new int[4];
        double alphaSum = 0;
        int alphaCover = 0;
        for (int rep = 0; rep < reps; rep++) {
            Sim s = counts(2000 + rep, 1500, ALPHA);
            GlmResult r = NegativeBinomial.fitColumns(s.y(), s.cols(), s.names(), true);
            assertTrue(r.converged());
            int[] c = covered(r.ciLower(), r.ciUpper(), BETA_LOG);
            for (int j = 0; j < 4; j++) cover[j] += c[j];
            alphaSum += r.alpha();
            if (Math.abs(r.alpha() - ALPHA) <= 1.96 * r.alphaSe()) alphaCover++;
        }
        for (int j = 0; j < 4; j++) {
            double rate = cover[j] / (double) reps;
            System.out.printf(Locale.ROOT, "NB2 95%% CI coverage of beta%d over %d simulations: %.2f%n", j, reps, rate);
            assertTrue(rate >= 0.88 && rate <= 1.0, "coverage " + rate);
        }
        double meanAlpha = alphaSum / reps;
        System.out.printf(Locale.ROOT, "NB2 alpha: truth %.2f, mean estimate %.4f, Wald 95%% coverage %.2f%n", ALPHA, meanAlpha, alphaCover / (double) reps);
        assertEquals(ALPHA, meanAlpha, 0.03);
        assertTrue(alphaCover / (double) reps >= 0.88);
    }

    @Test
    void poissonRecoversTruthAndCoversItOnPoissonData() {
        int reps = 100;
        int[] cover = new int[4];
        for (int rep = 0; rep < reps; rep++) {
            Sim s = counts(3000 + rep, 1000, 0);
            GlmResult r = PoissonGlm.fitColumns(s.y(), s.cols(), s.names(), true);
            int[] c = covered(r.ciLower(), r.ciUpper(), BETA_LOG);
            for (int j = 0; j < 4; j++) cover[j] += c[j];
            assertTrue(r.dispersion() < 1.2, "Poisson data should not look overdispersed: " + r.dispersion());
        }
        for (int j = 0; j < 4; j++) {
            double rate = cover[j] / (double) reps;
            System.out.printf(Locale.ROOT, "Poisson 95%% CI coverage of beta%d over %d simulations: %.2f%n", j, reps, rate);
            assertTrue(rate >= 0.88, "coverage " + rate);
        }
        // NB on Poisson data: alpha near zero
        Sim s = counts(77, 4000, 0);
        GlmResult nb = NegativeBinomial.fitColumns(s.y(), s.cols(), s.names(), true);
        assertTrue(nb.alpha() < 0.05, "alpha " + nb.alpha());
    }

    @Test
    void poissonOnOverdispersedDataFlagsDispersion() {
        Sim s = counts(8, 3000, ALPHA);
        GlmResult r = PoissonGlm.fitColumns(s.y(), s.cols(), s.names(), true);
        assertTrue(r.dispersion() > 1.5);
        assertTrue(r.summary().contains("overdispersed"), r.summary());
    }

    // ------------------------------------------------------------------ design / encoding

    static Table people() {
        return Table.create("people",
                StringColumn.create("region", "north", "south", "south", "east", "south", null, "north", "east", "south", "north"),
                DoubleColumn.create("age", 30, 40, Double.NaN, 50, 60, 35, 45, 55, 65, 25),
                DoubleColumn.create("income", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
                DoubleColumn.create("exposures", 3, 5, 4, 8, 9, 2, 6, 7, 12, 1));
    }

    @Test
    void designOneHotReferenceAndMissingStrategies() {
        DesignMatrix d = Design.of("exposures").categorical("region").numeric("age").standardised("income")
                .missing(Missing.DROP).missing("age", Missing.INDICATOR).missing("region", Missing.INDICATOR).fit(people());
        ColumnEncoding region = d.encoding().columns().get(0);
        assertEquals("south", region.reference(), "most frequent level is the reference");
        assertEquals(List.of("(missing)", "east", "north", "south"), region.levels());
        assertEquals(List.of("region[T.(missing)]", "region[T.east]", "region[T.north]", "age", "age_missing", "income"), d.names());
        assertEquals(10, d.n());
        double meanAge = (30 + 40 + 50 + 60 + 35 + 45 + 55 + 65 + 25) / 9.0;
        assertEquals(meanAge, d.column("age")[2], 1e-12);
        assertEquals(1, d.column("age_missing")[2]);
        assertEquals(1, d.column("region[T.(missing)]")[5]);
        assertEquals(0, d.column("income")[0] + d.column("income")[9], 1e-12); // standardised, symmetric
        // DROP removes rows; MEDIAN fills; explicit reference
        DesignMatrix d2 = Design.of("exposures").categorical("region", "north").numeric("age").fit(people());
        assertEquals(8, d2.n());
        assertEquals(2, d2.droppedRows());
        assertEquals(List.of("region[T.east]", "region[T.south]", "age"), d2.names());
        DesignMatrix d3 = Design.of("exposures").numeric("age").missing(Missing.MEDIAN).fit(people());
        assertEquals(45, d3.column("age")[2], 1e-12);
        OlsResult r = Ols.fit(d2);
        assertEquals("exposures", r.response());
    }

    @Test
    void encodingSerialisesAndReappliesWithUnseenPolicy() throws Exception {
        DesignMatrix d = Design.of("exposures").categorical("region").numeric("age").standardised("income")
                .missing(Missing.MEAN).missing("region", Missing.MODE).fit(people());
        ObjectMapper om = new ObjectMapper();
        String json = om.writeValueAsString(d.encoding());
        Encoding back = om.readValue(json, Encoding.class);
        assertEquals(d.encoding(), back);
        DesignMatrix again = back.applyWithResponse(people());
        for (int j = 0; j < d.names().size(); j++) assertArrayEquals(d.columns()[j], again.columns()[j], 1e-15);
        Table fresh = Table.create("new",
                StringColumn.create("region", "west", "north"),
                DoubleColumn.create("age", 20, Double.NaN),
                DoubleColumn.create("income", 3, 4));
        DesignMatrix scored = back.apply(fresh);
        assertNull(scored.y());
        assertEquals(1, scored.unseenLevels().get("region"));
        assertEquals(List.of(0.0, 0.0), List.of(scored.column("region[T.east]")[0], scored.column("region[T.north]")[0]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> back.apply(fresh, UnseenPolicy.ERROR));
        assertTrue(e.getMessage().contains("'west'") && e.getMessage().contains("region"), e.getMessage());
        IllegalArgumentException m = assertThrows(IllegalArgumentException.class,
                () -> back.apply(Table.create("bad", DoubleColumn.create("age", 1.0))));
        assertTrue(m.getMessage().contains("'region'") && m.getMessage().contains("'income'"), m.getMessage());
        IllegalArgumentException c = assertThrows(IllegalArgumentException.class,
                () -> Design.of("exposures").numeric("region").fit(people()));
        assertTrue(c.getMessage().contains("not numeric"), c.getMessage());
        IllegalArgumentException mm = assertThrows(IllegalArgumentException.class,
                () -> Design.of("exposures").categorical("region").missing(Missing.MEAN).fit(people()));
        assertTrue(mm.getMessage().contains("categorical"), mm.getMessage());
    }

    // ------------------------------------------------------------------ CV, bootstrap, diagnostics, comparison

    @Test
    void crossValidationIsSeededAndComparesModels() {
        Sim s = counts(42, 3000, ALPHA);
        CvResult a = CrossValidation.run(ModelKind.NEGATIVE_BINOMIAL, s.y(), s.cols(), s.names(), true, 5, 7);
        CvResult b = CrossValidation.run(ModelKind.NEGATIVE_BINOMIAL, s.y(), s.cols(), s.names(), true, 5, 7);
        assertArrayEquals(a.coefficients()[2], b.coefficients()[2]);
        assertTrue(a.meanDeviance() < a.baselineDeviance());
        int[][] folds = CrossValidation.folds(3000, 5, 7);
        int total = 0;
        for (int[] f : folds) total += f.length;
        assertEquals(3000, total);
        CvResult ols = CrossValidation.run(ModelKind.OLS, s.y(), s.cols(), s.names(), true, 5, 7);
        CvResult poi = CrossValidation.run(ModelKind.POISSON, s.y(), s.cols(), s.names(), true, 5, 7);
        List<CvResult> all = CrossValidation.runAll(s.y(), s.cols(), s.names(), true, 5, 7);
        for (int f = 0; f < 5; f++) {
            assertArrayEquals(ols.coefficients()[f], all.get(0).coefficients()[f], 1e-12);
            assertArrayEquals(poi.coefficients()[f], all.get(1).coefficients()[f], 1e-7);
            assertArrayEquals(a.coefficients()[f], all.get(2).coefficients()[f], 1e-6);
        }
        ModelComparison mc = ModelComparison.of(List.of(ols, poi, a));
        System.out.println(a.summary());
        System.out.println(mc.summary());
        assertNotEquals("OLS", mc.recommended());
        assertTrue(mc.reason().contains("Poisson deviance"));
    }

    /**
     * A table for the leak-free CV tests: x mean-imputed (some missing), z standardised, a DROP column w
     * (some rows dropped), a categorical c with a level "rare" placed only on rows of fold 0's held-out set.
     */
    static Table leakTable(int n, int k, long seed) {
        return leakTable(n, k, seed, true);
    }

    static Table leakTable(int n, int k, long seed, boolean rare) {
        Well19937c g = new Well19937c(17);
        double[] x = new double[n], z = new double[n], w = new double[n], y = new double[n];
        String[] c = new String[n];
        for (int i = 0; i < n; i++) {
            x[i] = i % 7 == 3 ? Double.NaN : 10 + 5 * g.nextGaussian() + (i % 3);
            z[i] = 100 + 20 * g.nextGaussian();
            w[i] = i % 11 == 5 ? Double.NaN : g.nextGaussian();
            c[i] = i % 3 == 0 ? "a" : i % 3 == 1 ? "b" : "c";
            double xv = Double.isNaN(x[i]) ? 10 : x[i];
            y[i] = 2 + 0.5 * xv + 0.03 * z[i] + (c[i].equals("b") ? 1 : 0) + g.nextGaussian();
        }
        // the rows a fit keeps (w is DROP), and fold 0's held-out rows among them
        int[] usable = IntStream.range(0, n).filter(i -> !Double.isNaN(w[i])).toArray();
        int[] f0 = CrossValidation.folds(usable.length, k, seed)[0];
        if (rare) for (int i = 0; i < 3; i++) c[usable[f0[i]]] = "rare";
        return Table.create("leak", DoubleColumn.create("x", x), DoubleColumn.create("z", z), DoubleColumn.create("w", w),
                StringColumn.create("c", c), DoubleColumn.create("y", y));
    }

    static Design leakDesign() {
        return Design.of("y").numeric("x").standardised("z").numeric("w").categorical("c", "a")
                .missing(Missing.MEAN).missing("w", Missing.DROP).missing("c", Missing.MODE);
    }

    @Test
    void crossValidationRefitsTheDesignOnTrainingFoldsOnly() {
        int n = 300, k = 5;
        long seed = 3;
        Table t = leakTable(n, k, seed);
        CvResult cv = CrossValidation.run(ModelKind.OLS, leakDesign(), t, k, seed);
        // the fixed-design path on the all-rows encoding: the rare level's dummy is all zero in fold 0's training rows
        IllegalArgumentException rd = assertThrows(IllegalArgumentException.class, () -> CrossValidation.run(ModelKind.OLS, leakDesign().fit(t), k, seed));
        assertTrue(rd.getMessage().contains("c[T.rare]"), rd.getMessage());
        Table plain = leakTable(n, k, seed, false);
        CvResult leaky = CrossValidation.run(ModelKind.OLS, leakDesign().fit(plain), k, seed);
        CvResult fair = CrossValidation.run(ModelKind.OLS, leakDesign(), plain, k, seed);
        // folds are over the rows the design keeps (w missing -> dropped from every fold)
        int[] usable = leakDesign().usableRows(t);
        assertEquals(leakDesign().fit(t).n(), usable.length);
        assertEquals(usable.length, cv.n());
        assertTrue(usable.length < n);
        int[][] folds = CrossValidation.folds(usable.length, k, seed);
        boolean differs = false;
        for (int f = 0; f < k; f++) {
            // independent computation: training/held-out sub-tables, the training fold's own mean, SD, levels
            int[] te = Arrays.stream(folds[f]).map(i -> usable[i]).toArray();
            Set<Integer> teSet = new HashSet<>();
            for (int i : te) teSet.add(i);
            int[] tr = Arrays.stream(usable).filter(i -> !teSet.contains(i)).toArray();
            Table train = t.rows(tr), test = t.rows(te);
            double sx = 0, sz = 0;
            int nx = 0;
            for (int i = 0; i < train.rowCount(); i++) {
                double v = train.doubleColumn("x").getDouble(i);
                if (!Double.isNaN(v)) { sx += v; nx++; }
                sz += train.doubleColumn("z").getDouble(i);
            }
            double mx = sx / nx, mz = sz / train.rowCount(), ss = 0;
            for (int i = 0; i < train.rowCount(); i++) ss += Math.pow(train.doubleColumn("z").getDouble(i) - mz, 2);
            double sdz = Math.sqrt(ss / (train.rowCount() - 1));
            boolean rareInTrain = train.stringColumn("c").asList().contains("rare");
            List<String> names = new ArrayList<>(List.of("x", "z", "w", "c[T.b]", "c[T.c]"));
            if (rareInTrain) names.add(3, "c[T.rare]");
            double[][] xtr = encodeByHand(train, mx, mz, sdz, names), xte = encodeByHand(test, mx, mz, sdz, names);
            OlsResult ols = Ols.fitColumns(train.doubleColumn("y").asDoubleArray(), xtr, names, true);
            double[] pred = ols.predictColumns(xte), yte = test.doubleColumn("y").asDoubleArray();
            double sse = 0;
            for (int i = 0; i < yte.length; i++) sse += (yte[i] - pred[i]) * (yte[i] - pred[i]);
            double rmse = Math.sqrt(sse / yte.length);
            assertEquals(rmse, cv.folds().get(f).rmse(), 1e-9 * rmse, "fold " + f + " RMSE vs independent per-fold encoding");
            double fr = fair.folds().get(f).rmse();
            if (Math.abs(fr - leaky.folds().get(f).rmse()) > 1e-9 * fr) differs = true;
            // the rare level occurs only in fold 0's held-out rows: unseen there, a normal level elsewhere
            assertEquals(f == 0 ? Map.of("c", 3) : Map.of(), cv.unseenLevels().get(f));
            assertEquals(f == 0, !rareInTrain);
            int rareAt = cv.names().indexOf("c[T.rare]");
            assertEquals(f == 0, Double.isNaN(cv.coefficients()[f][rareAt]), "coefficient of a level the fold never saw is NaN");
        }
        assertTrue(differs, "the fixed-design (all-rows encoding) CV must differ from the leak-free one");
        assertTrue(leaky.unseenLevels().isEmpty());
        assertTrue(cv.summary().contains("unseen in their training folds"), cv.summary());
        // the three-model runner agrees with the one-model runner
        List<CvResult> all = CrossValidation.runAll(leakDesign(), t, k, seed);
        for (int f = 0; f < k; f++) assertEquals(cv.folds().get(f).rmse(), all.get(0).folds().get(f).rmse(), 1e-12);
    }

    /** x mean-imputed with mx, z standardised with (mz, sdz), w as is, c one-hot (reference a) for the given dummy names. */
    static double[][] encodeByHand(Table t, double mx, double mz, double sdz, List<String> names) {
        int n = t.rowCount();
        double[][] out = new double[names.size()][n];
        for (int i = 0; i < n; i++) {
            double x = t.doubleColumn("x").getDouble(i);
            out[names.indexOf("x")][i] = Double.isNaN(x) ? mx : x;
            out[names.indexOf("z")][i] = (t.doubleColumn("z").getDouble(i) - mz) / sdz;
            out[names.indexOf("w")][i] = t.doubleColumn("w").getDouble(i);
            int j = names.indexOf("c[T." + t.stringColumn("c").get(i) + "]");
            if (j >= 0) out[j][i] = 1; // reference and unseen levels: all dummies 0
        }
        return out;
    }

    @Test
    void designFitOnRowsUsesOnlyThoseRows() {
        Table t = people();
        int[] rows = {0, 1, 3, 3, 4}; // a repeated row counts twice
        DesignMatrix d = Design.of("exposures").standardised("income").categorical("region").fit(t, rows);
        ColumnEncoding inc = d.encoding().columns().get(0);
        assertEquals((1 + 2 + 4 + 4 + 5) / 5.0, inc.center(), 1e-12);
        assertEquals("east", d.encoding().columns().get(1).reference(), "counts over the rows given: east 2 (repeated row), north 1, south 2; ties: first sorted");
        assertArrayEquals(rows, d.rows());
    }

    @Test
    void leakFreeBootstrapIsIdenticalForAnyThreadCount() {
        Table t = leakTable(300, 5, 3);
        BootstrapResult one = Bootstrap.coefficients(ModelKind.OLS, leakDesign(), t, 40, 99, 1);
        BootstrapResult two = Bootstrap.coefficients(ModelKind.OLS, leakDesign(), t, 40, 99, 2);
        for (int r = 0; r < 40; r++) assertArrayEquals(one.draws()[r], two.draws()[r]);
        assertArrayEquals(one.standardErrors(), two.standardErrors());
        OlsResult fit = Ols.fit(leakDesign().fit(t));
        assertArrayEquals(fit.coefficients(), one.estimate(), 1e-9);
        int z = one.names().indexOf("z");
        assertTrue(one.lower()[z] < one.estimate()[z] && one.estimate()[z] < one.upper()[z]);
        // the rare level (3 rows) is absent from some resamples: NaN there, excluded from its SE only
        int rare = one.names().indexOf("c[T.rare]");
        long absent = Arrays.stream(one.draws()).filter(b -> Double.isNaN(b[rare])).count();
        assertTrue(absent > 0 && absent < 40, "absent in " + absent);
        assertEquals(0, one.failed());
    }

    @Test
    void bootstrapIsIdenticalForAnyThreadCount() {
        Sim s = counts(4, 800, ALPHA);
        BootstrapResult one = Bootstrap.coefficients(ModelKind.POISSON, s.y(), s.cols(), s.names(), true, 40, 99, 1);
        BootstrapResult two = Bootstrap.coefficients(ModelKind.POISSON, s.y(), s.cols(), s.names(), true, 40, 99, 2);
        for (int r = 0; r < 40; r++) assertArrayEquals(one.draws()[r], two.draws()[r]);
        assertArrayEquals(one.lower(), two.lower());
        Sim l = linear(4, 500);
        BootstrapResult ob = Bootstrap.coefficients(ModelKind.OLS, l.y(), l.cols(), l.names(), true, 200, 5, 2);
        OlsResult fit = Ols.fitColumns(l.y(), l.cols(), l.names(), true);
        for (int j = 0; j < 4; j++) {
            assertTrue(ob.lower()[j] < fit.coefficients()[j] && fit.coefficients()[j] < ob.upper()[j]);
            assertEquals(fit.hc3StandardErrors()[j], ob.standardErrors()[j], 0.25 * fit.hc3StandardErrors()[j]);
        }
        System.out.println(ob.summary());
    }

    @Test
    void diagnosticsFindTheOutlier() {
        Sim s = linear(6, 400);
        double[] y = s.y().clone();
        y[123] += 40;
        OlsResult r = Ols.fitColumns(y, s.cols(), s.names(), true);
        Diagnostics d = Diagnostics.of(r, 5, 100);
        assertEquals(123, d.topCookRows()[0]);
        assertEquals(100, d.fitted().length);
        assertEquals(0, d.qqTheoretical()[49] + d.qqTheoretical()[50], 1e-12);
        Sim c = counts(6, 400, ALPHA);
        GlmResult g = NegativeBinomial.fitColumns(c.y(), c.cols(), c.names(), true);
        Diagnostics dg = Diagnostics.of(g, c.y(), c.cols(), 3, 50);
        assertEquals(3, dg.topCook().length);
        System.out.println(d.summary());
    }

    /** Reference: indices sorted by value descending (NaN last), ties to the lower index (a stable sort). */
    static int[] referenceTop(double[] v, int k) {
        return IntStream.range(0, v.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> Double.isNaN(v[i]) ? Double.NEGATIVE_INFINITY : v[i]).reversed()
                        .thenComparingInt(i -> i))
                .limit(k).mapToInt(Integer::intValue).toArray();
    }

    @Test
    void topKMatchesAFullSortWithTiesAndNaN() {
        SplittableRandom rng = new SplittableRandom(5);
        for (int trial = 0; trial < 200; trial++) {
            int n = rng.nextInt(0, 60);
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                double u = rng.nextDouble();
                v[i] = u < 0.1 ? Double.NaN : u < 0.4 ? rng.nextInt(0, 4) : rng.nextGaussian(); // many ties
            }
            for (int k : new int[]{0, 1, 3, 10, n, n + 5}) {
                int[] want = referenceTop(v, Math.min(k, n));
                assertArrayEquals(want, TopK.largest(v, k), "n=" + n + " k=" + k + " trial " + trial);
                TopK t = new TopK(Math.min(k, n));
                for (int i = 0; i < n; i++) t.offer(i, v[i]);
                double[] vals = t.values();
                for (int j = 0; j < want.length; j++) assertEquals(v[want[j]], vals[j], 0.0);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new TopK(-1));
    }

    @Test
    void diagnosticsMatchTheDirectComputation() {
        Sim s = linear(8, 3000);
        OlsResult r = Ols.fitColumns(s.y(), s.cols(), s.names(), true);
        Diagnostics d = Diagnostics.of(r, 7, 300);
        double[] cook = r.cooksDistance();
        assertArrayEquals(referenceTop(cook, 7), d.topCookRows());
        for (int j = 0; j < 7; j++) assertEquals(cook[d.topCookRows()[j]], d.topCook()[j], 0.0);
        int above = 0;
        for (double c : cook) if (c > 4.0 / 3000) above++;
        assertEquals(above, d.cookAboveThreshold());
        double[] sr = r.studentizedResiduals();
        for (int k = 0; k < 300; k++) {
            int i = k * 3000 / 300;
            assertEquals(r.fitted(i), d.fitted()[k], 0.0);
            assertEquals(sr[i], d.residuals()[k], 0.0);
        }
        double[] sorted = sr.clone();
        Arrays.sort(sorted);
        for (int k = 0; k < 300; k++) { // R type-7 quantile at (k + 0.5) / m
            double h = 2999 * (k + 0.5) / 300;
            int lo = (int) Math.floor(h);
            assertEquals(sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]), d.qqSample()[k], 1e-12);
        }

        Sim c = counts(9, 3000, ALPHA);
        GlmResult g = NegativeBinomial.fitColumns(c.y(), c.cols(), c.names(), true);
        Diagnostics dg = Diagnostics.of(g, c.y(), c.cols(), 6, 200);
        // reference: full p x p quadratic form and a full sort
        double[][] cov = g.covariance();
        double[] pr = g.pearsonResiduals(c.y());
        double[] gc = new double[3000];
        for (int i = 0; i < 3000; i++) {
            double[] x = {1, c.cols()[0][i], c.cols()[1][i], c.cols()[2][i]};
            double q = 0;
            for (int a = 0; a < 4; a++) for (int b = 0; b < 4; b++) q += x[a] * cov[a][b] * x[b];
            double mu = g.fitted(i), h = mu / (1 + g.alpha() * mu) * q;
            gc[i] = pr[i] * pr[i] * h / (4 * (1 - h) * (1 - h));
        }
        assertArrayEquals(referenceTop(gc, 6), dg.topCookRows());
        for (int j = 0; j < 6; j++) assertEquals(gc[dg.topCookRows()[j]], dg.topCook()[j], 1e-9 * gc[dg.topCookRows()[j]]);
        for (int k = 0; k < 200; k++) assertEquals(pr[k * 3000 / 200], dg.residuals()[k], 0.0);
        assertThrows(IllegalArgumentException.class, () -> Diagnostics.of(r, -1, 10));
        assertThrows(IllegalArgumentException.class, () -> Diagnostics.of(g, c.y(), new double[][]{c.cols()[0]}, 3, 10));
        assertEquals(0, Diagnostics.of(r, 0, 10).topCookRows().length);
    }
}
