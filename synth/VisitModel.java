package synth;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * True model for site visits. Each person has Poisson(BASELINE[region]) visits at times drawn like
 * exposure times over the period, plus, for each of their exposures independently, a visit with
 * probability SLOPE[region] at the exposure time plus an exponential delay (mean 12 h). Hence
 * {@code E[visits | exposures = k, region] = BASELINE[region] + SLOPE[region] * k}: linear, with a known
 * per-region slope. (A triggered visit later than the visit window end is dropped: probability
 * at most exp(-7 d / 12 h) = exp(-14) ~ 8e-7 per triggered visit; their number is in truth.json.)
 */
public final class VisitModel {
    /** Baseline visits per person over the 6 weeks, by region (Northeast, Midwest, South, West). */
    static final double[] BASELINE = {1.2, 1.0, 1.5, 1.8};
    /** Probability that one exposure triggers a visit, by region. */
    static final double[] SLOPE = {0.08, 0.05, 0.03, 0.12};
    public static final double DELAY_MEAN_HOURS = 12;
    static final double DELAY_MEAN_SECONDS = DELAY_MEAN_HOURS * 3600;

    private VisitModel() {}

    public static double baseline(Region r) {
        return BASELINE[r.ordinal()];
    }

    public static double slope(Region r) {
        return SLOPE[r.ordinal()];
    }

    static Map<String, Object> describe() {
        Map<String, Object> base = new LinkedHashMap<>(), slope = new LinkedHashMap<>();
        for (Region r : Region.values()) {
            base.put(r.label(), BASELINE[r.ordinal()]);
            slope.put(r.label(), SLOPE[r.ordinal()]);
        }
        return Json.object(
                "conditional_mean", "E[visits | exposures, region] = baseline[region] + slope[region] * exposures",
                "baseline", base,
                "baseline_distribution", "Poisson(baseline[region]) per person, times like exposure times over the period",
                "slope", slope,
                "slope_meaning", "each exposure independently triggers one visit with probability slope[region]",
                "delay", Json.object("distribution", "exponential", "mean_hours", DELAY_MEAN_HOURS,
                        "after", "the triggering exposure's time"),
                "censoring", "triggered visits after visit_window_end are dropped (counted in counts.censored_visits)");
    }
}
