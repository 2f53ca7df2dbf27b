package model;

import report.TextTable;
import stats.BootstrapResult;
import stats.ColumnEncoding;
import stats.CvResult;
import stats.Diagnostics;
import stats.Encoding;
import stats.GlmResult;
import stats.ModelComparison;
import stats.ModelKind;
import stats.OlsResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything {@link ExposureModels#fit} found, immutable. {@link #summary()} prints it all as text;
 * {@link #tables()} gives the tables for the HTML report; {@link ModelCharts} draws it.
 *
 * @param encoding      the fitted stats.Encoding (levels, references, fill values) of the feature table
 * @param rowsInTable   people in the input table
 * @param rowsUsed      people the models were fitted on ({@code rowsInTable - rowsDropped})
 * @param rowsDropped   people dropped by a DROP missing-value strategy
 * @param inSample      in-sample fit of each model's predicted means (RMSE, MAE, R2, Poisson deviance, logL, AIC, BIC)
 * @param bootstrap     one per model (OLS, Poisson, NB2); empty when the bootstrap was skipped
 * @param diagnostics   residual diagnostics per model (studentized residuals for OLS, Pearson for the GLMs)
 * @param influential   per model, the people with the largest Cook's distances (largest first), named by id
 * @param featureProfiles training distribution of every input column (natural units), for drift
 * @param seconds       wall time per step
 * @param inference     per model: joint Wald and likelihood-ratio test per term; average marginal effects (count models)
 */
public record ExposureModelResult(ExposureSpec spec, Encoding encoding, int rowsInTable, int rowsUsed, int rowsDropped,
                                  List<String> designWarnings, OlsResult ols, GlmResult poisson, GlmResult negativeBinomial,
                                  Map<ModelKind, CardMetrics> inSample,
                                  List<PredictionDistribution> predictions, List<SegmentRow> segments,
                                  List<CvResult> crossValidation, ModelComparison comparison, List<BootstrapResult> bootstrap,
                                  Map<ModelKind, Diagnostics> diagnostics, Map<ModelKind, List<InfluentialPerson>> influential, Overdispersion overdispersion, ModelChoice choice,
                                  List<Profile> featureProfiles, FitOptions options, Map<String, Double> seconds,
                                  ModelInference inference) {
    public ExposureModelResult {
        designWarnings = List.copyOf(designWarnings);
        predictions = List.copyOf(predictions);
        segments = List.copyOf(segments);
        crossValidation = List.copyOf(crossValidation);
        bootstrap = List.copyOf(bootstrap);
        diagnostics = Map.copyOf(diagnostics);
        Map<ModelKind, List<InfluentialPerson>> inf = new java.util.EnumMap<>(ModelKind.class);
        influential.forEach((k, v) -> inf.put(k, List.copyOf(v)));
        influential = java.util.Collections.unmodifiableMap(inf);
        inSample = Map.copyOf(inSample);
        featureProfiles = List.copyOf(featureProfiles);
        seconds = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(seconds));
    }

    /** The recommended model (falls back to NB2 when nothing beats the baseline, so callers always get a model). */
    public ModelKind recommended() {
        return choice.recommended() == null ? ModelKind.NEGATIVE_BINOMIAL : choice.recommended();
    }

    public PredictionDistribution prediction(ModelKind k) {
        return predictions.stream().filter(p -> p.model() == k).findFirst().orElseThrow();
    }

    public CvResult cv(ModelKind k) {
        return crossValidation.stream().filter(c -> c.model() == k).findFirst().orElseThrow();
    }

    /** The bootstrap of model k, or null when skipped. */
    public BootstrapResult bootstrap(ModelKind k) {
        return bootstrap.stream().filter(b -> b.model() == k).findFirst().orElse(null);
    }

    public GlmResult glm(ModelKind k) {
        return switch (k) {
            case POISSON -> poisson;
            case NEGATIVE_BINOMIAL -> negativeBinomial;
            case OLS -> throw new IllegalArgumentException("OLS is not a GLM; use ols()");
        };
    }

    /** Model k's fit, whatever its kind. */
    public stats.FittedModel fitted(ModelKind k) {
        return k == ModelKind.OLS ? ols : glm(k);
    }

    /** Coefficient names (const first), the same for the three models. */
    public List<String> names() { return ols.names(); }

    /** Estimates, model SEs and 95% CIs of model k, in {@link #names()} order: {estimate, se, lower, upper}. */
    public double[][] coefficientTable(ModelKind k) {
        stats.FittedModel m = fitted(k);
        return new double[][]{m.coefficients(), m.standardErrors(), m.ciLower(), m.ciUpper()};
    }

    /** Encoding in words: per input column its transform, reference level, levels and missing-value handling. */
    public TextTable encodingTable() {
        TextTable.Builder b = TextTable.builder("Encoding (" + spec.formula() + ")", "column", "enters as", "reference", "levels", "missing values", "fill (natural units)");
        for (ColumnEncoding c : encoding.columns()) {
            if (c.categorical()) {
                b.row(c.name(), "one-hot, " + c.outputs().size() + " dummies " + c.name() + "[T.level]", c.reference(), String.join(", ", c.levels()), describe(c),
                        c.fillLevel() == null ? "" : c.fillLevel());
            } else {
                NumericTerm t = spec.numeric().stream().filter(n -> n.name().equals(c.name())).findFirst().orElseThrow();
                String fill = c.missing() == stats.Missing.DROP || c.missing() == stats.Missing.ERROR ? ""
                        : Profile.fmt(t.invert(c.fill())) + " (" + t.name() + " = " + Profile.fmt(c.fill()) + ")";
                b.row(t.column(), t.formula() + (c.outputs().size() > 1 ? "; + " + c.outputs().get(1) : ""), "", "", describe(c), fill);
            }
        }
        return b.build();
    }

    private static String describe(ColumnEncoding c) {
        return switch (c.missing()) {
            case DROP -> "row dropped";
            case ERROR -> "error";
            case MEAN -> "training mean";
            case MEDIAN -> "training median";
            case MODE -> "training mode";
            case KNN -> "k nearest training donors";
            case REGRESSION -> "regression on the other inputs";
            case ITERATIVE -> "chained equations on the other inputs";
            case INDICATOR -> c.categorical() ? (c.levels().contains(ColumnEncoding.MISSING_LEVEL) ? "own level (missing)" : "none at fit time; reference if met")
                    : (c.indicator() ? "training mean + indicator" : "none at fit time; mean if met");
        };
    }

    /** Per coefficient of model k: estimate, model SE (and HC3 for OLS), 95% CI, bootstrap SE and CI, fold mean/sd, sign stability. */
    public TextTable coefficientStability(ModelKind k) {
        double[][] c = coefficientTable(k);
        BootstrapResult b = bootstrap(k);
        CvResult cv = cv(k);
        double[] fm = cv.coefficientMean(), fs = cv.coefficientSd();
        boolean[] st = cv.signStable();
        double[] hc3 = k == ModelKind.OLS ? ols.hc3StandardErrors() : null;
        TextTable.Builder t = TextTable.builder(k.label() + ": coefficients, intervals and stability",
                "term", "estimate", "SE", k == ModelKind.OLS ? "HC3 SE" : "-", "95% CI", "boot SE", "boot 95% CI", "fold mean", "fold sd", "sign");
        for (int j = 0; j < names().size(); j++) {
            t.row(names().get(j), c[0][j], c[1][j], hc3 == null ? "" : hc3[j],
                    String.format(Locale.ROOT, "[%.4g, %.4g]", c[2][j], c[3][j]),
                    b == null ? "" : b.standardErrors()[j],
                    b == null ? "" : String.format(Locale.ROOT, "[%.4g, %.4g]", b.lower()[j], b.upper()[j]),
                    fm[j], fs[j], st[j] ? "stable" : "FLIPS");
        }
        return t.build();
    }

    /** Cross-validation table: held-out metrics per model and the baseline. */
    public TextTable cvTable() {
        TextTable.Builder t = TextTable.builder(String.format(Locale.ROOT, "%d-fold cross-validation (seed %d), held-out means over folds",
                options.folds(), options.seed()), "model", "RMSE", "MAE", "R2", "Poisson deviance", "deviance SE", "baseline RMSE", "baseline deviance", "clipped");
        for (CvResult c : crossValidation) {
            t.row(c.model().label(), c.meanRmse(), c.meanMae(), c.meanR2(), c.meanDeviance(), c.devianceSe(), c.baselineRmse(), c.baselineDeviance(), c.clippedPredictions());
        }
        return t.build();
    }

    /** The people with the largest Cook's distances under model k: id, table row, Cook's D, observed and fitted exposures. */
    public TextTable influenceTable(ModelKind k) {
        String id = spec.idColumn();
        TextTable.Builder t = TextTable.builder(String.format(Locale.ROOT, "%s: largest Cook's distances (> 4/n = %.3g: %,d people)",
                k.label(), diagnostics.get(k).cookThreshold(), diagnostics.get(k).cookAboveThreshold()),
                id, "table row (0-based)", "Cook's D", "observed", "fitted " + k.label());
        for (InfluentialPerson p : influential.get(k)) {
            t.row(p.personId() == null ? "(no " + id + ")" : p.personId(), p.tableRow(), String.format(Locale.ROOT, "%.4g", p.cooksDistance()), p.observed(), p.fitted());
        }
        return t.build();
    }

    /** The tables of the report, in order. */
    public List<TextTable> tables() {
        List<TextTable> out = new ArrayList<>();
        out.add(encodingTable());
        out.add(PredictionDistribution.table(predictions));
        out.add(SegmentRow.table(segments));
        out.add(cvTable());
        for (ModelKind k : ModelKind.values()) out.add(coefficientStability(k));
        out.addAll(inference.tables(spec));
        for (ModelKind k : ModelKind.values()) out.add(influenceTable(k));
        return out;
    }

    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append("Exposure models: ").append(spec.formula()).append('\n');
        sb.append(String.format(Locale.ROOT, "people: %,d in the table, %,d used, %,d dropped (missing values in DROP columns)%n", rowsInTable, rowsUsed, rowsDropped));
        for (String w : designWarnings) sb.append("  note: ").append(w).append('\n');
        sb.append('\n').append(encodingTable().toText()).append('\n');
        sb.append(ols.summary()).append('\n');
        sb.append(poisson.summary()).append('\n');
        sb.append(negativeBinomial.summary()).append('\n');
        for (TextTable t : inference.tables(spec)) sb.append(t.toText()).append('\n');
        sb.append(overdispersion.summary()).append('\n');
        sb.append(PredictionDistribution.table(predictions).toText()).append('\n');
        sb.append(SegmentRow.table(segments).toText()).append('\n');
        sb.append(comparison.table()).append('\n');   // its pick is part of choice's one "Recommended model" statement below
        for (CvResult c : crossValidation) sb.append(c.summary()).append('\n');
        for (BootstrapResult b : bootstrap) sb.append(b.summary()).append('\n');
        if (bootstrap.isEmpty()) {
            sb.append(options.bootstrapReplicates() == FitOptions.AUTO
                    ? String.format(Locale.ROOT, "Bootstrap skipped: %,d rows > %,d (FitOptions.AUTO); force it with FitOptions.withBootstrap(R).%n%n", rowsUsed,
                            FitOptions.AUTO_BOOTSTRAP_MAX_ROWS)
                    : "Bootstrap skipped (0 replicates).\n\n");
        }
        for (ModelKind k : ModelKind.values()) {
            sb.append(k.label()).append(": ").append(diagnostics.get(k).overview()).append(influenceTable(k).toText()).append('\n');
        }
        sb.append(choice.summary()).append('\n');
        sb.append("Timings (s):");
        seconds.forEach((k, v) -> sb.append(String.format(Locale.ROOT, " %s %.2f;", k, v)));
        sb.append('\n');
        return sb.toString();
    }

    @Override
    public String toString() {
        return "ExposureModelResult[n=" + rowsUsed + ", recommended=" + (choice.recommended() == null ? "none" : choice.recommended().label()) + "]";
    }
}
