package synth;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Thirty TV channels CH01..CH30 whose audiences differ by age group and gender. For an exposure of a
 * person in cell (age group a, gender g) the channel is drawn with weight
 * {@code popularity(c) * exp(-0.9 |a - targetAge(c)|) * lean(c, g)}, where
 * popularity(c) = 1 / (1 + c / 6) (c = 0 for CH01), targetAge(c) = c mod 4 (0 = 18-34 .. 3 = 65+), and
 * lean(c, g) = 1.8 when c mod 3 = 0 and g = F, or c mod 3 = 1 and g = M; otherwise 1.
 * The resulting probabilities per cell are written to truth.json.
 */
public final class Channels {
    public static final int COUNT = 30;
    public static final List<String> AGE_GROUPS = List.of("18-34", "35-49", "50-64", "65+");
    private static final double[][] CDF = new double[AGE_GROUPS.size() * 3][];
    private static final double[][] PROB = new double[AGE_GROUPS.size() * 3][];
    static final byte[][] LABELS = new byte[COUNT][];

    static {
        for (int a = 0; a < AGE_GROUPS.size(); a++) {
            for (Gender g : Gender.values()) {
                double[] w = new double[COUNT];
                for (int c = 0; c < COUNT; c++) {
                    double popularity = 1 / (1 + c / 6.0);
                    double age = StrictMath.exp(-0.9 * Math.abs(a - c % 4));
                    double lean = (c % 3 == 0 && g == Gender.F) || (c % 3 == 1 && g == Gender.M) ? 1.8 : 1.0;
                    w[c] = popularity * age * lean;
                }
                PROB[cell(a, g)] = Demographics.normalised(w);
                CDF[cell(a, g)] = Rng.cumulative(w);
            }
        }
        for (int c = 0; c < COUNT; c++) LABELS[c] = label(c).getBytes(StandardCharsets.US_ASCII);
    }

    private Channels() {}

    public static String label(int index) {
        return String.format("CH%02d", index + 1);
    }

    static int cell(int ageGroup, Gender g) {
        return ageGroup * 3 + g.ordinal();
    }

    public static int cell(Person p) {
        return cell(p.ageGroup(), p.gender());
    }

    /** Probability of channel {@code channel} (0-based) for a person in the given age group and gender. */
    public static double probability(int ageGroup, Gender g, int channel) {
        return PROB[cell(ageGroup, g)][channel];
    }

    public static int sample(Rng rng, int cell) {
        return rng.categorical(CDF[cell]);
    }

    static Map<String, Object> describe() {
        Map<String, Object> byCell = new LinkedHashMap<>();
        for (int a = 0; a < AGE_GROUPS.size(); a++) {
            for (Gender g : Gender.values()) byCell.put(AGE_GROUPS.get(a) + "|" + g.label(), PROB[cell(a, g)].clone());
        }
        return Json.object(
                "labels", "CH01..CH30",
                "cells", "age group (18-34, 35-49, 50-64, 65+) | gender; each list is P(CH01..CH30)",
                "probabilities", byCell);
    }
}
