package stats;

/**
 * What {@link Design} does with missing values in a predictor column. Statistics (mean, median, mode)
 * are computed on the training rows that survive DROP, and stored in the {@link Encoding}, so new data is
 * filled with the training values.
 */
public enum Missing {
    /** Drop rows with a missing value in this column (at fit and at apply time). The default. */
    DROP,
    /** Numeric only: fill with the training mean. */
    MEAN,
    /** Numeric only: fill with the training median. */
    MEDIAN,
    /** Fill with the most frequent training value/level (ties: the smallest value / first level in sorted order). */
    MODE,
    /**
     * Numeric: fill with the training mean and add a 0/1 column {@code <col>_missing}. Categorical: missing
     * becomes its own level {@code (missing)}. Only added when the training data had missing values there
     * (otherwise the column would be all zeros, i.e. aliased); missing values met later are then filled
     * (numeric: mean; categorical: reference level) and counted in {@link DesignMatrix#warnings()}.
     */
    INDICATOR,
    /** Refuse missing values in this column with an error naming the column and row. */
    ERROR,
    /**
     * k nearest neighbours ({@link impute.Strategy#KNN}) over the design's other predictor columns (never the
     * response, which new rows do not have). The fitted imputer (its donor pool) lives in the {@link Encoding}.
     */
    KNN,
    /** A regression on the other predictors: linear (numeric) or (multinomial) logistic (categorical); {@link impute.Strategy#REGRESSION}. */
    REGRESSION,
    /** Chained equations over the predictors, rounds until stable ({@link impute.Strategy#ITERATIVE}). */
    ITERATIVE;

    /** Whether the strategy fills a column from the other columns (through an {@link impute.FittedImputer}). */
    public boolean multivariate() {
        return this == KNN || this == REGRESSION || this == ITERATIVE;
    }

    /** Parses a strategy name, case-insensitive ({@code mice} and {@code chained} mean ITERATIVE). */
    public static Missing parse(String s) {
        String k = s == null ? "" : s.trim().toUpperCase(java.util.Locale.ROOT);
        if (k.equals("MICE") || k.equals("CHAINED")) return ITERATIVE;
        for (Missing m : values()) if (m.name().equals(k)) return m;
        throw new IllegalArgumentException("unknown missing-value strategy '" + s + "'; expected one of "
                + java.util.Arrays.stream(values()).map(m -> m.name().toLowerCase(java.util.Locale.ROOT)).toList());
    }

    impute.Strategy strategy() {
        return switch (this) {
            case KNN -> impute.Strategy.KNN;
            case REGRESSION -> impute.Strategy.REGRESSION;
            case ITERATIVE -> impute.Strategy.ITERATIVE;
            default -> impute.Strategy.KEEP;
        };
    }
}
