package synth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The population's true demographic distribution. The five attributes are drawn independently (so an
 * effect on the log-mean can be read off a simple ratio of group means), each from the fixed weights below.
 */
public final class Demographics {
    private Demographics() {}

    /** Age bands [lo, hi] inclusive and their probabilities; uniform within a band; 18..85 overall. */
    static final int[][] AGE_BANDS = {{18, 24}, {25, 34}, {35, 44}, {45, 54}, {55, 64}, {65, 74}, {75, 85}};
    static final double[] AGE_BAND_WEIGHTS = {0.12, 0.18, 0.17, 0.17, 0.16, 0.12, 0.08};
    static final double[] GENDER_WEIGHTS = {0.49, 0.48, 0.03};
    static final double[] INCOME_WEIGHTS = {0.18, 0.22, 0.30, 0.17, 0.13};
    static final double[] REGION_WEIGHTS = {0.17, 0.21, 0.38, 0.24};
    /** household_size 1..7. */
    static final double[] HOUSEHOLD_WEIGHTS = {0.28, 0.34, 0.15, 0.13, 0.06, 0.025, 0.015};

    private static final double[] AGE_CDF = Rng.cumulative(AGE_BAND_WEIGHTS);
    private static final double[] GENDER_CDF = Rng.cumulative(GENDER_WEIGHTS);
    private static final double[] INCOME_CDF = Rng.cumulative(INCOME_WEIGHTS);
    private static final double[] REGION_CDF = Rng.cumulative(REGION_WEIGHTS);
    private static final double[] HOUSEHOLD_CDF = Rng.cumulative(HOUSEHOLD_WEIGHTS);
    private static final Gender[] GENDERS = Gender.values();
    private static final IncomeBracket[] INCOMES = IncomeBracket.values();
    private static final Region[] REGIONS = Region.values();

    public static Person sample(int id, Rng rng) {
        int[] band = AGE_BANDS[rng.categorical(AGE_CDF)];
        int age = band[0] + rng.nextInt(band[1] - band[0] + 1);
        Gender gender = GENDERS[rng.categorical(GENDER_CDF)];
        IncomeBracket income = INCOMES[rng.categorical(INCOME_CDF)];
        Region region = REGIONS[rng.categorical(REGION_CDF)];
        int household = 1 + rng.categorical(HOUSEHOLD_CDF);
        return new Person(id, age, gender, income, region, household);
    }

    /** Probability of each single age 18..85 (index age - 18). */
    public static double[] ageProbabilities() {
        double[] p = new double[85 - 18 + 1];
        double total = 0;
        for (double w : AGE_BAND_WEIGHTS) total += w;
        for (int b = 0; b < AGE_BANDS.length; b++) {
            int width = AGE_BANDS[b][1] - AGE_BANDS[b][0] + 1;
            for (int a = AGE_BANDS[b][0]; a <= AGE_BANDS[b][1]; a++) p[a - 18] = AGE_BAND_WEIGHTS[b] / total / width;
        }
        return p;
    }

    static double[] normalised(double[] w) {
        double total = 0;
        for (double x : w) total += x;
        if (Math.abs(total - 1) < 1e-9) return w.clone(); // already probabilities: keep them as written (0.28, not 0.27999999999999997)
        double[] p = new double[w.length];
        for (int i = 0; i < w.length; i++) p[i] = w[i] / total;
        return p;
    }

    /** The distribution as written to truth.json. */
    static Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> age = new LinkedHashMap<>();
        age.put("min", 18);
        age.put("max", 85);
        List<Object> bands = new java.util.ArrayList<>();
        double[] pb = normalised(AGE_BAND_WEIGHTS);
        for (int b = 0; b < AGE_BANDS.length; b++) {
            bands.add(Json.object("from", AGE_BANDS[b][0], "to", AGE_BANDS[b][1], "p", pb[b]));
        }
        age.put("bands_uniform_within", bands);
        m.put("age", age);
        m.put("gender", probabilities(labels(Gender.values()), GENDER_WEIGHTS));
        m.put("income_bracket", probabilities(labels(IncomeBracket.values()), INCOME_WEIGHTS));
        m.put("region", probabilities(labels(Region.values()), REGION_WEIGHTS));
        m.put("household_size", probabilities(List.of("1", "2", "3", "4", "5", "6", "7"), HOUSEHOLD_WEIGHTS));
        m.put("independent", true);
        return m;
    }

    static Map<String, Object> probabilities(List<String> labels, double[] weights) {
        Map<String, Object> m = new LinkedHashMap<>();
        double[] p = normalised(weights);
        for (int i = 0; i < p.length; i++) m.put(labels.get(i), p[i]);
        return m;
    }

    static List<String> labels(Enum<?>[] values) {
        List<String> out = new java.util.ArrayList<>();
        for (Enum<?> v : values) {
            out.add(v instanceof IncomeBracket ib ? ib.label() : v.name());
        }
        return out;
    }
}
