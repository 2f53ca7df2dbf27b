package model;

/**
 * Drift of one variable between training and new data.
 *
 * @param psi          population stability index (see {@link Profile#psi})
 * @param level        STABLE (&lt; 0.1), MODERATE (0.1-0.25) or SIGNIFICANT (&gt; 0.25)
 * @param bucket       the bucket contributing most to the PSI
 * @param expectedShare that bucket's share in training
 * @param actualShare  its share in the new data
 */
public record DriftRow(String name, double psi, Level level, String bucket, double expectedShare, double actualShare) {
    public enum Level { STABLE, MODERATE, SIGNIFICANT }

    /** PSI below this: stable. */
    public static final double MODERATE = 0.1;
    /** PSI above this: significant shift. */
    public static final double SIGNIFICANT = 0.25;

    public static Level level(double psi) {
        return psi < MODERATE ? Level.STABLE : psi <= SIGNIFICANT ? Level.MODERATE : Level.SIGNIFICANT;
    }

    static DriftRow of(Profile expected, Profile actual) {
        double psi = expected.psi(actual);
        double[] e = expected.shares(), a = actual.shares();
        int top = 0;
        double best = -1;
        for (int i = 0; i < e.length; i++) {
            double ei = Math.max(e[i], Profile.FLOOR), ai = Math.max(a[i], Profile.FLOOR);
            double c = (ai - ei) * Math.log(ai / ei);
            if (c > best) { best = c; top = i; }
        }
        return new DriftRow(expected.name(), psi, level(psi), expected.bucketLabels().get(top), e[top], a[top]);
    }
}
