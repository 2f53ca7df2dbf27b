package model;

/**
 * One estimated lift (extra visits per exposure unless the model says otherwise) with its interval.
 *
 * @param model    which model (e.g. "identity Poisson, adjusted")
 * @param term     what the lift is for (a segment level, an ad, a channel, "all")
 * @param exposures exposures behind the estimate
 * @param interval how the interval was made (e.g. "95% robust Wald", "95% Bonferroni over 6 ads")
 */
public record LiftRow(String model, String term, long exposures, double estimate, double se, double lower, double upper,
                      double p, String interval) {}
