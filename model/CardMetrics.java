package model;

/**
 * In-sample fit of the carded model on its training rows.
 *
 * @param poissonDeviance mean Poisson unit deviance of the predicted means (comparable across the three models)
 * @param deviance        the model's own residual deviance (NaN for OLS)
 * @param dispersion      Pearson chi2 / df (NaN for OLS)
 */
public record CardMetrics(int n, double meanObserved, double meanPredicted, double rmse, double mae, double r2,
                          double poissonDeviance, double logLikelihood, double aic, double bic, double deviance, double dispersion) {}
