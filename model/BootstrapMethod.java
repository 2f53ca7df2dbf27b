package model;

/** How {@link ExposureModels} bootstraps the coefficients (see {@code stats.Bootstrap} for both). */
public enum BootstrapMethod {
    /**
     * One Newton step from the full-sample fit per resample, with the full-sample information and encoding:
     * one pass over the design per replicate, so it never costs more than the fits and CV (the default).
     */
    ONE_STEP,
    /**
     * Every resample refitted to convergence with its own encoding (levels, imputation values): the
     * reference method, a full fit per replicate per model (minutes at 200k rows).
     */
    REFIT
}
