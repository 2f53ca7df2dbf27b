package stats;

/**
 * A likelihood-ratio test of a restricted fit against a fuller one it is nested in:
 * LR = 2 (logL_full - logL_restricted), chi2 with df = the number of parameters dropped.
 *
 * @param term        what the restriction removes (a term name, or a description)
 * @param residualDeviance GLM: residual deviance of the restricted fit (NaN for OLS)
 */
public record LikelihoodRatioTest(String term, int df, double statistic, double pValue,
                                  double logLikelihoodRestricted, double logLikelihoodFull, double residualDeviance) {}
