package impute;

import java.util.List;
import java.util.Locale;

/**
 * Coefficients pooled over m imputations by Rubin's rules ({@link Rubin#pool}). Per coefficient:
 *
 * @param estimate  mean of the m estimates (Q-bar)
 * @param within    mean of the m squared standard errors (U-bar)
 * @param between   variance of the m estimates (B, divisor m-1)
 * @param se        sqrt(T), T = U-bar + (1 + 1/m) B
 * @param df        Barnard-Rubin degrees of freedom (Rubin's 1987 value when the complete-data df is infinite)
 * @param riv       relative increase in variance (1 + 1/m) B / U-bar
 * @param fmi       fraction of missing information, (riv + 2/(df+3)) / (riv + 1)
 * @param ciLower   95% interval: estimate -/+ t(0.975, df) se
 * @param pValues   two-sided, against t(df)
 */
public record PooledEstimates(int m, List<String> names, double[] estimate, double[] within, double[] between, double[] se,
                              double[] df, double[] riv, double[] fmi, double[] ciLower, double[] ciUpper, double[] pValues) {
    public PooledEstimates {
        names = List.copyOf(names);
    }

    public int index(String name) {
        int j = names.indexOf(name);
        if (j < 0) throw new IllegalArgumentException("no coefficient '" + name + "'; have " + names);
        return j;
    }

    /** statsmodels-like table (as R's {@code summary(pool(fit))}). */
    public String summary() {
        int w = 5;
        for (String n : names) w = Math.max(w, n.length());
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Pooled over %d imputations (Rubin's rules, Barnard-Rubin df)%n", m));
        sb.append(String.format(Locale.ROOT, "%-" + w + "s %11s %10s %9s %8s %8s %6s %11s %11s%n", "term", "estimate", "std err", "df", "P>|t|", "riv", "fmi", "[0.025", "0.975]"));
        for (int j = 0; j < names.size(); j++) {
            sb.append(String.format(Locale.ROOT, "%-" + w + "s %11.5g %10.4g %9.1f %8.4f %8.4f %6.3f %11.5g %11.5g%n", names.get(j), estimate[j], se[j],
                    Math.min(df[j], 1e9), pValues[j], riv[j], fmi[j], ciLower[j], ciUpper[j]));
        }
        return sb.toString();
    }
}
