///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//JAVAC_OPTIONS -encoding UTF-8
//JAVA_OPTIONS -Xmx3g
//SOURCES ../stats/*.java

import stats.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Benchmark of package stats on synthetic data: n rows (default 1,000,000) x 12 predictors (6 continuous,
 * 6 dummies), NB2 counts with alpha = 0.5. Prints wall times for the full OLS fit (summary + HC3 + VIF +
 * leverage/Cook), residual diagnostics of OLS and NB2 (Diagnostics.of: Q-Q, top-10 Cook's distances), and
 * 5-fold cross-validation of OLS, Poisson and NB2. Targets: OLS <= 2 s, CV total <= 20 s.
 * Usage: ./jbang bench/ModelBench.java [n] [repeats]
 */
class ModelBench {
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int p = 12;
        SplittableRandom rng = new SplittableRandom(20240607L);
        double[][] x = new double[p][n];
        double[] beta = {0.4, 0.25, -0.15, 0.10, 0.05, -0.08, 0.02, 0.30, -0.20, 0.15, 0.10, -0.05, 0.12};
        double[] y = new double[n];
        org.apache.commons.math3.random.RandomDataGenerator g =
                new org.apache.commons.math3.random.RandomDataGenerator(new org.apache.commons.math3.random.Well19937c(7));
        double alpha = 0.5;
        for (int i = 0; i < n; i++) {
            double eta = beta[0];
            for (int j = 0; j < p; j++) {
                double v = j < 6 ? gaussian(rng) : (rng.nextDouble() < 0.3 ? 1 : 0);
                x[j][i] = v;
                eta += beta[j + 1] * v;
            }
            double mu = Math.exp(eta);
            y[i] = g.nextPoisson(g.nextGamma(1 / alpha, alpha * mu) + 1e-12);
        }
        List<String> names = new ArrayList<>();
        for (int j = 0; j < p; j++) names.add(j < 6 ? "z" + (j + 1) : "d" + (j - 5));
        System.out.printf(Locale.ROOT, "ModelBench: n=%,d rows x %d predictors, %d cores, java %s, max heap %d MB%n", n, p,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);

        // warm-up on a slice so the JIT has compiled the hot loops (reported separately)
        int wn = Math.min(n, 100_000);
        double[][] wx = new double[p][];
        for (int j = 0; j < p; j++) wx[j] = java.util.Arrays.copyOf(x[j], wn);
        double[] wy = java.util.Arrays.copyOf(y, wn);
        long tw = System.nanoTime();
        Ols.fitColumns(wy, wx, names, true).summary();
        CrossValidation.fixedDesign(wy, wx, names, true, 5, 1);
        NegativeBinomial.fitColumns(wy, wx, names, true);
        System.out.printf(Locale.ROOT, "warm-up on %,d rows: %.2f s%n", wn, (System.nanoTime() - tw) / 1e9);

        double best = Double.POSITIVE_INFINITY;
        OlsResult r = null;
        for (int k = 0; k < repeats; k++) {
            long t0 = System.nanoTime();
            r = Ols.fitColumns(y, x, names, true);
            String s = r.summary();
            double t = (System.nanoTime() - t0) / 1e9;
            best = Math.min(best, t);
            System.out.printf(Locale.ROOT, "OLS fit + summary + HC3 + VIF + leverage/Cook, run %d: %.3f s (%d chars)%n", k + 1, t, s.length());
        }
        System.out.println(r.summary());
        long t1 = System.nanoTime();
        GlmResult nb = NegativeBinomial.fitColumns(y, x, names, true);
        System.out.printf(Locale.ROOT, "NB2 full fit: %.3f s, alpha %.4f (truth %.2f), %d IRLS passes%n", (System.nanoTime() - t1) / 1e9, nb.alpha(), alpha, nb.iterations());
        // residual diagnostics (thinned residuals vs fitted, Q-Q, top-10 Cook's distances) of OLS and NB2
        double bestDo = Double.POSITIVE_INFINITY, bestDg = Double.POSITIVE_INFINITY;
        for (int k = 0; k < repeats; k++) {
            long d0 = System.nanoTime();
            Diagnostics dOls = Diagnostics.of(r, 10, 2000);
            double to = (System.nanoTime() - d0) / 1e9;
            long d1 = System.nanoTime();
            Diagnostics dNb = Diagnostics.of(nb, y, x, 10, 2000);
            double tg = (System.nanoTime() - d1) / 1e9;
            bestDo = Math.min(bestDo, to);
            bestDg = Math.min(bestDg, tg);
            System.out.printf(Locale.ROOT, "Diagnostics run %d: OLS %.3f s (top row %d), NB2 %.3f s (top row %d)%n", k + 1, to, dOls.topCookRows()[0], tg, dNb.topCookRows()[0]);
        }
        long tc = System.nanoTime();
        List<CvResult> all = CrossValidation.fixedDesign(y, x, names, true, 5, 11);
        CvResult cvOls = all.get(0), cvPoi = all.get(1), cvNb = all.get(2);
        double tcv = (System.nanoTime() - tc) / 1e9;
        System.out.printf(Locale.ROOT, "5-fold CV (CrossValidation.fixedDesign, shared folds): OLS %.2f s, Poisson %.2f s, NB2 %.2f s, total %.2f s%n", cvOls.seconds(),
                cvPoi.seconds(), cvNb.seconds(), tcv);
        System.out.println(ModelComparison.of(List.of(cvOls, cvPoi, cvNb)).summary());
        System.out.printf(Locale.ROOT,
                "SUMMARY n=%d: OLS full best-of-%d %.3f s (target <= 2 s: %s); 5-fold CV of OLS+Poisson+NB2 %.2f s (target <= 20 s: %s); " +
                "diagnostics best-of-%d OLS %.3f s, NB2 %.3f s%n",
                n, repeats, best, best <= 2 ? "met" : "MISSED", tcv, tcv <= 20 ? "met" : "MISSED", repeats, bestDo, bestDg);
    }

    static double gaussian(SplittableRandom r) {
        double u = r.nextDouble(), v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}
