package slices;

import impute.Estimates;
import impute.ImputeOptions;
import impute.Imputer;
import impute.MultipleImputation;
import impute.PooledEstimates;
import impute.Rubin;
import impute.Strategy;
import stats.Ols;
import stats.OlsResult;
import stats.RankDeficientException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import tech.tablesaw.api.Table;

/**
 * Fits y ~ intercept + x in one slice with the project's design and OLS ({@link SliceDesign}, {@link stats.Ols}),
 * or says why it cannot:
 * no complete rows, too few rows for the number of coefficients, a constant predictor or response, or
 * collinear predictors. Never throws for a slice's data: a slice that cannot be fitted becomes a
 * {@link SliceFit} with status {@code failed} and its reason.
 */
public final class SliceFitter {
    private SliceFitter() {}

    public static SliceFit fit(SliceRows rows, String y, NaStrategy na) {
        SliceDesign.Prepared c = SliceDesign.prepare(rows, y, na);
        if (na == NaStrategy.MICE) {
            SliceFit single = fit(rows, y, c);
            // a slice that cannot be fitted once cannot be fitted m times; otherwise pool m imputations
            return single.ok() ? fitMice(rows, y, c) : single;
        }
        return fit(rows, y, c);
    }

    private static SliceFit fit(SliceRows rows, String y, SliceDesign.Prepared c) {
        List<String> x = rows.predictors();
        int k = x.size(), p = k + 1, n = c.n();
        String key = rows.key();
        if (c.problem() != null) return SliceFit.failed(key, rows.size(), n, c.dropped(), c.imputed(), c.problem());
        double[][] cols = c.matrix().columns();
        double[] yv = c.matrix().y();
        if (n <= p)
            return SliceFit.failed(key, rows.size(), n, c.dropped(), c.imputed(), "too few rows: " + n + (n == 1 ? " row" : " rows")
                    + " for " + p + " coefficients (need at least " + (p + 1) + ")");
        for (int j = 0; j < k; j++) {
            if (constant(cols[j]))
                return SliceFit.failed(key, rows.size(), n, c.dropped(), c.imputed(), "constant predictor '" + x.get(j)
                        + "' (every row has " + ModelTables.num(cols[j][0]) + "): its slope is not identifiable");
        }
        if (constant(yv))
            return SliceFit.failed(key, rows.size(), n, c.dropped(), c.imputed(), "constant response '" + y + "' (every row has "
                    + ModelTables.num(yv[0]) + "): nothing to explain");
        OlsResult r;
        try {
            r = Ols.fit(c.matrix());
        } catch (RankDeficientException e) {
            return SliceFit.failed(key, rows.size(), n, c.dropped(), c.imputed(), "rank deficient: collinear predictors "
                    + String.join(", ", e.aliased()));
        } catch (IllegalArgumentException e) {
            return SliceFit.failed(key, rows.size(), n, c.dropped(), c.imputed(), "cannot fit: " + e.getMessage());
        }
        return fromResult(key, rows.size(), c, r);
    }

    static SliceFit fromResult(String key, int rows, SliceDesign.Prepared c, OlsResult r) {
        double[] b = r.coefficients(), se = r.standardErrors(), t = r.tValues(), pv = r.pValues(), lo = r.ciLower(), hi = r.ciUpper();
        List<SliceFit.Term> terms = new ArrayList<>();
        for (int j = 0; j < b.length; j++) {
            String name = r.names().get(j);
            if (name.equals(Ols.INTERCEPT) && j == 0) name = SliceFit.INTERCEPT;
            terms.add(new SliceFit.Term(name, b[j], se[j], t[j], pv[j], lo[j], hi[j]));
        }
        return new SliceFit(key, rows, r.n(), c.dropped(), c.imputed(), SliceFit.OK, "", terms, r.rSquared(), r.adjRSquared(),
                r.residualSe(), r.dfResid());
    }

    /**
     * MICE in one slice: {@link NaStrategy#MICE_IMPUTATIONS} completed copies of the slice's rows with a response
     * (chained equations over the response and the predictors, seed 1, so a slice's result depends on its rows
     * only), OLS on each, pooled by Rubin's rules. Terms carry the pooled estimate and SE, t = estimate / SE,
     * p and 95% interval from t with the Barnard-Rubin df; R^2, adjusted R^2 and rmse are means over imputations.
     */
    static SliceFit fitMice(SliceRows rows, String y, SliceDesign.Prepared c) {
        String key = rows.key();
        List<String> x = rows.predictors();
        Table t = SliceDesign.table(rows, y);
        int[] withY = IntStream.range(0, t.rowCount()).filter(i -> !Double.isNaN(rows.y(i))).toArray();
        Table ty = t.rows(withY);
        try {
            MultipleImputation.MiResult mi = MultipleImputation.run(Imputer.of(Strategy.ITERATIVE)
                    .options(ImputeOptions.defaults().withThreads(1).withSeed(1)), ty, NaStrategy.MICE_IMPUTATIONS, 1);
            List<Estimates> fits = new ArrayList<>();
            double r2 = 0, adj = 0, rmse = 0;
            int n = 0, df = 0;
            for (Table done : mi.completed()) {
                OlsResult r = Ols.fit(stats.Design.of(y).numeric(x.toArray(String[]::new)).fit(done));
                fits.add(Estimates.of(r.names(), r.coefficients(), r.standardErrors(), r.dfResid()));
                r2 += r.rSquared() / mi.m();
                adj += r.adjRSquared() / mi.m();
                rmse += r.residualSe() / mi.m();
                n = r.n();
                df = r.dfResid();
            }
            PooledEstimates p = Rubin.pool(fits);
            List<SliceFit.Term> terms = new ArrayList<>();
            for (int j = 0; j < p.names().size(); j++) {
                String name = p.names().get(j);
                if (name.equals(Ols.INTERCEPT) && j == 0) name = SliceFit.INTERCEPT;
                terms.add(new SliceFit.Term(name, p.estimate()[j], p.se()[j], p.estimate()[j] / p.se()[j], p.pValues()[j], p.ciLower()[j], p.ciUpper()[j]));
            }
            return new SliceFit(key, rows.size(), n, rows.size() - n, c.imputed(), SliceFit.OK, "", terms, r2, adj, rmse, df);
        } catch (RankDeficientException e) {
            return SliceFit.failed(key, rows.size(), c.n(), c.dropped(), c.imputed(), "rank deficient in an imputation: collinear predictors "
                    + String.join(", ", e.aliased()));
        } catch (IllegalArgumentException e) {
            return SliceFit.failed(key, rows.size(), c.n(), c.dropped(), c.imputed(), "cannot fit: " + e.getMessage());
        }
    }

    private static boolean constant(double[] v) {
        for (int i = 1; i < v.length; i++) if (v[i] != v[0]) return false;
        return true;
    }

    /**
     * Fits every slice on {@code threads} threads (0: all cores). The result is in the order of {@code slices},
     * and each fit depends only on its own slice, so the output is the same for any thread count.
     */
    public static List<SliceFit> fitAll(List<SliceRows> slices, String y, NaStrategy na, int threads) {
        int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        n = Math.max(1, Math.min(n, slices.size()));
        if (n == 1) {
            List<SliceFit> out = new ArrayList<>();
            for (SliceRows s : slices) out.add(fit(s, y, na));
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread th = new Thread(r, "slice-fit");
            th.setDaemon(true);
            return th;
        });
        try {
            List<Future<SliceFit>> futures = new ArrayList<>();
            for (SliceRows s : slices) futures.add(pool.submit(() -> fit(s, y, na)));
            List<SliceFit> out = new ArrayList<>();
            for (Future<SliceFit> f : futures) out.add(f.get());
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fitting", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
