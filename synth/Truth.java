package synth;

import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The true parameters behind a generated data set, as typed values (for tests and JShell) and as
 * truth.json. Exposures: NB2 with log mu = x'beta (see {@link ExposureModel} for the design encoding).
 * Visits: E[visits | exposures, region] = baseline[region] + slope[region] * exposures.
 */
public record Truth(long seed, int people, double missingRate,
                    Map<String, Double> beta, double alpha, double impliedMeanExposures, double impliedZeroShare,
                    Map<String, Double> visitBaseline, Map<String, Double> visitSlope, double delayMeanHours,
                    LocalDateTime periodStart, LocalDateTime periodEnd, LocalDateTime visitWindowEnd) {

    public static Truth of(Generator.Config config) {
        Map<String, Double> beta = new LinkedHashMap<>(), base = new LinkedHashMap<>(), slope = new LinkedHashMap<>();
        for (String t : ExposureModel.TERMS) beta.put(t, ExposureModel.beta(t));
        for (Region r : Region.values()) {
            base.put(r.label(), VisitModel.baseline(r));
            slope.put(r.label(), VisitModel.slope(r));
        }
        double[] implied = ExposureModel.impliedMoments();
        return new Truth(config.seed(), config.people(), config.missingRate(), beta, ExposureModel.ALPHA,
                implied[0], implied[1], base, slope, VisitModel.DELAY_MEAN_HOURS,
                Schedule.toDateTime(0), Schedule.toDateTime(Schedule.END_SECOND),
                Schedule.toDateTime(Schedule.VISIT_WINDOW_END_SECOND));
    }

    /** The "missing" block; for the default (MCAR, no true-values file) exactly as before the MAR option. */
    private Map<String, Object> missing(Generator.Config config) {
        if (config.mechanism() == MissingMechanism.MCAR && !config.trueValues()) {
            return Json.object(
                    "rate", missingRate,
                    "mechanism", "MCAR: each demographic cell independently blank with this probability; "
                            + "true values are simulated for everyone and used for exposures and visits",
                    "columns", Generator.DEMOGRAPHIC_COLUMNS);
        }
        Map<String, Object> m = Json.object(
                "rate", missingRate,
                "mechanism", config.mechanism() == MissingMechanism.MCAR
                        ? "MCAR: each demographic cell independently blank with this probability; "
                                + "true values are simulated for everyone and used for exposures and visits"
                        : "MAR: the chance of a blank cell is the rate times a factor that depends on other columns of the person "
                                + "(capped at 0.95); true values are simulated for everyone and used for exposures and visits",
                "columns", Generator.DEMOGRAPHIC_COLUMNS);
        if (config.mechanism() == MissingMechanism.MAR) {
            m.put("mar_factors", Json.object(
                    "age", "2.2 when the person has >= 10 exposures, else 0.5",
                    "gender", "1 (MCAR)",
                    "income_bracket", "1.8 for gender M, else 0.5",
                    "region", "1 (MCAR)",
                    "household_size", "1.8 in region South, else 0.55"));
        }
        if (config.trueValues()) m.put("true_values", config.fileName(Generator.TRUE_VALUES));
        return m;
    }

    /** truth.json: parameters, design, and what was actually written. */
    public String toJson(Generator.Config config, Generator.Counts counts) {
        Map<String, Object> root = Json.object(
                "generator", "synth.Generator (data/generate.java)",
                "seed", seed,
                "people", (long) people,
                "files", Json.object(
                        "people", config.fileName("people"),
                        "exposures", config.fileName("exposures"),
                        "site_visits", config.fileName("site_visits"),
                        "order", "exposures and site_visits grouped by person in person_id order, time-sorted within a person"),
                "period", Schedule.describe(),
                "missing", missing(config),
                "demographics", Demographics.describe(),
                "exposures", ExposureModel.describe(),
                "ads", Ads.describe(),
                "channels", Channels.describe(),
                "visits", VisitModel.describe(),
                "counts", Json.object(
                        "people", counts.people(),
                        "exposures", counts.exposures(),
                        "site_visits", counts.siteVisits(),
                        "baseline_visits", counts.baselineVisits(),
                        "triggered_visits", counts.triggeredVisits(),
                        "censored_visits", counts.censoredVisits(),
                        "people_with_zero_exposures", counts.peopleWithZeroExposures(),
                        "max_exposures_per_person", (long) counts.maxExposures(),
                        "missing", new LinkedHashMap<String, Object>(counts.missing())));
        return Json.write(root);
    }
}
