package synth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory population with CORRELATED demographics, a linear exposure score with known coefficients, and
 * missing cells by a stated mechanism, keeping the true values: the test bed for imputation (the file generator's
 * demographics are independent by design, so there imputation has little to learn from).
 *
 * <p>Per person (stream (seed, i, 2)): a latent life stage z ~ N(0,1); age = clamp(round(45 + 14 z + 5 e1), 18, 85);
 * income latent u = 0.8 z + 0.6 e2 cut at -0.9, -0.25, 0.5, 1.1 into the five brackets; household_size =
 * clamp(round(3 - 0.9 z + 0.9 e3), 1, 7); region from u + e4 (cuts -0.5, 0.3, 0.9: South, Midwest, West,
 * Northeast); gender F/M/X (0.49, 0.48, 0.03) independent; score = 10 + 2 age10 - 1 household_c +
 * income effect + region effect + 1 [gender M] + N(0, 3^2) with age10 = (age - 45) / 10,
 * household_c = household_size - 3 (see {@link #TRUE_COEFFICIENTS}).
 *
 * <p>Missing cells (stream (seed, i, 3)), score and gender never missing: MCAR blanks age, income_bracket,
 * household_size and region each with the rate. MAR: age with probability 2 rate sigmoid(1.5 (score - 10) / 4)
 * (heavily scored people hide their age: complete-case and mean imputation are then biased), income_bracket
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
        for (int i = 0; i < n; i++) {
            Rng r = new Rng(seed, i + 1, 2);
            double z = r.gaussian();
            double a = Math.max(18, Math.min(85, Math.rint(45 + 14 * z + 5 * r.gaussian())));
            double u = 0.8 * z + 0.6 * r.gaussian();
            int ib = u < -0.9 ? 0 : u < -0.25 ? 1 : u < 0.5 ? 2 : u < 1.1 ? 3 : 4;
            double h = Math.max(1, Math.min(7, Math.rint(3 - 0.9 * z + 0.9 * r.gaussian())));
            double v = u + r.gaussian();
            int rg = v < -0.5 ? 0 : v < 0.3 ? 1 : v < 0.9 ? 2 : 3;
            int g = r.categorical(genderCdf);
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
                pa = 2 * rate / (1 + Math.exp(-1.5 * (s - 10) / 4));
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
