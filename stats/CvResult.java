package stats;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Seeded k-fold cross-validation of one model type (see {@link CrossValidation}).
 *
 * @param folds         held-out metrics per fold
 * @param baseline      held-out metrics per fold of the mean-only baseline (training-fold mean)
 * @param coefficients  coefficients per fold [fold][coefficient], for stability. With the leak-free (Design)
 *                      API each fold has its own encoding; coefficients are re-expressed in the full-data
 *                      parameterisation ({@link #names()}), NaN where a fold's design lacks the column (see
 *                      {@link Align}); the stability statistics skip NaN.
 * @param unseenLevels  per fold, held-out rows per categorical column whose level the training folds never
 *                      saw (encoded as the fold's reference level); empty for the fixed-design array API
 * @param notes         what small data made the refitting CV do (fewer folds; columns left out of a rank-deficient
 *                      fold's fit), one line each; empty when nothing was needed
 */
public record CvResult(ModelKind model, int k, long seed, int n, List<String> names,
                       List<Metrics> folds, List<Metrics> baseline, double[][] coefficients, double seconds,
                       List<Map<String, Integer>> unseenLevels, List<String> notes) {
    public CvResult {
        names = List.copyOf(names);
        folds = List.copyOf(folds);
        baseline = List.copyOf(baseline);
        unseenLevels = unseenLevels == null ? List.of() : unseenLevels.stream().map(Map::copyOf).toList();
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** Without notes. */
    public CvResult(ModelKind model, int k, long seed, int n, List<String> names,
                    List<Metrics> folds, List<Metrics> baseline, double[][] coefficients, double seconds,
                    List<Map<String, Integer>> unseenLevels) {
        this(model, k, seed, n, names, folds, baseline, coefficients, seconds, unseenLevels, List.of());
    }

    /** Fixed-design result (no per-fold encodings, so no unseen levels). */
    public CvResult(ModelKind model, int k, long seed, int n, List<String> names,
                    List<Metrics> folds, List<Metrics> baseline, double[][] coefficients, double seconds) {
        this(model, k, seed, n, names, folds, baseline, coefficients, seconds, List.of(), List.of());
    }

    /** Held-out rows with unseen levels, summed over folds. */
    public int unseenTotal() {
        return unseenLevels.stream().flatMap(m -> m.values().stream()).mapToInt(Integer::intValue).sum();
    }

    /** Number of estimated parameters (coefficients, plus alpha for NB2). */
    public int parameters() { return names.size() + model.extraParameters(); }

    public double meanRmse() { return mean(folds, 0); }
    public double meanMae() { return mean(folds, 1); }
    public double meanR2() { return mean(folds, 2); }
    public double meanDeviance() { return mean(folds, 3); }
    /** Standard error of the mean fold deviance: SD over folds / sqrt(k). */
    public double devianceSe() { return sd(folds, 3) / Math.sqrt(folds.size()); }
    public double baselineRmse() { return mean(baseline, 0); }
    public double baselineMae() { return mean(baseline, 1); }
    public double baselineDeviance() { return mean(baseline, 3); }
    public int clippedPredictions() { return folds.stream().mapToInt(Metrics::clipped).sum(); }

    /** Mean over folds of each coefficient (folds where it is NaN are skipped). */
    public double[] coefficientMean() {
        int p = names.size();
        double[] m = new double[p];
        int[] c = new int[p];
        for (double[] b : coefficients) for (int j = 0; j < p; j++) if (!Double.isNaN(b[j])) { m[j] += b[j]; c[j]++; }
        for (int j = 0; j < p; j++) m[j] = c[j] == 0 ? Double.NaN : m[j] / c[j];
        return m;
    }

    /** SD over folds of each coefficient (folds where it is NaN are skipped). */
    public double[] coefficientSd() {
        int p = names.size();
        double[] m = coefficientMean(), s = new double[p];
        int[] c = new int[p];
        for (double[] b : coefficients) for (int j = 0; j < p; j++) if (!Double.isNaN(b[j])) { s[j] += (b[j] - m[j]) * (b[j] - m[j]); c[j]++; }
        for (int j = 0; j < p; j++) s[j] = c[j] == 0 ? Double.NaN : Math.sqrt(s[j] / Math.max(1, c[j] - 1));
        return s;
    }

    /** True where a coefficient has the same sign in every fold. */
    public boolean[] signStable() {
        int p = names.size();
        boolean[] ok = new boolean[p];
        for (int j = 0; j < p; j++) {
            int pos = 0, neg = 0;
            for (double[] c : coefficients) {
                if (c[j] > 0) pos++;
                else if (c[j] < 0) neg++;
            }
            ok[j] = pos == 0 || neg == 0;
        }
        return ok;
    }

    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%d-fold cross-validation of %s (n=%d, seed=%d, %.2f s)%n", k, model.label(), n, seed, seconds));
        sb.append(String.format(Locale.ROOT, "%-6s %12s %12s %10s %14s%n", "fold", "RMSE", "MAE", "R2", "Poisson dev"));
        for (int f = 0; f < folds.size(); f++) {
            Metrics m = folds.get(f);
            sb.append(String.format(Locale.ROOT, "%-6d %12.5g %12.5g %10.4f %14.6g%n", f + 1, m.rmse(), m.mae(), m.r2(), m.poissonDeviance()));
        }
        sb.append(String.format(Locale.ROOT, "%-6s %12.5g %12.5g %10.4f %14.6g%n", "mean", meanRmse(), meanMae(), meanR2(), meanDeviance()));
        sb.append(String.format(Locale.ROOT, "%-6s %12.5g %12.5g %10s %14.6g  (mean-only baseline)%n", "base", baselineRmse(), baselineMae(), "0 (def.)", baselineDeviance()));
        if (clippedPredictions() > 0) sb.append(clippedPredictions()).append(" held-out prediction(s) <= 0 were clipped to 1e-8 for the Poisson deviance\n");
        if (unseenTotal() > 0) sb.append(unseenTotal()).append(" held-out row(s) had a level unseen in their training folds (encoded as the " +
                "reference): ").append(unseenLevels).append('\n');
        for (String note : notes) sb.append("note: ").append(note).append('\n');
        sb.append("Coefficient stability across folds:\n");
        sb.append(String.format(Locale.ROOT, "%-24s %12s %12s %8s%n", "", "mean", "sd", "sign"));
        double[] m = coefficientMean(), s = coefficientSd();
        boolean[] st = signStable();
        for (int j = 0; j < names.size(); j++) {
            sb.append(String.format(Locale.ROOT, "%-24s %12.5g %12.4g %8s%n", names.get(j), m[j], s[j], st[j] ? "stable" : "FLIPS"));
        }
        return sb.toString();
    }

    private static double mean(List<Metrics> ms, int which) {
        double s = 0;
        for (Metrics m : ms) s += pick(m, which);
        return s / ms.size();
    }

    private static double sd(List<Metrics> ms, int which) {
        double mu = mean(ms, which), s = 0;
        for (Metrics m : ms) s += (pick(m, which) - mu) * (pick(m, which) - mu);
        return Math.sqrt(s / Math.max(1, ms.size() - 1));
    }

    private static double pick(Metrics m, int which) {
        return switch (which) {
            case 0 -> m.rmse();
            case 1 -> m.mae();
            case 2 -> m.r2();
            default -> m.poissonDeviance();
        };
    }
}
