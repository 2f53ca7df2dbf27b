package stats;

import java.util.List;
import java.util.Locale;

/**
 * Nonparametric (case-resampling) bootstrap of coefficients: percentile 95% intervals and bootstrap SEs.
 *
 * @param estimate full-sample coefficients
 * @param draws    [replicate][coefficient]; rows of NaN for replicates whose fit failed
 * @param failed   replicates whose resample could not be fitted (e.g. a rare level absent: rank deficient)
 * @param method   how each resample was estimated: refitted, or one Newton step from the full-sample fit
 *                 (see {@link Bootstrap})
 */
public record BootstrapResult(ModelKind model, List<String> names, int replicates, long seed, double[] estimate,
                              double[] standardErrors, double[] lower, double[] upper, int failed, double[][] draws,
                              String method) {
    public BootstrapResult {
        names = List.copyOf(names);
        if (method == null) method = Bootstrap.REFIT;
    }

    /** A refitting bootstrap's result (the shape before {@code method} existed). */
    public BootstrapResult(ModelKind model, List<String> names, int replicates, long seed, double[] estimate,
                           double[] standardErrors, double[] lower, double[] upper, int failed, double[][] draws) {
        this(model, names, replicates, seed, estimate, standardErrors, lower, upper, failed, draws, Bootstrap.REFIT);
    }

    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Bootstrap of %s coefficients: %d %s, seed %d%s%n", model.label(), replicates, method, seed,
                failed > 0 ? " (" + failed + " failed and excluded)" : ""));
        sb.append(String.format(Locale.ROOT, "%-24s %12s %12s %12s %12s%n", "", "coef", "boot se", "[0.025", "0.975]"));
        for (int j = 0; j < names.size(); j++) {
            sb.append(String.format(Locale.ROOT, "%-24s %12.5g %12.4g %12.5g %12.5g%n", names.get(j), estimate[j], standardErrors[j], lower[j], upper[j]));
        }
        sb.append("Percentile intervals. Replicate r resamples with new SplittableRandom(seed ^ mix(r)), so results do not depend on the thread count.\n");
        return sb.toString();
    }
}
