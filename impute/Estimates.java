package impute;

import java.util.ArrayList;
import java.util.List;

/**
 * Coefficients and standard errors of one model fitted on one completed table: what {@link Rubin} pools.
 * Any model gives them, e.g. {@code t -> Estimates.of(r.names(), r.coefficients(), r.standardErrors(), r.dfResid())}.
 *
 * @param dfComplete the model's residual degrees of freedom without missing data (Barnard-Rubin small-sample
 *                   correction); {@code Double.POSITIVE_INFINITY} for large-sample (z-based) models
 */
public record Estimates(List<String> names, List<Double> coef, List<Double> se, double dfComplete) {
    public Estimates {
        names = List.copyOf(names);
        coef = List.copyOf(coef);
        se = List.copyOf(se);
        if (coef.size() != names.size() || se.size() != names.size()) {
            throw new IllegalArgumentException(names.size() + " names, " + coef.size() + " coefficients and " + se.size() + " standard errors; expected equal counts");
        }
        if (!(dfComplete > 0)) throw new IllegalArgumentException("dfComplete must be > 0 (or infinite), got " + dfComplete);
    }

    public static Estimates of(List<String> names, double[] coef, double[] se, double dfComplete) {
        List<Double> c = new ArrayList<>(), s = new ArrayList<>();
        for (double v : coef) c.add(v);
        for (double v : se) s.add(v);
        return new Estimates(names, c, s, dfComplete);
    }
}
