package synth;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Six ad versions AD01..AD06 with fixed, unequal shares, independent of person, channel and time. */
public final class Ads {
    static final double[] WEIGHTS = {0.30, 0.22, 0.18, 0.14, 0.10, 0.06};
    private static final double[] CDF = Rng.cumulative(WEIGHTS);
    static final byte[][] LABELS = new byte[WEIGHTS.length][];

    static {
        for (int i = 0; i < LABELS.length; i++) LABELS[i] = label(i).getBytes(StandardCharsets.US_ASCII);
    }

    private Ads() {}

    public static String label(int index) {
        return String.format("AD%02d", index + 1);
    }

    public static int sample(Rng rng) {
        return rng.categorical(CDF);
    }

    static Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        double[] p = Demographics.normalised(WEIGHTS);
        for (int i = 0; i < p.length; i++) m.put(label(i), p[i]);
        return m;
    }
}
