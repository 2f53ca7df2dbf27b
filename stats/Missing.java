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
    ERROR
}
