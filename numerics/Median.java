package numerics;

import java.util.Arrays;

/** The median of the values as numpy and R give it (mean of the two middle values for an even count). */
public final class Median {
    private Median() {}

    /** The median of v (v is not modified; callers reject an empty v first). */
    public static double of(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        int n = c.length;
        return n % 2 == 1 ? c[n / 2] : 0.5 * (c[n / 2 - 1] + c[n / 2]);
    }
}
