package stats;

import numerics.Tails;
/**
 * An average marginal effect on the response scale (expected count for the GLMs), with its delta-method
 * standard error under the fit's covariance.
 *
 * @param term     input column
 * @param column   the coefficient it is about (numeric: the column; categorical: the level's dummy)
 * @param discrete true: mean over people of E[y | level] - E[y | reference level]; false: mean of dE[y]/dx
 */
public record MarginalEffect(String term, String column, boolean discrete, double effect, double se,
                             double z, double pValue, double lower, double upper) {
    static MarginalEffect of(String term, String column, boolean discrete, double effect, double se) {
        double z = effect / se;
        return new MarginalEffect(term, column, discrete, effect, se, z, Tails.normalTwoSided(z), effect - Tails.Z975 * se, effect + Tails.Z975 * se);
    }
}
