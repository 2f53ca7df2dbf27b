package stats;

import numerics.Tails;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Likelihood-ratio tests between nested fits of the same family on the same rows, and the
 * analysis-of-deviance table that drops one term at a time (R's {@code drop1(fit, test = "Chisq")}).
 * NB2 refits re-estimate alpha; OLS uses the Gaussian log-likelihood with sigma at its MLE.
 */
public final class LikelihoodRatio {
    private LikelihoodRatio() {}

    /** LR test of {@code restricted} (its coefficients a subset of {@code full}'s) against {@code full}. */
    public static LikelihoodRatioTest test(String label, FittedModel restricted, FittedModel full) {
        if (!restricted.family().equals(full.family())) {
            throw new IllegalArgumentException("likelihood-ratio test needs one family; got " + restricted.family() + " and " + full.family());
        }
        if (restricted.n() != full.n()) throw new IllegalArgumentException("likelihood-ratio test needs the same rows; got n = " + restricted.n() + " and " + full.n());
        if (!new HashSet<>(full.names()).containsAll(restricted.names())) {
            throw new IllegalArgumentException("the restricted model is not nested: it has " + restricted.names() + ", the full model " + full.names());
        }
        int df = full.p() - restricted.p();
        if (df <= 0) throw new IllegalArgumentException("the full model must have more coefficients than the restricted one (" + full.p() + " vs " + restricted.p() + ")");
        double lr = 2 * (full.logLikelihood() - restricted.logLikelihood());
        double stat = Math.max(0, lr); // a negative LR is rounding (or a non-converged fit): reported as 0
        double dev = restricted instanceof GlmResult g ? g.deviance() : Double.NaN;
        return new LikelihoodRatioTest(label, df, stat, Tails.chiSquared(stat, df), restricted.logLikelihood(), full.logLikelihood(), dev);
    }

    /** One LR test per term of {@code data}: the term's columns dropped, the model refitted (same family). */
    public static List<LikelihoodRatioTest> dropEachTerm(FittedModel full, ModelData data) {
        List<LikelihoodRatioTest> out = new ArrayList<>();
        for (Term t : data.terms()) out.add(test(t.name(), refit(full, data.without(t)), full));
        return out;
    }

    /**
     * Fits {@code data} with the family of {@code like} (nonrobust; the log-likelihood does not depend on it).
     * A count model's refit starts from {@code like}'s linear predictor (and NB2's alpha) when {@code data} has
     * its rows: the restricted optimum is near the full one, so a few passes instead of a cold fit (the estimate
     * does not depend on the start).
     */
    public static FittedModel refit(FittedModel like, ModelData data) {
        if (like instanceof GlmResult g) {
            double[] eta = null;
            if (g.n() == data.n()) {
                eta = g.fitted();
                for (int i = 0; i < eta.length; i++) eta[i] = Math.log(eta[i]);
            }
            return g.negativeBinomial() ? NegativeBinomial.fit(data, CovarianceType.NONROBUST, eta, 1 / g.alpha())
                    : PoissonGlm.fit(data, CovarianceType.NONROBUST, eta);
        }
        return Ols.fit(data, CovarianceType.NONROBUST);
    }

    /** The analysis-of-deviance table as text. */
    public static String render(String title, List<LikelihoodRatioTest> tests) {
        StringBuilder sb = new StringBuilder();
        int w = Fmt.nameWidth(tests.stream().map(LikelihoodRatioTest::term).toList());
        sb.append(title).append('\n');
        sb.append(Fmt.left("dropped term", w)).append(Fmt.pad("df", 5)).append(Fmt.pad("LR chi2", 12)).append(Fmt.pad("P>chi2", 12))
                .append(Fmt.pad("logL without", 16)).append(Fmt.pad("resid. dev.", 14)).append('\n');
        for (LikelihoodRatioTest t : tests) {
            sb.append(Fmt.left(t.term(), w)).append(Fmt.pad(Integer.toString(t.df()), 5)).append(Fmt.num(t.statistic(), 12))
                    .append(Fmt.pad(Fmt.g(t.pValue()), 12)).append(Fmt.num(t.logLikelihoodRestricted(), 16)).append(Fmt.num(t.residualDeviance(), 14)).append('\n');
        }
        return sb.toString();
    }
}
