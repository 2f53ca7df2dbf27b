package model;

import stats.CvResult;
import stats.ModelComparison;
import stats.ModelKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The recommended model and why. Rule (stated, applied in this order):
 * <ol>
 * <li>Cross-validation decides the mean: stats.ModelComparison's pick (lowest mean held-out Poisson
 *     deviance; a simpler model within one SE preferred; never one that loses to the mean-only baseline).</li>
 * <li>If that pick is a count model, the data are overdispersed ({@link Overdispersion#overdispersed()}) and
 *     NB2's held-out deviance is within one SE of the pick's, NB2 is recommended: its predicted means are
 *     as good and it is the only one of the three whose standard errors, intervals and predicted count
 *     distribution (e.g. share of zeros) are right.</li>
 * <li>Otherwise the cross-validation pick stands (or none, when nothing beats the baseline).</li>
 * </ol>
 *
 * @param recommended the model, or null when no model beats the mean-only baseline
 */
public record ModelChoice(ModelKind recommended, ModelKind cvPick, List<String> reasons) {
    public ModelChoice {
        reasons = List.copyOf(reasons);
    }

    static ModelChoice of(ModelComparison cmp, List<CvResult> cvs, Overdispersion od, List<PredictionDistribution> preds) {
        ModelKind pick = null;
        for (CvResult c : cvs) if (c.model().label().equals(cmp.recommended())) pick = c.model();
        List<String> why = new ArrayList<>();
        why.add("Cross-validation: " + cmp.reason() + ".");
        ModelKind rec = pick;
        CvResult nb = find(cvs, ModelKind.NEGATIVE_BINOMIAL);
        if (pick != null && pick != ModelKind.OLS && pick != ModelKind.NEGATIVE_BINOMIAL && od.overdispersed() && nb != null) {
            CvResult p = find(cvs, pick);
            double gap = nb.meanDeviance() - p.meanDeviance();
            if (gap <= p.devianceSe()) {
                rec = ModelKind.NEGATIVE_BINOMIAL;
                why.add(String.format(Locale.ROOT, "NB2's held-out deviance is within one SE of %s's (%+.3g, SE %.2g), so its means are as good; "
                        + "the data are overdispersed (Poisson dispersion %.3g, NB2 alpha %.3g, LR p %s), so only NB2 gives honest standard errors "
                        + "and intervals (NB2/Poisson SE ratio median %.2g) and the right count distribution.",
                        pick.label(), gap, p.devianceSe(), od.poissonDispersion(), od.alpha(), od.lrPValue() < 1e-16 ? "< 1e-16"
                                : String.format(Locale.ROOT, "%.2g", od.lrPValue()), od.seRatioMedian()));
            } else {
                why.add(String.format(Locale.ROOT, "The data are overdispersed, but NB2's held-out deviance is worse than %s's by more than one SE (%+.3g, SE %.2g); "
                        + "keep %s for the mean and use robust (sandwich) or NB2 errors for inference.", pick.label(), gap, p.devianceSe(), pick.label()));
            }
        } else if (pick == ModelKind.NEGATIVE_BINOMIAL && od.overdispersed()) {
            why.add(String.format(Locale.ROOT, "It also matches the overdispersion (Poisson dispersion %.3g, NB2 alpha %.3g).", od.poissonDispersion(), od.alpha()));
        }
        for (PredictionDistribution d : preds) {
            if (d.model() == ModelKind.OLS && d.negativeCount() > 0) {
                why.add(String.format(Locale.ROOT, "OLS predicts a negative number of exposures for %.2f%% of people (%d), which no count can be.",
                        100 * d.negativeShare(), d.negativeCount()));
            }
        }
        for (PredictionDistribution d : preds) {
            if (d.model() == ModelKind.POISSON || d.model() == ModelKind.NEGATIVE_BINOMIAL) {
                why.add(String.format(Locale.ROOT, "%s implies %.1f%% of people with zero exposures; observed %.1f%%.", d.model().label(), 100 * d.predictedZero(),
                        100 * d.observedZero()));
            }
        }
        if (pick == null) why.add("No model beats predicting the mean; recommend none.");
        return new ModelChoice(rec, pick, why);
    }

    private static CvResult find(List<CvResult> cvs, ModelKind k) {
        for (CvResult c : cvs) if (c.model() == k) return c;
        return null;
    }

    public String summary() {
        // One statement for the cross-validation pick and the final choice, so a run never shows two "Recommended" lines.
        StringBuilder sb = new StringBuilder("Recommended model: ");
        if (recommended == null) sb.append("none (mean only): no model beats the mean-only baseline in cross-validation");
        else if (recommended == cvPick) sb.append(recommended.label()).append(", the cross-validation pick");
        else sb.append(recommended.label()).append(" (cross-validation picked ").append(cvPick == null ? "none" : cvPick.label())
                .append("; ").append(recommended.label()).append(" predicts as well and suits the data better, see below)");
        sb.append('\n');
        for (String r : reasons) sb.append("  - ").append(r).append('\n');
        return sb.toString();
    }
}
