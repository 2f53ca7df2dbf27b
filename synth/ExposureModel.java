package synth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * True model for the number of ad exposures of a person: negative binomial (NB2),
 * {@code Y ~ Poisson(mu * G)}, {@code G ~ Gamma(shape 1/alpha, scale alpha)} (mean 1), so
 * {@code E[Y] = mu}, {@code Var[Y] = mu + alpha mu^2}, with {@code log mu = x'beta} and design x:
 * <ul>
 *   <li>{@code intercept}</li>
 *   <li>{@code age10} = (age - 45) / 10 (age in decades, centred at 45)</li>
 *   <li>{@code gender_M}, {@code gender_X}: dummies, reference F</li>
 *   <li>{@code income_25to50k}, {@code income_50to100k}, {@code income_100to150k}, {@code income_150kplus}:
 *       dummies, reference lt25k</li>
 *   <li>{@code region_Midwest}, {@code region_South}, {@code region_West}: dummies, reference Northeast</li>
 *   <li>{@code household_size_c} = household_size - 3 (numeric, centred at 3)</li>
 * </ul>
 * The intercept is therefore log mu for a 45-year-old woman, income lt25k, Northeast, household of 3.
 */
public final class ExposureModel {
    public static final List<String> TERMS = List.of(
            "intercept", "age10", "gender_M", "gender_X",
            "income_25to50k", "income_50to100k", "income_100to150k", "income_150kplus",
            "region_Midwest", "region_South", "region_West", "household_size_c");

    /** True coefficients, in {@link #TERMS} order. */
    static final double[] BETA = {
            2.37, 0.15, -0.10, 0.20,
            -0.05, -0.15, -0.25, -0.40,
            0.10, 0.20, -0.15, 0.05};
    /** NB2 overdispersion: Var = mu + ALPHA mu^2. */
    public static final double ALPHA = 1.7;
    public static final double AGE_CENTRE = 45, AGE_SCALE = 10, HOUSEHOLD_CENTRE = 3;

    private ExposureModel() {}

    public static double beta(String term) {
        int i = TERMS.indexOf(term);
        if (i < 0) throw new IllegalArgumentException("no term " + term);
        return BETA[i];
    }

    /** x'beta for a person. */
    public static double linearPredictor(int age, Gender g, IncomeBracket inc, Region r, int household) {
        double eta = BETA[0] + BETA[1] * (age - AGE_CENTRE) / AGE_SCALE;
        if (g != Gender.F) eta += BETA[1 + g.ordinal()];               // gender_M = 2, gender_X = 3
        if (inc != IncomeBracket.LT25K) eta += BETA[3 + inc.ordinal()]; // income dummies 4..7
        if (r != Region.Northeast) eta += BETA[7 + r.ordinal()];        // region dummies 8..10
        eta += BETA[11] * (household - HOUSEHOLD_CENTRE);
        return eta;
    }

    public static double mean(Person p) {
        return StrictMath.exp(linearPredictor(p.age(), p.gender(), p.income(), p.region(), p.householdSize()));
    }

    /** One NB2 draw with mean {@code mu}. */
    public static int sampleCount(Rng rng, double mu) {
        double frailty = ALPHA * rng.gamma(1 / ALPHA);
        return rng.poisson(mu * frailty);
    }

    /**
     * Population moments implied by the truth, exact by enumerating every demographic combination
     * (the attributes are independent): {mean of Y, P(Y = 0), mean of mu}.
     */
    public static double[] impliedMoments() {
        double[] pAge = Demographics.ageProbabilities();
        double[] pG = Demographics.normalised(Demographics.GENDER_WEIGHTS);
        double[] pI = Demographics.normalised(Demographics.INCOME_WEIGHTS);
        double[] pR = Demographics.normalised(Demographics.REGION_WEIGHTS);
        double[] pH = Demographics.normalised(Demographics.HOUSEHOLD_WEIGHTS);
        double mean = 0, zero = 0;
        for (int a = 0; a < pAge.length; a++)
            for (Gender g : Gender.values())
                for (IncomeBracket inc : IncomeBracket.values())
                    for (Region r : Region.values())
                        for (int h = 1; h <= 7; h++) {
                            double p = pAge[a] * pG[g.ordinal()] * pI[inc.ordinal()] * pR[r.ordinal()] * pH[h - 1];
                            double mu = StrictMath.exp(linearPredictor(18 + a, g, inc, r, h));
                            mean += p * mu;
                            zero += p * StrictMath.pow(1 + ALPHA * mu, -1 / ALPHA);
                        }
        return new double[] {mean, zero};
    }

    static Map<String, Object> describe() {
        Map<String, Object> beta = new LinkedHashMap<>();
        for (int i = 0; i < TERMS.size(); i++) beta.put(TERMS.get(i), BETA[i]);
        double[] implied = impliedMoments();
        List<Object> terms = new ArrayList<>(TERMS);
        return Json.object(
                "family", "negative_binomial_2",
                "link", "log",
                "variance", "mu + alpha * mu^2",
                "sampling", "Y ~ Poisson(mu * G), G ~ Gamma(shape = 1/alpha, scale = alpha)",
                "design", Json.object(
                        "terms", terms,
                        "age10", "(age - 45) / 10",
                        "gender", Json.object("reference", "F", "dummies", List.of("gender_M", "gender_X")),
                        "income_bracket", Json.object("reference", "lt25k",
                                "dummies", List.of("income_25to50k", "income_50to100k", "income_100to150k", "income_150kplus")),
                        "region", Json.object("reference", "Northeast",
                                "dummies", List.of("region_Midwest", "region_South", "region_West")),
                        "household_size_c", "household_size - 3"),
                "beta", beta,
                "alpha", ALPHA,
                "implied_mean", implied[0],
                "implied_zero_share", implied[1]);
    }
}
