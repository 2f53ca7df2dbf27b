package model;

import stats.Bootstrap;
import stats.BootstrapResult;
import stats.CovarianceType;
import stats.FittedModel;
import stats.ModelData;
import stats.CrossValidation;
import stats.CvResult;
import stats.DesignMatrix;
import stats.Diagnostics;
import stats.GlmResult;
import stats.ModelComparison;
import stats.ModelKind;
import stats.NegativeBinomial;
import stats.Ols;
import stats.OlsResult;
import stats.PoissonGlm;
import stats.RankDeficientException;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The exposure-model workflow: from the per-person table (ingest's {@code persons}: one row per person
 * with the demographics and the {@code exposures} count) fit OLS, Poisson GLM and NB2 of exposures per
 * person on the same design, and check them every way the issue asks. From JShell:
 * <pre>{@code
 * var d = ingest.Ingest.load(java.nio.file.Path.of("data"));
 * var r = model.ExposureModels.fit(d.persons(), model.ExposureSpec.generatorParameterisation());
 * System.out.print(r.summary());
 * }</pre>
 * Steps: design (spec -> feature table -> stats.Design; rows dropped only by a DROP strategy) -> the
 * three fits -> in-sample prediction distributions and segments -> seeded k-fold CV of all three on the
 * same folds against the mean-only baseline (folds warm-started from the full fits) -> seeded parallel
 * bootstrap (one Newton step per resample from the full fit by default, see {@link BootstrapMethod}) -> residual diagnostics ->
 * overdispersion check -> recommendation ({@link ModelChoice}). CV is leak-free: the stats.Design is
 * refitted on each fold's training rows (imputation means, levels and reference levels never see held-out
 * rows); folds are over the rows the design keeps. The REFIT bootstrap refits the design per resample too;
 * the default ONE_STEP bootstrap holds the full-sample encoding fixed (see stats.Bootstrap).
 */
public final class ExposureModels {
    private ExposureModels() {}

    /**
     * Below this many rows the three full fits run side by side: the count models' passes run over covariate
     * patterns, serial, and OLS's over row blocks; above, one after another (memory at 1M people).
     */
    static final int PARALLEL_FITS_MAX_ROWS = 500_000;

    public static ExposureModelResult fit(Table persons, ExposureSpec spec) {
        return fit(persons, spec, FitOptions.defaults());
    }

    public static ExposureModelResult fit(Table persons, ExposureSpec spec, FitOptions o) {
        if (persons == null) throw new IllegalArgumentException("persons table must not be null");
        Map<String, Double> secs = new LinkedHashMap<>();
        long t = System.nanoTime();
        StepProgress designing = new StepProgress(o.progress(), String.format(java.util.Locale.ROOT,
                "  building the design matrix from %,d people", persons.rowCount()), "columns", 1);
        Table features = spec.features(persons, true, "table '" + persons.name() + "'");
        DesignMatrix d;
        stats.Design design = spec.design();
        try {
            d = design.fit(features);
        } catch (IllegalArgumentException e) {
            throw new ModelException("cannot build the design: " + e.getMessage(), e);
        }
        if (d.n() <= d.names().size() + 2) {
            throw new ModelException("only " + d.n() + " usable rows for " + (d.names().size() + 1) + " coefficients (" + d.droppedRows() + " dropped for missing values)");
        }
        // natural values of every input column: all rows (drift profiles) and fitted rows (segments)
        List<Profile> profiles = new ArrayList<>();
        Map<String, Object> used = new LinkedHashMap<>();
        int[] rows = d.rows();
        for (String c : spec.inputColumns()) {
            Column<?> col = persons.column(c);
            boolean numeric = spec.numeric().stream().anyMatch(nt -> nt.column().equals(c));
            if (numeric) {
                double[] v = Profile.values(col);
                profiles.add(Profile.numeric(c, v));
                double[] u = new double[rows.length];
                for (int i = 0; i < rows.length; i++) u[i] = v[rows[i]];
                used.put(c, u);
            } else {
                String[] v = Profile.strings(col);
                profiles.add(Profile.categorical(c, v));
                String[] u = new String[rows.length];
                for (int i = 0; i < rows.length; i++) u[i] = v[rows[i]];
                used.put(c, u);
            }
        }
        secs.put("design", lap(t));
        designing.finish("");

        t = System.nanoTime();
        OlsResult ols;
        GlmResult pois, nb;
        CovarianceType cov = covariance(o, persons, rows);
        StepProgress fitting = new StepProgress(o.progress(), String.format(java.util.Locale.ROOT,
                "  fitting OLS, Poisson and NB2 on %,d rows x %d coefficients", d.n(), d.names().size() + (d.intercept() ? 1 : 0)), "models", 3);
        try {
            if (d.n() < PARALLEL_FITS_MAX_ROWS && o.threads() > 1) {
                // small data: each fit is one block of rows (single-threaded inside), so run the three side by side;
                // each is computed exactly as alone. Above the limit the fits' own passes use every core.
                double[] s3 = new double[3];
                Object[] r3 = new Object[3];
                java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(Math.min(3, o.threads()));
                try {
                    List<java.util.concurrent.Future<?>> fs = new ArrayList<>();
                    for (int m = 0; m < 3; m++) {
                        int k = m;
                        fs.add(pool.submit(() -> {
                            long t0 = System.nanoTime();
                            r3[k] = k == 0 ? Ols.fit(d, cov) : k == 1 ? PoissonGlm.fit(d, cov) : NegativeBinomial.fit(d, cov);
                            s3[k] = lap(t0);
                        }));
                    }
                    for (java.util.concurrent.Future<?> f : fs) f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ModelException("interrupted while fitting", e);
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException re) throw re;
                    throw new IllegalStateException(e.getCause());
                } finally {
                    pool.shutdown();
                }
                ols = (OlsResult) r3[0];
                pois = (GlmResult) r3[1];
                nb = (GlmResult) r3[2];
                secs.put("ols", s3[0]);
                secs.put("poisson", s3[1]);
                secs.put("negative_binomial", s3[2]);
            } else {
                ols = Ols.fit(d, cov);
                secs.put("ols", lap(t));
                t = System.nanoTime();
                pois = PoissonGlm.fit(d, cov);
                secs.put("poisson", lap(t));
                t = System.nanoTime();
                nb = NegativeBinomial.fit(d, cov);
                secs.put("negative_binomial", lap(t));
            }
        } catch (RankDeficientException e) {
            throw new ModelException("the design is rank deficient (" + e.getMessage() + "); drop or merge the aliased terms", e);
        }
        fitting.finish("");
        double[] y = d.y();
        // predictions computed exactly as Predictor computes them (b0 + sum b_j x_j, then exp), so scoring the
        // training people reproduces the training prediction profile bit for bit (PSI exactly 0)
        double[] pOls = ols.predictColumns(d.columns()), pPois = pois.predictColumns(d.columns()), pNb = nb.predictColumns(d.columns());
        List<PredictionDistribution> preds = List.of(
                PredictionDistribution.of(ModelKind.OLS, pOls, y, 0),
                PredictionDistribution.of(ModelKind.POISSON, pPois, y, 0),
                PredictionDistribution.of(ModelKind.NEGATIVE_BINOMIAL, pNb, y, nb.alpha()));
        List<SegmentRow> segments = SegmentRow.of(spec, used, y, pOls, pPois, pNb);
        used = null; // memory: the per-row copies are not needed past this point (1M rows: ~40 MB)

        t = System.nanoTime();
        List<CvResult> cvs;
        StepProgress cvp = new StepProgress(o.progress(), "  " + o.folds() + "-fold cross-validation of the three models (design refitted per fold)", "folds", o.folds());
        try {
            // leak-free: the design is refitted on each fold's training rows; same folds for the three models.
            // Each fold's IRLS starts from the full-data fit's linear predictor (fewer passes, same estimates).
            CrossValidation.WarmStart warm = new CrossValidation.WarmStart(logOf(pois.fitted()), logOf(nb.fitted()),
                    nb.alpha() > 0 ? 1 / nb.alpha() : Double.NaN);
            cvs = CrossValidation.refitting(design, features, d, o.folds(), o.seed(), warm, o.threads(), cvp::done);
        } catch (IllegalArgumentException e) {
            throw new ModelException("cross-validation failed: " + e.getMessage(), e);
        }
        cvp.finish(cvs.get(0).notes().isEmpty() ? "" : String.join("; ", cvs.get(0).notes()));
        for (CvResult c : cvs) secs.put("cv_" + c.model().name().toLowerCase(), c.seconds());
        secs.put("cv_total", lap(t));
        ModelComparison cmp = ModelComparison.of(cvs);

        List<BootstrapResult> boots = new ArrayList<>();
        int reps = o.replicatesFor(d.n());
        if (reps > 0) {
            t = System.nanoTime();
            boolean oneStep = o.bootstrapMethod() == BootstrapMethod.ONE_STEP;
            StepProgress bp = new StepProgress(o.progress(), String.format(java.util.Locale.ROOT, "  bootstrap: %d %s resamples x 3 models",
                    reps, oneStep ? "one-step" : "refitted"), "resamples", oneStep ? reps : 3 * reps);
            if (oneStep) {
                boots.addAll(Bootstrap.oneStep(d, List.of(new Bootstrap.Fitted(ModelKind.OLS, ols.coefficients(), 0),
                        new Bootstrap.Fitted(ModelKind.POISSON, pois.coefficients(), 0),
                        new Bootstrap.Fitted(ModelKind.NEGATIVE_BINOMIAL, nb.coefficients(), nb.alpha())), reps, o.seed(), o.threads(), bp::done));
            } else {
                for (ModelKind k : ModelKind.values()) boots.add(Bootstrap.refitting(k, design, features, d, reps, o.seed(), o.threads()));
            }
            bp.finish("");
            secs.put("bootstrap", lap(t));
        }
        features = null; // memory: only CV and the bootstrap read the feature table

        t = System.nanoTime();
        StepProgress diagnosing = new StepProgress(o.progress(), "  diagnostics (residuals, Q-Q, Cook's distance)", "models", 3);
        Map<ModelKind, Diagnostics> diag = new EnumMap<>(ModelKind.class);
        diag.put(ModelKind.OLS, Diagnostics.of(ols, o.topCook(), o.diagnosticPoints()));
        diag.put(ModelKind.POISSON, Diagnostics.of(pois, y, d.columns(), o.topCook(), o.diagnosticPoints()));
        diag.put(ModelKind.NEGATIVE_BINOMIAL, Diagnostics.of(nb, y, d.columns(), o.topCook(), o.diagnosticPoints()));
        Map<ModelKind, List<InfluentialPerson>> influential = new EnumMap<>(ModelKind.class);
        influential.put(ModelKind.OLS, InfluentialPerson.of(diag.get(ModelKind.OLS), persons, spec.idColumn(), rows, y, pOls));
        influential.put(ModelKind.POISSON, InfluentialPerson.of(diag.get(ModelKind.POISSON), persons, spec.idColumn(), rows, y, pPois));
        influential.put(ModelKind.NEGATIVE_BINOMIAL, InfluentialPerson.of(diag.get(ModelKind.NEGATIVE_BINOMIAL), persons, spec.idColumn(), rows, y, pNb));
        secs.put("diagnostics", lap(t));
        diagnosing.finish("");

        Map<ModelKind, CardMetrics> inSample = new EnumMap<>(ModelKind.class);
        inSample.put(ModelKind.OLS, metrics(y, pOls, ols.logLikelihood(), ols.aic(), ols.bic(), Double.NaN, Double.NaN));
        inSample.put(ModelKind.POISSON, metrics(y, pPois, pois.logLikelihood(), pois.aic(), pois.bic(), pois.deviance(), pois.dispersion()));
        inSample.put(ModelKind.NEGATIVE_BINOMIAL, metrics(y, pNb, nb.logLikelihood(), nb.aic(), nb.bic(), nb.deviance(), nb.dispersion()));
        t = System.nanoTime();
        Map<ModelKind, FittedModel> fits = new EnumMap<>(ModelKind.class);
        fits.put(ModelKind.OLS, ols);
        fits.put(ModelKind.POISSON, pois);
        fits.put(ModelKind.NEGATIVE_BINOMIAL, nb);
        ModelInference inference = ModelInference.of(cov.label(), fits, ModelData.of(d));
        secs.put("term_tests_and_marginal_effects", lap(t));
        Overdispersion od = Overdispersion.of(pois, nb);
        ModelChoice choice = ModelChoice.of(cmp, cvs, od, preds);
        return new ExposureModelResult(spec, d.encoding(), persons.rowCount(), d.n(), d.droppedRows(), d.warnings(),
                ols, pois, nb, inSample, preds, segments, cvs, cmp, boots, diag, influential, od, choice, profiles, o, secs, inference);
    }

    /** The fits' covariance type, a cluster type resolved to the cluster of every fitted person. */
    static CovarianceType covariance(FitOptions o, Table persons, int[] rows) {
        CovarianceType cov = CovarianceType.parse(o.covariance());
        if (cov.kind() != CovarianceType.Kind.CLUSTER) return cov;
        if (!persons.containsColumn(cov.column())) {
            throw new ModelException("cluster covariance: the people table has no column '" + cov.column() + "'; it has " + ExposureSpec.quote(persons.columnNames()));
        }
        Column<?> c = persons.column(cov.column());
        String[] labels = new String[rows.length];
        for (int i = 0; i < rows.length; i++) labels[i] = c.isMissing(rows[i]) ? null : c.getString(rows[i]); // missing: one cluster (stated)
        CovarianceType resolved = cov.withGroups(labels);
        if (resolved.groupCount() < 2) throw new ModelException("cluster covariance: column '" + cov.column() + "' has " + resolved.groupCount()
                + " distinct value(s); it needs at least 2 clusters");
        return resolved;
    }

    /** In-sample metrics of predicted means m (Poisson deviance with m clipped at 1e-8, as stats.Metrics). */
    static CardMetrics metrics(double[] y, double[] m, double ll, double aic, double bic, double deviance, double dispersion) {
        int n = y.length;
        double sy = 0, sm = 0;
        for (int i = 0; i < n; i++) { sy += y[i]; sm += m[i]; }
        double ybar = sy / n, sse = 0, sae = 0, sst = 0, dev = 0;
        for (int i = 0; i < n; i++) {
            double e = y[i] - m[i];
            sse += e * e;
            sae += Math.abs(e);
            sst += (y[i] - ybar) * (y[i] - ybar);
            double mu = Math.max(m[i], 1e-8);
            dev += stats.UnitDeviance.poisson(y[i], mu);
        }
        return new CardMetrics(n, ybar, sm / n, Math.sqrt(sse / n), sae / n, 1 - sse / sst, dev / n, ll, aic, bic, deviance, dispersion);
    }

    private static double[] logOf(double[] mu) {
        double[] eta = new double[mu.length];
        for (int i = 0; i < mu.length; i++) eta[i] = Math.log(mu[i]);
        return eta;
    }

    private static double lap(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
