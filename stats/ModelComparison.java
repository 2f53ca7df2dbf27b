package stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A comparison table of cross-validated models with a recommendation.
 *
 * <p>The rule (stated in {@link #reason()}): the primary score is the mean held-out Poisson deviance,
 * a proper scoring rule for count means (OLS predictions below 1e-8 are clipped for it). The model with
 * the lowest score is best; any model with fewer parameters whose score is within one standard error of
 * the best (fold SD / sqrt(k)) is preferred instead (the one-standard-error rule), the fewest-parameter one
 * first. A model that does not beat the mean-only baseline is never recommended.
 */
public record ModelComparison(List<Row> rows, String recommended, String reason) {
    public record Row(String model, int parameters, double rmse, double mae, double r2, double deviance, double devianceSe,
                      double baselineDeviance, int clipped) {}

    public ModelComparison {
        rows = List.copyOf(rows);
    }

    public static ModelComparison of(List<CvResult> results) {
        if (results == null || results.isEmpty()) throw new IllegalArgumentException("no cross-validation results to compare");
        List<Row> rows = new ArrayList<>();
        for (CvResult c : results) {
            rows.add(new Row(c.model().label(), c.parameters(), c.meanRmse(), c.meanMae(), c.meanR2(), c.meanDeviance(),
                    c.devianceSe(), c.baselineDeviance(), c.clippedPredictions()));
        }
        Row best = rows.stream().min(Comparator.comparingDouble(Row::deviance)).orElseThrow();
        Row pick = rows.stream().filter(r -> r.deviance() <= best.deviance() + best.devianceSe() && r.parameters() < best.parameters())
                .min(Comparator.comparingInt(Row::parameters).thenComparingDouble(Row::deviance)).orElse(best);
        String reason;
        if (!(pick.deviance() < pick.baselineDeviance())) {
            return new ModelComparison(rows, "none",
                    "no model beats the mean-only baseline on held-out Poisson deviance; recommend none (report the mean)");
        }
        if (pick == best) {
            reason = String.format(Locale.ROOT, "%s has the lowest mean held-out Poisson deviance (%.5g +/- %.2g SE vs baseline %.5g); "
                    + "no simpler model is within one SE of it", best.model(), best.deviance(), best.devianceSe(), best.baselineDeviance());
        } else {
            reason = String.format(Locale.ROOT, "%s (%d parameters) is within one SE of the lowest held-out Poisson deviance (%s: %.5g +/- %.2g) "
                    + "with fewer parameters (one-standard-error rule)", pick.model(), pick.parameters(), best.model(), best.deviance(), best.devianceSe());
        }
        return new ModelComparison(rows, pick.model(), reason);
    }

    public String summary() {
        return table() + recommendation();
    }

    /** The comparison table alone (for a caller that states its own recommendation, e.g. model.ModelChoice). */
    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(OlsResult.center("Model comparison (k-fold cross-validation, held-out folds)")).append('\n').append(Fmt.RULE).append('\n');
        sb.append(String.format(Locale.ROOT, "%-24s %4s %10s %10s %8s %12s %9s %9s%n", "model", "k", "RMSE", "MAE", "R2", "Pois.dev", "dev SE", "vs base"));
        sb.append(Fmt.THIN).append('\n');
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%-24s %4d %10.5g %10.5g %8.4f %12.6g %9.2g %8.1f%%%n", r.model(), r.parameters(), r.rmse(), r.mae(), r.r2(),
                    r.deviance(), r.devianceSe(), 100 * (r.deviance() - r.baselineDeviance()) / r.baselineDeviance()));
        }
        sb.append(Fmt.THIN).append('\n');
        return sb.toString();
    }

    /** The pick, why, the rule and a note on what the deviance scores. */
    public String recommendation() {
        StringBuilder sb = new StringBuilder();
        sb.append("Recommended: ").append(recommended).append('\n');
        sb.append("Why: ").append(reason).append('\n');
        sb.append("Rule: lowest mean held-out Poisson deviance; a model with fewer parameters within one SE of the best is preferred; never one that loses to the " +
                "mean-only baseline.\n");
        sb.append("Note: the deviance scores predicted means only. Poisson and NB2 means are often nearly equal; for inference on\n"
                + "overdispersed counts (Pearson dispersion well above 1) use the NB2 standard errors, not Poisson's.\n");
        return sb.toString();
    }
}
