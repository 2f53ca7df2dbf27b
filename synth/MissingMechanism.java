package synth;

import java.util.Locale;

/**
 * How the generator blanks demographic cells in people.csv (the true values always drive exposures and visits).
 *
 * <ul>
 * <li>{@code MCAR}: every cell independently blank with the missing rate (the default).</li>
 * <li>{@code MAR}: the chance of a blank cell depends on other columns of the same person, so complete-case
 *     analysis and mean imputation are biased: age is blank more often for heavily exposed people (a factor
 *     of 2.2 at 10 or more exposures, 0.5 below), income_bracket more often for men (1.8 vs 0.5), household_size
 *     more often in the South (1.8 vs 0.55); gender and region stay MCAR. The factors multiply the missing rate
 *     (capped at 0.95), so the overall share per column stays near the rate.</li>
 * </ul>
 */
public enum MissingMechanism {
    MCAR, MAR;

    public static MissingMechanism parse(String s) {
        for (MissingMechanism m : values()) if (m.name().equalsIgnoreCase(s)) return m;
        throw new IllegalArgumentException("missing-value mechanism must be mcar or mar, not '" + s + "'");
    }

    public String cli() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Probabilities that age, gender, income_bracket, region, household_size are blank for {@code p}. */
    void probabilities(Person p, int exposures, double rate, double[] out) {
        java.util.Arrays.fill(out, rate);
        if (this == MCAR) return;
        out[0] = Math.min(0.95, rate * (exposures >= 10 ? 2.2 : 0.5));
        out[2] = Math.min(0.95, rate * (p.gender() == Gender.M ? 1.8 : 0.5));
        out[4] = Math.min(0.95, rate * (p.region() == Region.South ? 1.8 : 0.55));
    }
}
