package model;

import report.TextTable;
import stats.FittedModel;
import stats.LikelihoodRatio;
import stats.LikelihoodRatioTest;
import stats.MarginalEffect;
import stats.MarginalEffects;
import stats.ModelData;
import stats.ModelKind;
import stats.WaldTest;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The inference a statistician reaches for after the coefficient tables: per model, a joint Wald test per
 * term under the chosen covariance, the analysis of deviance (likelihood-ratio test of dropping each term,
 * refitted), and for the count models the average marginal effects on the count scale with delta-method SEs.
 *
 * @param covariance the covariance the fits report ({@link FitOptions#covariance()})
 */
public record ModelInference(String covariance, Map<ModelKind, List<WaldTest>> termTests,
                             Map<ModelKind, List<LikelihoodRatioTest>> deviance, Map<ModelKind, List<MarginalEffect>> marginalEffects) {

    public ModelInference {
        termTests = copy(termTests);
        deviance = copy(deviance);
        marginalEffects = copy(marginalEffects);
    }

    /**
     * Above this many fitted rows the likelihood-ratio refits (one per term and model: 15 fits for 5 terms)
     * are skipped: there Wald and LR tests agree (both are asymptotically the same test) and the refits
     * would cost minutes at 10M people (18 s of a 49 s fit at 200k people, measured). The table says so.
     */
    public static final int LR_MAX_ROWS = 50_000;

    static ModelInference of(String covariance, Map<ModelKind, FittedModel> fits, ModelData data) {
        Map<ModelKind, List<WaldTest>> wald = new EnumMap<>(ModelKind.class);
        Map<ModelKind, List<LikelihoodRatioTest>> lr = new EnumMap<>(ModelKind.class);
        Map<ModelKind, List<MarginalEffect>> ame = new EnumMap<>(ModelKind.class);
        fits.forEach((k, m) -> {
            wald.put(k, m.termTests());
            lr.put(k, data.n() <= LR_MAX_ROWS ? LikelihoodRatio.dropEachTerm(m, data) : List.of());
            if (k != ModelKind.OLS) ame.put(k, MarginalEffects.average(m, data));
        });
        return new ModelInference(covariance, wald, lr, ame);
    }

    /** Wald (chosen covariance) and LR (refit) test of every term of model k, side by side. */
    public TextTable termTable(ModelKind k) {
        TextTable.Builder b = TextTable.builder(k.label() + ": does each term matter? Joint Wald test (" + covariance
                        + " covariance) and likelihood-ratio test (term dropped, model refitted; it trusts the model's variance function)",
                "term", "df", "Wald statistic", "Wald distribution", "Wald p", "LR chi2", "LR p", "logL without the term");
        List<WaldTest> w = termTests.get(k);
        List<LikelihoodRatioTest> l = deviance.get(k);
        for (int i = 0; i < w.size(); i++) {
            WaldTest t = w.get(i);
            if (l.isEmpty()) {
                b.row(t.term(), t.df(), t.statistic(), t.distribution(), p(t.pValue()), "", "skipped: > " + LR_MAX_ROWS + " rows", "");
                continue;
            }
            LikelihoodRatioTest r = l.get(i);
            b.row(t.term(), t.df(), t.statistic(), t.distribution(), p(t.pValue()), r.statistic(), p(r.pValue()), r.logLikelihoodRestricted());
        }
        return b.build();
    }

    /** Average marginal effects of count model k: per design unit and, for numeric terms, per natural unit of the input. */
    public TextTable marginalTable(ModelKind k, ExposureSpec spec) {
        TextTable.Builder b = TextTable.builder(k.label() + ": average marginal effects on expected exposures (delta-method SEs, " + covariance + " covariance)",
                "term", "effect of", "AME", "SE", "z", "p", "95% CI", "AME per natural unit");
        for (MarginalEffect e : marginalEffects.getOrDefault(k, List.of())) {
            String natural = "";
            if (!e.discrete()) {
                NumericTerm t = spec.numeric().stream().filter(n -> n.name().equals(e.column())).findFirst().orElse(null);
                if (t != null && t.scale() != 1) natural = String.format(Locale.ROOT, "%.4g per 1 %s", e.effect() / t.scale(), t.column());
            }
            b.row(e.term(), e.discrete() ? e.column() + " vs reference" : "+1 " + e.column(), e.effect(), e.se(), e.z(), p(e.pValue()),
                    String.format(Locale.ROOT, "[%.4g, %.4g]", e.lower(), e.upper()), natural);
        }
        return b.build();
    }

    /** The tables, in report order. */
    public List<TextTable> tables(ExposureSpec spec) {
        List<TextTable> out = new ArrayList<>();
        for (ModelKind k : ModelKind.values()) if (termTests.containsKey(k)) out.add(termTable(k));
        for (ModelKind k : ModelKind.values()) if (marginalEffects.containsKey(k)) out.add(marginalTable(k, spec));
        return out;
    }

    static String p(double p) {
        return Double.isNaN(p) ? "" : String.format(Locale.ROOT, "%.3g", p);
    }

    private static <V> Map<ModelKind, List<V>> copy(Map<ModelKind, List<V>> m) {
        Map<ModelKind, List<V>> c = new EnumMap<>(ModelKind.class);
        m.forEach((k, v) -> c.put(k, List.copyOf(v)));
        return java.util.Collections.unmodifiableMap(c);
    }
}
