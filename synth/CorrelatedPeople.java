package synth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory population with CORRELATED demographics, a linear exposure score with known coefficients, and
 * missing cells by a stated mechanism, keeping the true values: the test bed for imputation (the file generator's
 * demographics are independent by design, so there imputation has little to learn from).
 *
 * <p>Per person (stream (seed, i, 2)): income_bracket from weights (0.18, 0.22, 0.30, 0.17, 0.13); region given
 * the bracket index k (P(South) = 0.45 - 0.08 k, P(Midwest) = 0.25, P(West) = 0.15 + 0.04 k, Northeast the rest);
 * gender F/M/X (0.49, 0.48, 0.03); age = 28 + 8 k + 10 e1; household_size = 3.2 - 0.05 (age - 45) + 0.4 [South]
 * + 0.9 e3; score = 10 + 2 age10 - 1 household_c + income effect + region effect + 1 [gender M] + 3 e
 * (age10 = (age - 45) / 10, household_c = household_size - 3; e ~ N(0,1); see {@link #TRUE_COEFFICIENTS}).
 * Age and household size are neither rounded nor clamped, so given the levels (age, household_size, score) is
 * exactly Gaussian with means linear in the levels: linear and multinomial-logistic imputation models are then
 * correctly specified, which a coverage test of multiple imputation needs.
 *
 * <p>Missing cells (stream (seed, i, 3)), score and gender never missing: MCAR blanks age, income_bracket,
 * household_size and region each with the rate. MAR: age with probability 3.2 rate when score > 11, else 0.15 rate
 * (high scorers hide their age: the complete cases are a truncated sample, so complete-case regression and mean
 * imputation are biased, while the missingness depends only on observed values), income_bracket
 * with rate x (1.6 for gender M, 0.4 otherwise), household_size with rate x (1.7 in the South, 0.7 otherwise),
 * region MCAR; probabilities capped at 0.95.
 */
public record CorrelatedPeople(int n, double[] age, String[] income, double[] household, String[] region, String[] gender,
                               double[] score, double[] ageTrue, String[] incomeTrue, double[] householdTrue, String[] regionTrue) {

    public static final List<String> INCOME_LEVELS = List.of("lt25k", "25to50k", "50to100k", "100to150k", "gt150k");
    public static final List<String> REGION_LEVELS = List.of("South", "Midwest", "West", "Northeast");
    private static final double[] INCOME_EFFECT = {0, 0.5, 1.0, 1.5, 2.0};
    private static final double[] REGION_EFFECT = {0, 0.5, -0.5, 1.0};

    /** True coefficients of score ~ age10 + household_c + C(income, ref lt25k) + C(region, ref South) + C(gender, ref F). */
    public static final Map<String, Double> TRUE_COEFFICIENTS = coefficients();

    private static Map<String, Double> coefficients() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("const", 10.0);
        m.put("age10", 2.0);
        m.put("household_c", -1.0);
        for (int k = 1; k < 5; k++) m.put("income_bracket[T." + INCOME_LEVELS.get(k) + "]", INCOME_EFFECT[k]);
        for (int k = 1; k < 4; k++) m.put("region[T." + REGION_LEVELS.get(k) + "]", REGION_EFFECT[k]);
        m.put("gender[T.M]", 1.0);
        m.put("gender[T.X]", 0.0);
        return Map.copyOf(m);
    }

    public static CorrelatedPeople simulate(int n, long seed, double rate, MissingMechanism mechanism) {
        if (n < 1) throw new IllegalArgumentException("n must be >= 1, got " + n);
        if (!(rate >= 0 && rate < 1)) throw new IllegalArgumentException("rate must be in [0, 1), got " + rate);
        double[] age = new double[n], hh = new double[n], score = new double[n], ageT = new double[n], hhT = new double[n];
        String[] inc = new String[n], reg = new String[n], gen = new String[n], incT = new String[n], regT = new String[n];
        double[] genderCdf = Rng.cumulative(new double[] {0.49, 0.48, 0.03});
        String[] genders = {"F", "M", "X"};
        double[] incomeCdf = Rng.cumulative(new double[] {0.18, 0.22, 0.30, 0.17, 0.13});
        for (int i = 0; i < n; i++) {
            Rng r = new Rng(seed, i + 1, 2);
            int ib = r.categorical(incomeCdf);
            double pSouth = 0.45 - 0.08 * ib, pMid = 0.25, pWest = 0.15 + 0.04 * ib;
            double ur = r.nextDouble();
            int rg = ur < pSouth ? 0 : ur < pSouth + pMid ? 1 : ur < pSouth + pMid + pWest ? 2 : 3;
            int g = r.categorical(genderCdf);
            double a = 28 + 8 * ib + 10 * r.gaussian();
            double h = 3.2 - 0.05 * (a - 45) + (rg == 0 ? 0.4 : 0) + 0.9 * r.gaussian();
            double s = 10 + 2 * (a - 45) / 10 - (h - 3) + INCOME_EFFECT[ib] + REGION_EFFECT[rg] + (g == 1 ? 1 : 0) + 3 * r.gaussian();
            ageT[i] = a;
            incT[i] = INCOME_LEVELS.get(ib);
            hhT[i] = h;
            regT[i] = REGION_LEVELS.get(rg);
            gen[i] = genders[g];
            score[i] = s;
            Rng m = new Rng(seed, i + 1, 3);
            double pa = rate, pi = rate, ph = rate, pr = rate;
            if (mechanism == MissingMechanism.MAR) {
                pa = s > 11 ? 3.2 * rate : 0.15 * rate;
                pi = rate * (g == 1 ? 1.6 : 0.4);
                ph = rate * (rg == 0 ? 1.7 : 0.7);
            }
            age[i] = m.bernoulli(Math.min(0.95, pa)) ? Double.NaN : a;
            inc[i] = m.bernoulli(Math.min(0.95, pi)) ? null : incT[i];
            hh[i] = m.bernoulli(Math.min(0.95, ph)) ? Double.NaN : h;
            reg[i] = m.bernoulli(Math.min(0.95, pr)) ? null : regT[i];
        }
        return new CorrelatedPeople(n, age, inc, hh, reg, gen, score, ageT, incT, hhT, regT);
    }
}
